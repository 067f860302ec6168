import {
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
import { Person } from '../intake/people/person.entity.js';
import { Area } from '../service-directory/areas/area.entity.js';

export const CASE_STATUSES = ['new', 'triaged', 'active', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** P1 immediate (safeguarding or risk to life), P2 urgent, P3 standard, P4 information only. */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CLOSE_REASONS = [
  'support_complete',
  'signposted',
  'referred_on',
  'no_further_action',
  'person_declined',
  'unable_to_contact',
  'moved_away',
  'duplicate',
  'other',
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** One need of a case: a need taxonomy code and its severity (1 low, 3 high). */
export interface CaseNeed {
  code: string;
  severity: 1 | 2 | 3;
}

/**
 * One episode of support for a person, from first contact to closure. `needs`, `risks`,
 * `priority` and `due_at` are the latest triage's (the history is in `triages`); `area_code` is
 * the person's area when the case was opened or last triaged; `need_codes` copies the needs'
 * codes for the queue's need filter.
 */
@Entity('cases')
@Index('IDX_cases_queue', ['status', 'priority', 'dueAt', 'id'])
@Index('IDX_cases_owner_open', ['ownerUserId', 'status'], { where: `status <> 'closed'` })
@Index('IDX_cases_need_codes', { synchronize: false })
export class Case {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IDX_cases_person_id')
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'FK_cases_person' })
  person?: Relation<Person>;

  @Column({ type: 'enum', enum: CASE_STATUSES, enumName: 'case_status', default: 'new' })
  status: CaseStatus;

  @Column({ type: 'enum', enum: PRIORITIES, enumName: 'case_priority', nullable: true })
  priority: Priority | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ name: 'owner_user_id', type: 'uuid', nullable: true })
  ownerUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_user_id', foreignKeyConstraintName: 'FK_cases_owner' })
  owner?: Relation<User>;

  @Column({ name: 'area_code', type: 'varchar', length: 40, nullable: true })
  areaCode: string | null;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'area_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'FK_cases_area',
  })
  area?: Relation<Area>;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  needs: CaseNeed[];

  @Column({ name: 'need_codes', type: 'text', array: true, default: () => "'{}'" })
  needCodes: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  risks: string[];

  @Column({ type: 'boolean', default: false })
  safeguarding: boolean;

  @Column({ name: 'opened_by', type: 'uuid' })
  openedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'opened_by', foreignKeyConstraintName: 'FK_cases_opened_by' })
  opener?: Relation<User>;

  @CreateDateColumn({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'triaged_at', type: 'timestamptz', nullable: true })
  triagedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({
    name: 'close_reason',
    type: 'enum',
    enum: CLOSE_REASONS,
    enumName: 'case_close_reason',
    nullable: true,
  })
  closeReason: CloseReason | null;

  @Column({ name: 'close_notes', type: 'text', nullable: true })
  closeNotes: string | null;

  /** A team lead's reason for closing while referrals were still open. */
  @Column({ name: 'close_open_referrals_reason', type: 'text', nullable: true })
  closeOpenReferralsReason: string | null;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'closed_by', foreignKeyConstraintName: 'FK_cases_closed_by' })
  closer?: Relation<User>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}

/** Who held a case, from when: every assignment, including past-limit overrides and their reason. */
@Entity('case_assignments')
@Index('IDX_case_assignments_case_id', ['caseId', 'assignedAt'])
export class CaseAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_case_assignments_case' })
  case?: Relation<Case>;

  @Column({ name: 'from_user_id', type: 'uuid', nullable: true })
  fromUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_user_id', foreignKeyConstraintName: 'FK_case_assignments_from' })
  fromUser?: Relation<User>;

  @Column({ name: 'to_user_id', type: 'uuid' })
  toUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_user_id', foreignKeyConstraintName: 'FK_case_assignments_to' })
  toUser?: Relation<User>;

  @Column({ name: 'assigned_by', type: 'uuid' })
  assignedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigned_by', foreignKeyConstraintName: 'FK_case_assignments_by' })
  assigner?: Relation<User>;

  @CreateDateColumn({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt: Date;

  /** Given when the assignment took the worker past their caseload limit. */
  @Column({ name: 'override_reason', type: 'text', nullable: true })
  overrideReason: string | null;
}

/** A note written on a case. */
@Entity('case_notes')
@Index('IDX_case_notes_case_id', ['caseId', 'writtenAt'])
export class CaseNote {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_case_notes_case' })
  case?: Relation<Case>;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'written_by', type: 'uuid' })
  writtenBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'written_by', foreignKeyConstraintName: 'FK_case_notes_written_by' })
  writer?: Relation<User>;

  @CreateDateColumn({ name: 'written_at', type: 'timestamptz' })
  writtenAt: Date;
}

export const MEASURE_STAGES = ['baseline', 'followup'] as const;
export type MeasureStage = (typeof MEASURE_STAGES)[number];

/** One score on an outcome instrument of config/outcome-measures.json. */
@Entity('outcome_measures')
@Index('IDX_outcome_measures_case_id', ['caseId', 'measure', 'recordedAt'])
export class OutcomeMeasure {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_outcome_measures_case' })
  case?: Relation<Case>;

  /** The instrument's code in config/outcome-measures.json. */
  @Column({ type: 'varchar', length: 40 })
  measure: string;

  @Column({ type: 'enum', enum: MEASURE_STAGES, enumName: 'measure_stage' })
  stage: MeasureStage;

  @Column({ type: 'integer' })
  score: number;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'FK_outcome_measures_recorded_by' })
  recorder?: Relation<User>;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
