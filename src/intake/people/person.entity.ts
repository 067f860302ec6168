import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { User } from '../../auth/users/user.entity.js';
import { Area } from '../../service-directory/areas/area.entity.js';

/**
 * Flags a programme needs, e.g. for the digital-inclusion cohort. Codes are stable; the labels
 * are in the README.
 */
export const PERSON_FLAGS = [
  'digitally_excluded_no_device',
  'digitally_excluded_no_connection',
  'digitally_excluded_no_skills',
  'carer',
  'lives_alone',
  'interpreter_needed',
  'veteran',
] as const;
export type PersonFlag = (typeof PERSON_FLAGS)[number];

/**
 * A person the support is for. `phone_normalised` (digits, UK national form) and the trigram
 * index on the full name serve duplicate detection (migrations: CreateIntakeAndCases).
 */
@Entity('people')
@Index('IDX_people_name_trgm', { synchronize: false })
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'first_name', type: 'varchar', length: 100 })
  firstName: string;

  @Column({ name: 'last_name', type: 'varchar', length: 100 })
  lastName: string;

  @Column({ name: 'preferred_name', type: 'varchar', length: 100, nullable: true })
  preferredName: string | null;

  @Index('IDX_people_date_of_birth')
  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  phone: string | null;

  @Index('IDX_people_phone_normalised')
  @Column({ name: 'phone_normalised', type: 'varchar', length: 20, nullable: true })
  phoneNormalised: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address: string | null;

  /** Normalised, e.g. `PR25 1DH`. */
  @Index('IDX_people_postcode')
  @Column({ type: 'varchar', length: 8, nullable: true })
  postcode: string | null;

  /** The ward of the postcode's sector, when it is in the borough. */
  @Column({ name: 'area_code', type: 'varchar', length: 40, nullable: true })
  areaCode: string | null;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'area_code',
    referencedColumnName: 'code',
    foreignKeyConstraintName: 'FK_people_area',
  })
  area?: Relation<Area>;

  /** Preferred language (e.g. `en`, `pl`, `ur`, or a name). */
  @Column({ type: 'varchar', length: 50, nullable: true })
  language: string | null;

  @Column({ name: 'communication_needs', type: 'varchar', length: 1000, nullable: true })
  communicationNeeds: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  flags: PersonFlag[];

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_people_created_by' })
  creator?: Relation<User>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}

/**
 * Equality monitoring, kept apart from the person's record: written with the person, never read
 * back one person at a time, only ever counted in aggregate. Every field is optional and
 * "prefer not to say" is an answer.
 */
@Entity('person_equality')
export class PersonEquality {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @OneToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'FK_person_equality_person' })
  person?: Relation<Person>;

  @Column({ name: 'age_band', type: 'varchar', length: 40, nullable: true })
  ageBand: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  sex: string | null;

  @Column({ name: 'gender_identity', type: 'varchar', length: 60, nullable: true })
  genderIdentity: string | null;

  @Column({ type: 'varchar', length: 80, nullable: true })
  ethnicity: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  disability: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  religion: string | null;

  @Column({ name: 'sexual_orientation', type: 'varchar', length: 60, nullable: true })
  sexualOrientation: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
