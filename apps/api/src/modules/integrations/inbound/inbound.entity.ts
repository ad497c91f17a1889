import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Settings of the inbound channels: one row (id 1). */
@Entity('inbound_settings')
export class InboundSettings {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  /** When set, the website form must send it (`siteKey`); null accepts every form post. */
  @Column({ name: 'site_key', type: 'varchar', length: 100, nullable: true })
  siteKey: string | null;

  /** Managers who receive new leads in turn (round robin). */
  @Column({ name: 'duty_manager_ids', type: 'uuid', array: true, default: () => "'{}'" })
  dutyManagerIds: string[];

  /** How many leads have been handed out: the next manager is `dutyManagerIds[cursor % n]`. */
  @Column({ name: 'round_robin_cursor', type: 'integer', default: 0 })
  roundRobinCursor: number;

  /** The acquisition channel (reference item) of website leads' clients and deals. */
  @Column({ name: 'lead_channel_id', type: 'uuid', nullable: true })
  leadChannelId: string | null;

  /** Shared secret of the telephony and e-mail webhooks (`X-Inbound-Secret`); null refuses them. */
  @Column({ name: 'inbound_secret', type: 'varchar', length: 100, nullable: true })
  inboundSecret: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** An inbound e-mail: attached to a client's timeline, or waiting for review (unknown sender). */
@Entity('inbound_emails')
export class InboundEmail {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The Message-ID header: the same message delivered twice is stored once. */
  @Index('inbound_emails_message_uq', { unique: true })
  @Column({ name: 'message_id', type: 'varchar', length: 300 })
  messageId: string;

  @Column({ name: 'from_address', type: 'varchar', length: 254 })
  fromAddress: string;

  @Column({ name: 'from_name', type: 'varchar', length: 200, nullable: true })
  fromName: string | null;

  @Column({ type: 'varchar', length: 500 })
  subject: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'client_id', type: 'uuid', nullable: true })
  clientId: string | null;

  /** attached (on a client's timeline) or review (unknown sender). */
  @Index('inbound_emails_status_idx')
  @Column({ type: 'varchar', length: 16 })
  status: string;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}

/** A call the telephony reported; (provider, externalId) makes a repeated webhook a no-op. */
@Entity('inbound_calls')
@Index('inbound_calls_external_uq', ['provider', 'externalId'], { unique: true })
export class InboundCall {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** generic (our payload) or mango (Mango Office summary). */
  @Column({ type: 'varchar', length: 32 })
  provider: string;

  @Column({ name: 'external_id', type: 'varchar', length: 200 })
  externalId: string;

  /** incoming or outgoing. */
  @Column({ type: 'varchar', length: 16 })
  direction: string;

  @Column({ type: 'boolean' })
  missed: boolean;

  /** The client's side of the call, E.164 when it could be read as a phone number. */
  @Column({ type: 'varchar', length: 32 })
  phone: string;

  @Index('inbound_calls_client_idx')
  @Column({ name: 'client_id', type: 'uuid', nullable: true })
  clientId: string | null;

  @Column({ name: 'duration_seconds', type: 'integer' })
  durationSeconds: number;

  @Column({ name: 'recording_url', type: 'varchar', length: 2000, nullable: true })
  recordingUrl: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
