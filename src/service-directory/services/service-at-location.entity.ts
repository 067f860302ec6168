import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Location } from '../locations/location.entity.js';
import { Service } from './service.entity.js';

/** A service delivered at a location (HSDS `service_at_location`). */
@Entity('service_at_locations')
@Index('UQ_service_at_locations_service_location', ['serviceId', 'locationId'], { unique: true })
export class ServiceAtLocation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;

  @ManyToOne(() => Service, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'service_id', foreignKeyConstraintName: 'FK_service_at_locations_service' })
  service?: Relation<Service>;

  @Index('IDX_service_at_locations_location_id')
  @Column({ name: 'location_id', type: 'uuid' })
  locationId: string;

  @ManyToOne(() => Location, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'FK_service_at_locations_location' })
  location?: Relation<Location>;

  @Column({ type: 'text', nullable: true })
  description: string | null;
}
