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
import { ServiceAtLocation } from './service-at-location.entity.js';
import { Service } from './service.entity.js';

/**
 * Opening times (HSDS `schedule`, an iCalendar-like recurrence) of exactly one service, location or
 * service-at-location. "Open now" reads weekly schedules: `byday` (MO,TU,...) with `opens_at` and
 * `closes_at` in the borough's local time, within `valid_from`..`valid_to`.
 */
@Entity('schedules')
@Check(
  'CHK_schedules_one_owner',
  `num_nonnulls(service_id, location_id, service_at_location_id) = 1`,
)
export class Schedule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IDX_schedules_service_id')
  @Column({ name: 'service_id', type: 'uuid', nullable: true })
  serviceId: string | null;

  @ManyToOne(() => Service, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_schedules_service' })
  service?: Relation<Service>;

  @Index('IDX_schedules_location_id')
  @Column({ name: 'location_id', type: 'uuid', nullable: true })
  locationId: string | null;

  @ManyToOne(() => Location, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'FK_schedules_location' })
  location?: Relation<Location>;

  @Index('IDX_schedules_service_at_location_id')
  @Column({ name: 'service_at_location_id', type: 'uuid', nullable: true })
  serviceAtLocationId: string | null;

  @ManyToOne(() => ServiceAtLocation, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'service_at_location_id',
    foreignKeyConstraintName: 'FK_schedules_service_at_location',
  })
  serviceAtLocation?: Relation<ServiceAtLocation>;

  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom: string | null;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @Column({ type: 'date', nullable: true })
  dtstart: string | null;

  @Column({ type: 'integer', nullable: true })
  timezone: number | null;

  @Column({ type: 'date', nullable: true })
  until: string | null;

  @Column({ type: 'integer', nullable: true })
  count: number | null;

  @Column({ type: 'varchar', length: 2, nullable: true })
  wkst: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  freq: string | null;

  @Column({ type: 'integer', nullable: true })
  interval: number | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  byday: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  byweekno: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  bymonthday: string | null;

  @Column({ type: 'varchar', length: 400, nullable: true })
  byyearday: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'opens_at', type: 'time', nullable: true })
  opensAt: string | null;

  @Column({ name: 'closes_at', type: 'time', nullable: true })
  closesAt: string | null;

  @Column({ name: 'schedule_link', type: 'varchar', length: 2000, nullable: true })
  scheduleLink: string | null;

  @Column({ name: 'attending_type', type: 'text', nullable: true })
  attendingType: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;
}
