import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';

/**
 * A taxonomy other than the need taxonomy (HSDS `taxonomy`), e.g. one that came with an import.
 * The need taxonomy itself lives in `need_terms` and is published under a fixed id (hsds/ids.ts).
 */
@Entity('taxonomies')
export class Taxonomy {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  uri: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  version: string | null;
}

/** A term of an imported taxonomy (HSDS `taxonomy_term`). */
@Entity('taxonomy_terms')
export class TaxonomyTerm {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('IDX_taxonomy_terms_taxonomy_id')
  @Column({ name: 'taxonomy_id', type: 'uuid', nullable: true })
  taxonomyId: string | null;

  @ManyToOne(() => Taxonomy, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'taxonomy_id', foreignKeyConstraintName: 'FK_taxonomy_terms_taxonomy' })
  taxonomy?: Relation<Taxonomy>;

  @Column({ type: 'varchar', length: 300, nullable: true })
  code: string | null;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** Not a foreign key: a parent may arrive later in the same import, or never. */
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  /** The taxonomy's name when the term came without a taxonomy record (HSDS `taxonomy`). */
  @Column({ name: 'taxonomy_name', type: 'varchar', length: 300, nullable: true })
  taxonomyName: string | null;

  @Column({ name: 'term_uri', type: 'varchar', length: 2000, nullable: true })
  termUri: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  language: string | null;
}
