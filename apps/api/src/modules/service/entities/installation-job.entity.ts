import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Client } from '../../clients/entities/client.entity';

export const INSTALLATION_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type InstallationStatus = (typeof INSTALLATION_STATUSES)[number];

/**
 * Installation of sold equipment at the client's site, created when a deal is handed
 * over (one per deal), due by the contract's installation deadline.
 */
@Entity('installation_jobs')
@Check('installation_jobs_status_check', `status IN ('planned', 'in_progress', 'done', 'cancelled')`)
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

  @Column({ name: 'started_on', type: 'date', nullable: true })
  startedOn: string | null;

  @Column({ name: 'finished_on', type: 'date', nullable: true })
  finishedOn: string | null;

  /** Why the deadline slipped (late hand-over by the manager, other). */
  @Column({ name: 'slip_reason', type: 'text', nullable: true })
  slipReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
