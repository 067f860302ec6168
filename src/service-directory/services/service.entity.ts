import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { Area } from '../areas/area.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { NeedTerm } from '../taxonomy/need-term.entity.js';
import { TaxonomyTerm } from '../taxonomy/taxonomy-term.entity.js';

/** HSDS 3.0 service statuses. */
export const SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/**
 * A service (HSDS `service`), plus what referral needs: whether it accepts referrals, its response
 * target, its capacity, its eligibility and the organisation that receives its referrals.
 * `need_codes`, `area_codes` and `search_vector` are search's copies, kept by database triggers
 * (migrations: AddServiceSearchColumns) and GIN-indexed; the application never writes them.
 */
@Entity('services')
@Index('IDX_services_need_codes', { synchronize: false })
@Index('IDX_services_area_codes', { synchronize: false })
@Index('IDX_services_search_vector', { synchronize: false })
@Check(
  'CHK_services_ages',
  `minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age`,
)
@Check(
  'CHK_services_capacity',
  `capacity_available IS NULL OR capacity_maximum IS NULL OR capacity_available <= capacity_maximum`,
)
export class Service {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The organisation that provides the service (HSDS `organization_id`). */
  @Index('IDX_services_organisation_id')
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_services_organisation' })
  organisation?: Relation<Organisation>;

  /** The organisation whose users receive and answer this service's referrals. */
  @Index('IDX_services_receiving_organisation_id')
  @Column({ name: 'receiving_organisation_id', type: 'uuid' })
  receivingOrganisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'receiving_organisation_id',
    foreignKeyConstraintName: 'FK_services_receiving_organisation',
  })
  receivingOrganisation?: Relation<Organisation>;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ name: 'alternate_name', type: 'varchar', length: 300, nullable: true })
  alternateName: string | null;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  url: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({
    type: 'enum',
    enum: SERVICE_STATUSES,
    enumName: 'service_status',
    default: 'active',
  })
  status: ServiceStatus;

  @Column({ name: 'interpretation_services', type: 'text', nullable: true })
  interpretationServices: string | null;

  @Column({ name: 'application_process', type: 'text', nullable: true })
  applicationProcess: string | null;

  @Column({ name: 'fees_description', type: 'text', nullable: true })
  feesDescription: string | null;

  @Column({ type: 'text', nullable: true })
  accreditations: string | null;

  /** Eligibility criteria in words (HSDS `eligibility_description`). */
  @Column({ name: 'eligibility_description', type: 'text', nullable: true })
  eligibilityDescription: string | null;

  @Column({ name: 'minimum_age', type: 'integer', nullable: true })
  minimumAge: number | null;

  @Column({ name: 'maximum_age', type: 'integer', nullable: true })
  maximumAge: number | null;

  @Column({ type: 'text', nullable: true })
  alert: string | null;

  @Column({ name: 'assured_date', type: 'date', nullable: true })
  assuredDate: string | null;

  @Column({ name: 'assurer_email', type: 'varchar', length: 254, nullable: true })
  assurerEmail: string | null;

  @Column({ name: 'accepting_referrals', type: 'boolean', default: true })
  acceptingReferrals: boolean;

  /** Hours within which the receiving organisation should answer a referral; null: no target. */
  @Column({ name: 'response_target_hours', type: 'integer', nullable: true })
  responseTargetHours: number | null;

  /** Places left (HSDS 3.1 service capacity); null when the service does not count places. */
  @Column({ name: 'capacity_available', type: 'integer', nullable: true })
  capacityAvailable: number | null;

  @Column({ name: 'capacity_maximum', type: 'integer', nullable: true })
  capacityMaximum: number | null;

  /**
   * HSDS fields the directory does not use itself (languages, funding, cost options, required
   * documents, programs...), kept as imported so the feed gives them back.
   */
  @Column({ name: 'hsds_extra', type: 'jsonb', nullable: true })
  hsdsExtra: object | null;

  /** The service's need codes (from service_needs), for search. */
  @Column({
    name: 'need_codes',
    type: 'text',
    array: true,
    nullable: true,
    select: false,
    insert: false,
    update: false,
  })
  needCodes?: string[] | null;

  /** The service's coded areas (from service_areas), for search. */
  @Column({
    name: 'area_codes',
    type: 'text',
    array: true,
    nullable: true,
    select: false,
    insert: false,
    update: false,
  })
  areaCodes?: string[] | null;

  /** Name and description as full text, for search. */
  @Column({
    name: 'search_vector',
    type: 'tsvector',
    nullable: true,
    select: false,
    insert: false,
    update: false,
  })
  searchVector?: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}

/** A need the service meets: a code of the need taxonomy. */
@Entity('service_needs')
@Index('IDX_service_needs_need_code_service_id', ['needCode', 'serviceId'])
export class ServiceNeed {
  @PrimaryColumn({ name: 'service_id', type: 'uuid' })
  serviceId: string;

  @PrimaryColumn({ name: 'need_code', type: 'varchar', length: 60 })
  needCode: string;

  @ManyToOne(() => Service, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_service_needs_service' })
  service?: Relation<Service>;

  @ManyToOne(() => NeedTerm, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'need_code', foreignKeyConstraintName: 'FK_service_needs_need_term' })
  need?: Relation<NeedTerm>;
}

/** A term of an imported taxonomy (HSDS attribute with a taxonomy term) linked to a service. */
@Entity('service_taxonomy_terms')
@Index('IDX_service_taxonomy_terms_term_id', ['taxonomyTermId'])
export class ServiceTaxonomyTerm {
  @PrimaryColumn({ name: 'service_id', type: 'uuid' })
  serviceId: string;

  @PrimaryColumn({ name: 'taxonomy_term_id', type: 'uuid' })
  taxonomyTermId: string;

  /** The HSDS attribute's id, kept so the feed gives the same one back. */
  @Column({ name: 'attribute_id', type: 'uuid' })
  attributeId: string;

  @ManyToOne(() => Service, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_service_taxonomy_terms_service' })
  service?: Relation<Service>;

  @ManyToOne(() => TaxonomyTerm, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'taxonomy_term_id',
    foreignKeyConstraintName: 'FK_service_taxonomy_terms_term',
  })
  taxonomyTerm?: Relation<TaxonomyTerm>;
}

/**
 * Where a service is available (HSDS `service_area`). `area_code` ties it to one of the
 * borough's areas, which is what search uses; the district's code means borough-wide.
 */
@Entity('service_areas')
@Index('IDX_service_areas_area_code_service_id', ['areaCode', 'serviceId'])
export class ServiceArea {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IDX_service_areas_service_id')
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;

  @ManyToOne(() => Service, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_service_areas_service' })
  service?: Relation<Service>;

  @Column({ name: 'area_code', type: 'varchar', length: 40, nullable: true })
  areaCode: string | null;

  @ManyToOne(() => Area, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'area_code', foreignKeyConstraintName: 'FK_service_areas_area' })
  area?: Relation<Area>;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', nullable: true })
  extent: string | null;

  @Column({ name: 'extent_type', type: 'varchar', length: 40, nullable: true })
  extentType: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  uri: string | null;
}
