import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Location } from '../locations/location.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { ServiceAtLocation } from './service-at-location.entity.js';
import { Service } from './service.entity.js';

/**
 * A named contact (HSDS `contact`) of exactly one service, organisation, location or
 * service-at-location. A contact's details are about a role ("Reception"), not a resident.
 */
@Entity('contacts')
@Check(
  'CHK_contacts_one_owner',
  `num_nonnulls(service_id, organisation_id, location_id, service_at_location_id) = 1`,
)
export class Contact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IDX_contacts_service_id')
  @Column({ name: 'service_id', type: 'uuid', nullable: true })
  serviceId: string | null;

  @ManyToOne(() => Service, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_contacts_service' })
  service?: Relation<Service>;

  @Index('IDX_contacts_organisation_id')
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_contacts_organisation' })
  organisation?: Relation<Organisation>;

  @Index('IDX_contacts_location_id')
  @Column({ name: 'location_id', type: 'uuid', nullable: true })
  locationId: string | null;

  @ManyToOne(() => Location, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'FK_contacts_location' })
  location?: Relation<Location>;

  @Index('IDX_contacts_service_at_location_id')
  @Column({ name: 'service_at_location_id', type: 'uuid', nullable: true })
  serviceAtLocationId: string | null;

  @ManyToOne(() => ServiceAtLocation, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'service_at_location_id',
    foreignKeyConstraintName: 'FK_contacts_service_at_location',
  })
  serviceAtLocation?: Relation<ServiceAtLocation>;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  department: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;
}

/** A telephone number (HSDS `phone`) of exactly one service, organisation, location, contact or service-at-location. */
@Entity('phones')
@Check(
  'CHK_phones_one_owner',
  `num_nonnulls(service_id, organisation_id, location_id, contact_id, service_at_location_id) = 1`,
)
export class Phone {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IDX_phones_service_id')
  @Column({ name: 'service_id', type: 'uuid', nullable: true })
  serviceId: string | null;

  @ManyToOne(() => Service, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_phones_service' })
  service?: Relation<Service>;

  @Index('IDX_phones_organisation_id')
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_phones_organisation' })
  organisation?: Relation<Organisation>;

  @Index('IDX_phones_location_id')
  @Column({ name: 'location_id', type: 'uuid', nullable: true })
  locationId: string | null;

  @ManyToOne(() => Location, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'FK_phones_location' })
  location?: Relation<Location>;

  @Index('IDX_phones_contact_id')
  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId: string | null;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id', foreignKeyConstraintName: 'FK_phones_contact' })
  contact?: Relation<Contact>;

  @Index('IDX_phones_service_at_location_id')
  @Column({ name: 'service_at_location_id', type: 'uuid', nullable: true })
  serviceAtLocationId: string | null;

  @ManyToOne(() => ServiceAtLocation, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'service_at_location_id',
    foreignKeyConstraintName: 'FK_phones_service_at_location',
  })
  serviceAtLocation?: Relation<ServiceAtLocation>;

  @Column({ type: 'varchar', length: 50 })
  number: string;

  @Column({ type: 'integer', nullable: true })
  extension: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  type: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** HSDS phone languages, as imported. */
  @Column({ type: 'jsonb', nullable: true })
  languages: unknown[] | null;
}
