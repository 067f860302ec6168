import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { User } from '../auth/users/user.entity.js';
import { Case, PRIORITIES, type CaseNeed, type Priority } from '../cases/case.entity.js';
import { Service } from '../service-directory/services/service.entity.js';

/**
 * One triage of a case, kept for good: re-triage adds a row, and the case carries the latest.
 * `rule` names the rule of config/triage-rules.json that gave the priority.
 */
@Entity('triages')
@Index('IDX_triages_case_id', ['caseId', 'triagedAt'])
export class Triage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_triages_case' })
  case?: Relation<Case>;

  @Column({ type: 'jsonb' })
  needs: CaseNeed[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  risks: string[];

  @Column({ type: 'boolean' })
  safeguarding: boolean;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'enum', enum: PRIORITIES, enumName: 'case_priority' })
  priority: Priority;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'varchar', length: 100 })
  rule: string;

  @Column({ name: 'triaged_by', type: 'uuid' })
  triagedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'triaged_by', foreignKeyConstraintName: 'FK_triages_triaged_by' })
  triager?: Relation<User>;

  @CreateDateColumn({ name: 'triaged_at', type: 'timestamptz' })
  triagedAt: Date;
}

/** Information given about a service for the person to contact it themselves; no referral is sent. */
@Entity('signposts')
@Index('IDX_signposts_case_id', ['caseId', 'givenAt'])
export class Signpost {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_signposts_case' })
  case?: Relation<Case>;

  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;

  @ManyToOne(() => Service, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_signposts_service' })
  service?: Relation<Service>;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'given_by', type: 'uuid' })
  givenBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'given_by', foreignKeyConstraintName: 'FK_signposts_given_by' })
  giver?: Relation<User>;

  @CreateDateColumn({ name: 'given_at', type: 'timestamptz' })
  givenAt: Date;
}
