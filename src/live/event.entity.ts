import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The event log: one row for every change others should hear of, written in the same
 * transaction as the change. `data` holds ids, codes, states, priorities, due times and areas,
 * never personal data. `organisation_id` is the partner organisation the event concerns, if any
 * (front-door events have none).
 *
 * `seq` is given by the relay once the change has committed, in the order events are published:
 * it increases by one from event to event, so a client that has `seq` n has everything up to n.
 * An event whose `seq` is still null is committed but not yet published. A partner's events (its
 * organisation's referral events) are also numbered among themselves, `partner_seq`, in the same
 * order: that is the `seq` a partner sees, so its numbers count nothing of anyone else's.
 */
@Entity('events')
@Index('IDX_events_entity', ['entityType', 'entityId'])
@Index('IDX_events_unpublished', ['id'], { where: 'seq IS NULL' })
@Index('IDX_events_partner_seq', ['organisationId', 'partnerSeq'], {
  unique: true,
  where: 'partner_seq IS NOT NULL',
})
export class DomainEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'varchar', length: 60 })
  type: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 40 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId: string;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Index('IDX_events_seq', { unique: true })
  @Column({ type: 'bigint', nullable: true })
  seq: string | null;

  @Column({ name: 'partner_seq', type: 'bigint', nullable: true })
  partnerSeq: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
