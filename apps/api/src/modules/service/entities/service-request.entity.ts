import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Client } from '../../clients/entities/client.entity';

export const REQUEST_KINDS = ['consultation', 'malfunction'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_CHANNELS = ['phone', 'email', 'messenger', 'visit', 'other'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export const REQUEST_STATUSES = ['open', 'escalated', 'resolved'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** A phone consultation or a malfunction report from a client, about a unit or in general. */
@Entity('service_requests')
@Check('service_requests_kind_check', `kind IN ('consultation', 'malfunction')`)
@Check('service_requests_channel_check', `channel IN ('phone', 'email', 'messenger', 'visit', 'other')`)
@Check('service_requests_status_check', `status IN ('open', 'escalated', 'resolved')`)
export class ServiceRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('service_requests_client_idx')
  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @ManyToOne(() => Client)
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Index('service_requests_unit_idx')
  @Column({ name: 'equipment_unit_id', type: 'uuid', nullable: true })
  equipmentUnitId: string | null;

  @Column({ type: 'varchar', length: 12 })
  kind: RequestKind;

  @Column({ type: 'varchar', length: 12 })
  channel: RequestChannel;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  /** Received + the response time in working hours (production calendar, 09–18 Moscow). */
  @Index('service_requests_deadline_idx')
  @Column({ name: 'respond_by', type: 'timestamptz' })
  respondBy: Date;

  @Column({ type: 'varchar', length: 12, default: 'open' })
  status: RequestStatus;

  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  /** The visit it was escalated to. */
  @Column({ name: 'service_visit_id', type: 'uuid', nullable: true })
  serviceVisitId: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
