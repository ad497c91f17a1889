import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Client } from './client.entity';

/**
 * One entry of a client's history: a note, a change of client data, a contact change,
 * a reassignment, deal stages, proposals, invoices, payments, tasks, installations.
 * Written by TimelineProjection from the domain events, in the transaction of the
 * change it records.
 */
@Entity('timeline_events')
@Index('timeline_events_client_time_idx', ['clientId', 'occurredAt', 'id'])
export class TimelineEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  /** One of TIMELINE_KINDS (timeline-kinds.ts). */
  @Index('timeline_events_kind_idx')
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /**
   * The data of the kind (TimelinePayloads in timeline-kinds.ts): note text, field
   * changes old → new, amounts as decimal strings… The client renders it in the
   * reader's language; the server stores no sentences.
   */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** The record the event is about (a contact, a deal, an invoice…), if any. */
  @Column({ name: 'subject_type', type: 'varchar', length: 40, nullable: true })
  subjectType: string | null;

  @Column({ name: 'subject_id', type: 'varchar', length: 64, nullable: true })
  subjectId: string | null;
}
