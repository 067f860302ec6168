import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';

/** A term of the need taxonomy (e.g. `money.debt` under `money`). Codes are stable. */
@Entity('need_terms')
export class NeedTerm {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  code: string;

  @Column({ type: 'varchar', length: 120 })
  label: string;

  @Index('IDX_need_terms_parent_code')
  @Column({ name: 'parent_code', type: 'varchar', length: 60, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => NeedTerm, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'FK_need_terms_parent' })
  parent?: Relation<NeedTerm>;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
