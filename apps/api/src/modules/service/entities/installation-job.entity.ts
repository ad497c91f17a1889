import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Client } from '../../clients/entities/client.entity';

export const INSTALLATION_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type InstallationStatus = (typeof INSTALLATION_STATUSES)[number];

/** Why a job finished after the contract's deadline. */
export const SLIP_CODES = ['late_handover', 'equipment_not_delivered', 'client_not_ready', 'other'] as const;
export type SlipCode = (typeof SLIP_CODES)[number];

/**
 * Installation of sold equipment at the client's site, created when a deal is handed
 * over (one per deal), due by the contract's installation deadline.
 */
@Entity('installation_jobs')
@Check('installation_jobs_status_check', `status IN ('planned', 'in_progress', 'done', 'cancelled')`)
@Check('installation_jobs_slip_code_check', `slip_code IN ('late_handover', 'equipment_not_delivered', 'client_not_ready', 'other')`)
export class InstallationJob {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** One job per deal: a hand-over repeated after a step back does not duplicate it. */
  @Column({ name: 'deal_id', type: 'uuid', unique: true })
  dealId: string;

  @Column({ name: 'contract_id', type: 'uuid', nullable: true })
  contractId: string | null;

  @Index('installation_jobs_client_idx')
  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @ManyToOne(() => Client)
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Index('installation_jobs_deadline_idx')
  @Column({ type: 'date', nullable: true })
  deadline: string | null;

  @Column({ type: 'varchar', length: 12, default: 'planned' })
  status: InstallationStatus;

  /** When the engineers go; starts as the deadline, the service department moves it. */
  @Column({ name: 'planned_on', type: 'date', nullable: true })
  plannedOn: string | null;

  /** The Moscow day the deal was handed over: a late hand-over is measured from it. */
  @Column({ name: 'handed_over_on', type: 'date', nullable: true })
  handedOverOn: string | null;

  /** Users of the service role who do the job. */
  @Column({ name: 'engineer_ids', type: 'uuid', array: true })
  engineerIds: string[];

  @Column({ name: 'started_on', type: 'date', nullable: true })
  startedOn: string | null;

  @Column({ name: 'finished_on', type: 'date', nullable: true })
  finishedOn: string | null;

  /** Why the deadline slipped: one of SLIP_CODES… */
  @Column({ name: 'slip_code', type: 'varchar', length: 24, nullable: true })
  slipCode: SlipCode | null;

  /** …and the words (required for `other`). */
  @Column({ name: 'slip_reason', type: 'text', nullable: true })
  slipReason: string | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
