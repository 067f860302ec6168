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
import { User } from '../../auth/users/user.entity.js';
import { Case } from '../../cases/case.entity.js';
import { Person } from '../people/person.entity.js';

export const CONTACT_CHANNELS = [
  'phone',
  'email',
  'walk_in',
  'web_form',
  'professional_referral',
] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/**
 * One call, email, visit, web form or professional referral, by one handler, on one channel,
 * about one person and one case. (Table `intake_contacts`: the directory's HSDS `contacts` are
 * a service's named contacts.)
 */
@Entity('intake_contacts')
@Index('IDX_intake_contacts_case_id', ['caseId', 'startedAt'])
@Index('IDX_intake_contacts_person_id', ['personId', 'startedAt'])
export class IntakeContact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'FK_intake_contacts_person' })
  person?: Relation<Person>;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_intake_contacts_case' })
  case?: Relation<Case>;

  @Column({ type: 'enum', enum: CONTACT_CHANNELS, enumName: 'contact_channel' })
  channel: ContactChannel;

  /** Who got in touch, when not the person: e.g. a GP or a neighbour. */
  @Column({ name: 'caller_name', type: 'varchar', length: 200, nullable: true })
  callerName: string | null;

  @Column({ name: 'caller_relationship', type: 'varchar', length: 100, nullable: true })
  callerRelationship: string | null;

  @Column({ name: 'caller_organisation', type: 'varchar', length: 200, nullable: true })
  callerOrganisation: string | null;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'handler_user_id', type: 'uuid' })
  handlerUserId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'handler_user_id', foreignKeyConstraintName: 'FK_intake_contacts_handler' })
  handler?: Relation<User>;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
