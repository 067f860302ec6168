import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { User } from '../../auth/users/user.entity.js';

/**
 * A request made with an `Idempotency-Key`: per user and key, the body's hash and the first
 * response (status and body), stored in the same transaction as the work it answers.
 */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_idempotency_keys_user' })
  user?: Relation<User>;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  /** Method and path the key was used on, e.g. `POST /api/contacts`. */
  @Column({ type: 'varchar', length: 200 })
  route: string;

  /** SHA-256 of the request body, hex. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  @Column({ name: 'response_status', type: 'smallint' })
  responseStatus: number;

  @Column({ name: 'response_body', type: 'jsonb' })
  responseBody: unknown;

  @Index('IDX_idempotency_keys_created_at')
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
