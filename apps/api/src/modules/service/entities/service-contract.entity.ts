import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Client } from '../../clients/entities/client.entity';

export const VISIT_FREQUENCIES = ['monthly', 'quarterly', 'semiannual', 'annual'] as const;
export type VisitFrequency = (typeof VISIT_FREQUENCIES)[number];
/** Months between two planned visits. */
export const FREQUENCY_MONTHS: Record<VisitFrequency, number> = { monthly: 1, quarterly: 3, semiannual: 6, annual: 12 };

export const SERVICE_CONTRACT_STATUSES = ['active', 'suspended', 'closed'] as const;
export type ServiceContractStatus = (typeof SERVICE_CONTRACT_STATUSES)[number];

/** Paid maintenance of a client's units: planned visits at a frequency over a period. */
@Entity('service_contracts')
@Check('service_contracts_frequency_check', `frequency IN ('monthly', 'quarterly', 'semiannual', 'annual')`)
@Check('service_contracts_status_check', `status IN ('active', 'suspended', 'closed')`)
@Check('service_contracts_period_check', `ends_on >= starts_on`)
export class ServiceContract {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40, unique: true })
  number: string;

  @Index('service_contracts_client_idx')
  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @ManyToOne(() => Client)
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Index('service_contracts_ends_idx')
  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  @Column({ type: 'varchar', length: 12 })
  frequency: VisitFrequency;

  /** RUB for the period, exact. */
  @Column({ type: 'numeric', precision: 14, scale: 2 })
  price: string;

  @Column({ type: 'varchar', length: 12, default: 'active' })
  status: ServiceContractStatus;

  /** The engineer its planned visits go to (the service department may move each visit). */
  @Column({ name: 'engineer_id', type: 'uuid', nullable: true })
  engineerId: string | null;

  /** Set when the renewal task went to the client's manager (once per contract). */
  @Column({ name: 'renewal_requested_at', type: 'timestamptz', nullable: true })
  renewalRequestedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
