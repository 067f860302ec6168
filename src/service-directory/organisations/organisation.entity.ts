import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../common/auth/roles.js';

/** One front door per installation; every other organisation is a partner. */
@Entity('organisations')
@Index('UQ_organisations_one_front_door', ['kind'], { unique: true, where: `kind = 'front_door'` })
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('UQ_organisations_name', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'enum', enum: ORGANISATION_KINDS, enumName: 'organisation_kind' })
  kind: OrganisationKind;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** What the organisation does (HSDS `description`, required by Open Referral UK). */
  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  website: string | null;

  /** HSDS fields the directory does not use itself (legal status, identifiers...), as imported. */
  @Column({ name: 'hsds_extra', type: 'jsonb', nullable: true })
  hsdsExtra: object | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
