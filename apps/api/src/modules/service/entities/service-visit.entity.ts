import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Client } from '../../clients/entities/client.entity';

export const VISIT_STATUSES = ['planned', 'done', 'missed', 'rescheduled', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

/** A part used on a visit: a catalogue line or free text. */
export interface PartUsed {
  productId: string | null;
  description: string;
  quantity: string;
}

/**
 * An engineer's visit to a client: planned from a service contract (one per unit and
 * contract period), escalated from a request, or added by hand.
 */
@Entity('service_visits')
// The plan generator may run twice (job retried, contract changed meanwhile): the
// database, not the generator, guarantees one planned visit per unit and period.
@Index('service_visits_unit_period_key', ['equipmentUnitId', 'periodStart'], { unique: true, where: `status = 'planned' AND period_start IS NOT NULL` })
@Index('service_visits_planned_idx', ['plannedOn'])
@Check('service_visits_status_check', `status IN ('planned', 'done', 'missed', 'rescheduled', 'cancelled')`)
export class ServiceVisit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('service_visits_client_idx')
  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @ManyToOne(() => Client)
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Index('service_visits_contract_idx')
  @Column({ name: 'service_contract_id', type: 'uuid', nullable: true })
  serviceContractId: string | null;

  @Index('service_visits_unit_idx')
  @Column({ name: 'equipment_unit_id', type: 'uuid', nullable: true })
  equipmentUnitId: string | null;

  /** The request this visit was escalated from. */
  @Column({ name: 'service_request_id', type: 'uuid', nullable: true })
  serviceRequestId: string | null;

  /** First day of the contract period the visit belongs to (null outside a plan). */
  @Column({ name: 'period_start', type: 'date', nullable: true })
  periodStart: string | null;

  @Column({ name: 'planned_on', type: 'date' })
  plannedOn: string;

  @Column({ type: 'varchar', length: 12, default: 'planned' })
  status: VisitStatus;

  /** Why missed or rescheduled. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'engineer_ids', type: 'uuid', array: true })
  engineerIds: string[];

  @Column({ name: 'done_on', type: 'date', nullable: true })
  doneOn: string | null;

  @Column({ name: 'work_done', type: 'text', nullable: true })
  workDone: string | null;

  @Column({ name: 'parts_used', type: 'jsonb', nullable: true })
  partsUsed: PartUsed[] | null;

  /** The client's person who signed the report. */
  @Column({ name: 'signatory_name', type: 'varchar', length: 200, nullable: true })
  signatoryName: string | null;

  /** When its engineers got the reminder task (null: not yet). */
  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
