import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** old → new of one changed field. */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/**
 * One write to a business record or a user: who, when, what, old → new. Written in the
 * same transaction as the change it describes, so history and data never disagree.
 */
@Entity('audit_log')
@Index('audit_log_entity_idx', ['entityType', 'entityId', 'occurredAt'])
@Index('audit_log_actor_idx', ['actorId', 'occurredAt'])
export class AuditEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Index('audit_log_time_idx')
  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  /** Null for system actions (scheduled jobs, seeds). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 64 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64 })
  entityId: string;

  @Column({ type: 'jsonb' })
  changes: FieldChanges;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  /** The API token the change or call came through (its name kept: the log outlives a revoked token). */
  @Column({ name: 'api_token_id', type: 'uuid', nullable: true })
  apiTokenId: string | null;

  @Column({ name: 'api_token_name', type: 'varchar', length: 100, nullable: true })
  apiTokenName: string | null;
}
