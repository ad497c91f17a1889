import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The first answer to a POST with an `Idempotency-Key`, per caller and key, replayed
 * to a repeat of the same request for 24 hours.
 */
@Entity('idempotency_keys')
@Index('idempotency_keys_expiry_idx', ['expiresAt'])
export class IdempotencyKey {
  /** `user:<id>`, `token:<id>` or `ip:<address>` for public endpoints. */
  @PrimaryColumn({ type: 'varchar', length: 80 })
  caller: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  /** SHA-256 of method, path and body: another request under the same key is refused. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  /** Null while the first request is still running. */
  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
