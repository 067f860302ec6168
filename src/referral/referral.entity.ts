import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { User } from '../auth/users/user.entity.js';
import { Case, PRIORITIES, type Priority } from '../cases/case.entity.js';
import { Consent } from '../intake/consent/consent.entity.js';
import { Person } from '../intake/people/person.entity.js';
import { Area } from '../service-directory/areas/area.entity.js';
import { Organisation } from '../service-directory/organisations/organisation.entity.js';
import { Service } from '../service-directory/services/service.entity.js';
import {
  DECLINE_REASONS,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  type DeclineReason,
  type ReferralOutcome,
  type ReferralStatus,
} from './referral-states.js';
import type { ReferralSnapshot } from './referral-snapshot.js';

/**
 * A request from the front door to a partner service to support a person: the closed loop.
 * `organisation_id` is the receiving organisation (the service's, at sending); a partner user
 * sees a referral only through it. `snapshot` is what was shared, frozen at sending.
 * `overdue_at` is set once, by the sweeper, when a referral still `sent` passes `due_at`.
 */
@Entity('referrals')
// The inbox: a partner's referrals by status and sending time; overdue_at is in it too, so the
// counts (by status, and overdue) are read from the index alone.
@Index('IDX_referrals_inbox', ['organisationId', 'status', 'sentAt', 'id', 'overdueAt'])
@Index('IDX_referrals_case_id', ['caseId', 'sentAt'])
@Index('IDX_referrals_open_per_service', ['caseId', 'serviceId'], {
  unique: true,
  where: `status IN ('sent', 'accepted', 'in_progress', 'on_hold')`,
})
@Index('IDX_referrals_awaiting_due', ['dueAt'], {
  where: `status = 'sent' AND overdue_at IS NULL`,
})
@Index('IDX_referrals_replaces', ['replacesReferralId'], {
  unique: true,
  where: `replaces_referral_id IS NOT NULL`,
})
@Check('CHK_referrals_held_from', `(status = 'on_hold') = (held_from IS NOT NULL)`)
export class Referral {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_referrals_case' })
  case?: Relation<Case>;

  @Index('IDX_referrals_person_id')
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'FK_referrals_person' })
  person?: Relation<Person>;

  @Index('IDX_referrals_service_id')
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;

  @ManyToOne(() => Service, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_referrals_service' })
  service?: Relation<Service>;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_referrals_organisation' })
  organisation?: Relation<Organisation>;

  @Column({ type: 'enum', enum: REFERRAL_STATUSES, enumName: 'referral_status', default: 'sent' })
  status: ReferralStatus;

  /** While on hold: the state it was held from, where `resume` returns it. */
  @Column({
    name: 'held_from',
    type: 'enum',
    enum: REFERRAL_STATUSES,
    enumName: 'referral_status',
    nullable: true,
  })
  heldFrom: ReferralStatus | null;

  /** Why the person is referred, in the sender's words. */
  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'shared_fields', type: 'text', array: true })
  sharedFields: string[];

  @Column({ type: 'jsonb' })
  snapshot: ReferralSnapshot;

  /** The case's priority at sending. */
  @Column({ type: 'enum', enum: PRIORITIES, enumName: 'case_priority', nullable: true })
  priority: Priority | null;

  @Column({ type: 'boolean', default: false })
  urgent: boolean;

  @Column({ type: 'boolean', default: false })
  safeguarding: boolean;

  /** The person's area at sending. */
  @Column({ name: 'area_code', type: 'varchar', length: 40, nullable: true })
  areaCode: string | null;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'area_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'FK_referrals_area',
  })
  area?: Relation<Area>;

  /** Given when the service does not cover the person's area. */
  @Column({ name: 'out_of_area_reason', type: 'text', nullable: true })
  outOfAreaReason: string | null;

  /** The consent record that covered the sharing, when one did. */
  @Column({ name: 'consent_id', type: 'uuid', nullable: true })
  consentId: string | null;

  @ManyToOne(() => Consent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consent_id', foreignKeyConstraintName: 'FK_referrals_consent' })
  consent?: Relation<Consent>;

  /** Why the person's details were shared without their consent (a team lead's decision). */
  @Column({ name: 'consent_override_reason', type: 'text', nullable: true })
  consentOverrideReason: string | null;

  /** The team lead who made or approved the consent override. */
  @Column({ name: 'consent_override_by', type: 'uuid', nullable: true })
  consentOverrideBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'consent_override_by',
    foreignKeyConstraintName: 'FK_referrals_consent_override_by',
  })
  consentOverrider?: Relation<User>;

  /** The declined referral this one re-routes. */
  @Column({ name: 'replaces_referral_id', type: 'uuid', nullable: true })
  replacesReferralId: string | null;

  @ManyToOne(() => Referral, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'replaces_referral_id', foreignKeyConstraintName: 'FK_referrals_replaces' })
  replaces?: Relation<Referral>;

  @Column({ name: 'sent_by', type: 'uuid' })
  sentBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sent_by', foreignKeyConstraintName: 'FK_referrals_sent_by' })
  sender?: Relation<User>;

  @CreateDateColumn({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  /** When the sweeper found it past due and still unanswered; set once. */
  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt: Date | null;

  /** The receiving partner's first view. */
  @Column({ name: 'viewed_at', type: 'timestamptz', nullable: true })
  viewedAt: Date | null;

  @Column({ name: 'viewed_by', type: 'uuid', nullable: true })
  viewedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'viewed_by', foreignKeyConstraintName: 'FK_referrals_viewed_by' })
  viewer?: Relation<User>;

  /** When the partner accepted or declined. */
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({
    name: 'decline_reason',
    type: 'enum',
    enum: DECLINE_REASONS,
    enumName: 'referral_decline_reason',
    nullable: true,
  })
  declineReason: DeclineReason | null;

  @Column({
    type: 'enum',
    enum: REFERRAL_OUTCOMES,
    enumName: 'referral_outcome',
    nullable: true,
  })
  outcome: ReferralOutcome | null;

  /** When it reached a final state (declined, completed, withdrawn). */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}

/**
 * Everything that happened to a referral, oldest first: its sending, every transition (with the
 * reason code or outcome and the note given), and the overdue flag (no actor: the sweeper).
 */
@Entity('referral_history')
@Index('IDX_referral_history_referral_id', ['referralId', 'at'])
export class ReferralHistoryEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  @ManyToOne(() => Referral, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'FK_referral_history_referral' })
  referral?: Relation<Referral>;

  /** `send`, one of the actions, or `overdue`. */
  @Column({ type: 'varchar', length: 20 })
  action: string;

  @Column({
    name: 'from_status',
    type: 'enum',
    enum: REFERRAL_STATUSES,
    enumName: 'referral_status',
    nullable: true,
  })
  fromStatus: ReferralStatus | null;

  @Column({
    name: 'to_status',
    type: 'enum',
    enum: REFERRAL_STATUSES,
    enumName: 'referral_status',
  })
  toStatus: ReferralStatus;

  /** A decline reason or an outcome code. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  code: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_user_id', foreignKeyConstraintName: 'FK_referral_history_actor' })
  actor?: Relation<User>;

  /** The moment of writing, not of the transaction's start: entries are in the order they happened. */
  @Column({ name: 'at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;
}

/** The thread between the sender's side and the receiving partner on one referral. */
@Entity('referral_messages')
@Index('IDX_referral_messages_referral_id', ['referralId', 'sentAt'])
export class ReferralMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId: string;

  @ManyToOne(() => Referral, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'FK_referral_messages_referral' })
  referral?: Relation<Referral>;

  @Column({ name: 'author_user_id', type: 'uuid' })
  authorUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_user_id', foreignKeyConstraintName: 'FK_referral_messages_author' })
  author?: Relation<User>;

  /** `front_door` or `partner`. */
  @Column({ type: 'varchar', length: 20 })
  side: string;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;
}

/**
 * A team lead's approval to refer a person without consent to one service, for one case: asked
 * for by a handler or caseworker, used by exactly one referral, and only within its validity.
 */
@Entity('consent_override_approvals')
@Index('IDX_consent_override_approvals_used', ['usedByReferralId'], {
  unique: true,
  where: `used_by_referral_id IS NOT NULL`,
})
export class ConsentOverrideApproval {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IDX_consent_override_approvals_case_id')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_consent_override_approvals_case' })
  case?: Relation<Case>;

  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;

  @ManyToOne(() => Service, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'service_id',
    foreignKeyConstraintName: 'FK_consent_override_approvals_service',
  })
  service?: Relation<Service>;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'approved_by', type: 'uuid' })
  approvedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'approved_by',
    foreignKeyConstraintName: 'FK_consent_override_approvals_approved_by',
  })
  approver?: Relation<User>;

  @CreateDateColumn({ name: 'approved_at', type: 'timestamptz' })
  approvedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_by_referral_id', type: 'uuid', nullable: true })
  usedByReferralId: string | null;

  @ManyToOne(() => Referral, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'used_by_referral_id',
    foreignKeyConstraintName: 'FK_consent_override_approvals_referral',
  })
  usedBy?: Relation<Referral>;
}
