import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { User } from '../../auth/users/user.entity.js';
import { Person } from '../people/person.entity.js';

export const CONSENT_SCOPES = ['all_partners', 'named_organisations'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];
export const CONSENT_METHODS = ['verbal', 'written'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/**
 * Consent to share, its own record: a person's answer (given or refused), what it covers, how it
 * was taken, the wording read out, who recorded it and when, until when it holds, and its
 * withdrawal. A later record does not change an earlier one; withdrawal ends one.
 */
@Entity('consents')
@Index('IDX_consents_person_id', ['personId', 'recordedAt'])
@Check('CHK_consents_scope', `scope <> 'named_organisations' OR cardinality(organisation_ids) > 0`)
export class Consent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'FK_consents_person' })
  person?: Relation<Person>;

  @Column({ type: 'boolean' })
  given: boolean;

  @Column({ type: 'enum', enum: CONSENT_SCOPES, enumName: 'consent_scope' })
  scope: ConsentScope;

  /** With `named_organisations`: the organisations it covers. */
  @Column({ name: 'organisation_ids', type: 'uuid', array: true, default: () => "'{}'" })
  organisationIds: string[];

  @Column({ type: 'enum', enum: CONSENT_METHODS, enumName: 'consent_method' })
  method: ConsentMethod;

  /** The version of the consent wording read out or signed. */
  @Column({ name: 'wording_version', type: 'varchar', length: 40 })
  wordingVersion: string;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'FK_consents_recorded_by' })
  recorder?: Relation<User>;

  /** When the person answered (may be a little before it was entered). */
  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'withdrawn_by', type: 'uuid', nullable: true })
  withdrawnBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'withdrawn_by', foreignKeyConstraintName: 'FK_consents_withdrawn_by' })
  withdrawer?: Relation<User>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
