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
import { Area } from '../areas/area.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';

export const LOCATION_TYPES = ['physical', 'postal', 'virtual'] as const;
export type LocationType = (typeof LOCATION_TYPES)[number];

/** A place services are delivered from (HSDS `location`), owned by one organisation. */
@Entity('locations')
export class Location {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IDX_locations_organisation_id')
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_locations_organisation' })
  organisation?: Relation<Organisation>;

  @Column({
    name: 'location_type',
    type: 'enum',
    enum: LOCATION_TYPES,
    enumName: 'location_type',
    default: 'physical',
  })
  locationType: LocationType;

  @Column({ type: 'varchar', length: 300, nullable: true })
  name: string | null;

  @Column({ name: 'alternate_name', type: 'varchar', length: 300, nullable: true })
  alternateName: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', nullable: true })
  transportation: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  url: string | null;

  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  @Column({ name: 'external_identifier', type: 'varchar', length: 200, nullable: true })
  externalIdentifier: string | null;

  @Column({ name: 'external_identifier_type', type: 'varchar', length: 100, nullable: true })
  externalIdentifierType: string | null;

  /** The ward its address's postcode falls in, if any. */
  @Index('IDX_locations_area_code')
  @Column({ name: 'area_code', type: 'varchar', length: 40, nullable: true })
  areaCode: string | null;

  @ManyToOne(() => Area, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'area_code', foreignKeyConstraintName: 'FK_locations_area' })
  area?: Relation<Area>;

  /** HSDS fields the directory does not use itself (languages, accessibility...), as imported. */
  @Column({ name: 'hsds_extra', type: 'jsonb', nullable: true })
  hsdsExtra: object | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}

/** A location's address (HSDS `address`). */
@Entity('addresses')
export class Address {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IDX_addresses_location_id')
  @Column({ name: 'location_id', type: 'uuid' })
  locationId: string;

  @ManyToOne(() => Location, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'FK_addresses_location' })
  location?: Relation<Location>;

  @Column({ type: 'varchar', length: 300, nullable: true })
  attention: string | null;

  @Column({ name: 'address_1', type: 'varchar', length: 300 })
  address1: string;

  @Column({ name: 'address_2', type: 'varchar', length: 300, nullable: true })
  address2: string | null;

  @Column({ type: 'varchar', length: 200 })
  city: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  region: string | null;

  @Column({ name: 'state_province', type: 'varchar', length: 200 })
  stateProvince: string;

  @Column({ name: 'postal_code', type: 'varchar', length: 20 })
  postalCode: string;

  @Column({ type: 'varchar', length: 2 })
  country: string;

  @Column({
    name: 'address_type',
    type: 'enum',
    enum: LOCATION_TYPES,
    enumName: 'address_type',
    default: 'physical',
  })
  addressType: LocationType;
}
