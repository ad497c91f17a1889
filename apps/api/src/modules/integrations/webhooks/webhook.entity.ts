import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** A subscriber URL for domain events. */
@Entity('webhooks')
export class Webhook {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  /** Event types delivered to this URL. */
  @Column({ type: 'text', array: true })
  events: string[];

  /** HMAC-SHA256 key of the signature header; readable by admins (the receiver needs it). */
  @Column({ type: 'varchar', length: 128 })
  secret: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Lets deliveries go to loopback / private / link-local addresses (an admin's explicit choice). */
  @Column({ name: 'allow_private_network', type: 'boolean', default: false })
  allowPrivateNetwork: boolean;

  /** Why the webhook was switched off by the system (persistent failure); null otherwise. */
  @Column({ name: 'disabled_reason', type: 'varchar', length: 200, nullable: true })
  disabledReason: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One event sent (or to be sent) to one webhook; a replay is a new delivery of the same event. */
@Entity('webhook_deliveries')
@Index('webhook_deliveries_hook_time_idx', ['webhookId', 'createdAt'])
export class WebhookDelivery {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'webhook_id', type: 'uuid' })
  webhookId: string;

  @ManyToOne(() => Webhook, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'webhook_id', foreignKeyConstraintName: 'webhook_deliveries_webhook_fk' })
  webhook?: Webhook;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType: string;

  /** The JSON body sent, exactly. */
  @Column({ type: 'jsonb' })
  payload: object;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** The delivery this one replays. */
  @Column({ name: 'replay_of', type: 'uuid', nullable: true })
  replayOf: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}

/** One HTTP attempt of a delivery: what the receiver answered and how long it took. */
@Entity('webhook_attempts')
export class WebhookAttempt {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Index('webhook_attempts_delivery_idx')
  @Column({ name: 'delivery_id', type: 'uuid' })
  deliveryId: string;

  @ManyToOne(() => WebhookDelivery, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'webhook_attempts_delivery_fk' })
  delivery?: WebhookDelivery;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs: number;

  /** HTTP status; null when no answer came (refused, timeout, blocked address). */
  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode: number | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  error: string | null;

  /** The first characters of the answer body. */
  @Column({ name: 'response_excerpt', type: 'varchar', length: 500, nullable: true })
  responseExcerpt: string | null;
}

/** The last sequence number given to a resource's events, so a receiver can order them. */
@Entity('webhook_sequences')
export class WebhookSequence {
  @PrimaryColumn({ name: 'resource_type', type: 'varchar', length: 32 })
  resourceType: string;

  @PrimaryColumn({ name: 'resource_id', type: 'varchar', length: 64 })
  resourceId: string;

  @Column({ type: 'bigint' })
  sequence: string;
}
