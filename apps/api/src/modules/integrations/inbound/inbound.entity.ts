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
