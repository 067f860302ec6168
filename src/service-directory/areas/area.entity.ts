import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';

export const AREA_KINDS = ['district', 'service_delivery_area', 'ward'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

/** A place residents are served by: the district, a service delivery area, or a ward. */
@Entity('areas')
export class Area {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'enum', enum: AREA_KINDS, enumName: 'area_kind' })
  kind: AreaKind;

  @Index('IDX_areas_parent_code')
  @Column({ name: 'parent_code', type: 'varchar', length: 40, nullable: true })
  parentCode: string | null;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'FK_areas_parent' })
  parent?: Relation<Area>;
}

/** A postcode sector (e.g. `PR25 1`) and the ward that covers it. */
@Entity('area_postcode_sectors')
export class AreaPostcodeSector {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  sector: string;

  @Index('IDX_area_postcode_sectors_area_code')
  @Column({ name: 'area_code', type: 'varchar', length: 40 })
  areaCode: string;

  @ManyToOne(() => Area, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'area_code', foreignKeyConstraintName: 'FK_area_postcode_sectors_area' })
  area?: Relation<Area>;
}
