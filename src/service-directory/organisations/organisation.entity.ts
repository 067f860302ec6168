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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
