import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Client } from '../../clients/entities/client.entity';
import { Deal } from './deal.entity';

/**
 * Gap-free numbering per document kind and year: the counter row is incremented in
 * the transaction that creates the document, so a rolled-back document frees its
 * number and concurrent creators queue on the row lock.
 */
@Entity('document_counters')
export class DocumentCounter {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  kind: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ name: 'last_value', type: 'int' })
  lastValue: number;
}

export const PROPOSAL_STATUSES = ['draft', 'sent', 'accepted', 'rejected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** A commercial proposal (коммерческое предложение) of a deal. */
@Entity('proposals')
@Check('proposals_status_check', `status IN ('draft', 'sent', 'accepted', 'rejected')`)
export class Proposal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('proposals_deal_idx')
  @Column({ name: 'deal_id', type: 'uuid' })
  dealId: string;

  @ManyToOne(() => Deal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id' })
  deal?: Deal;

  /** КП-2026-00042 */
  @Column({ type: 'varchar', length: 32, unique: true })
  number: string;

  @Column({ type: 'varchar', length: 12, default: 'draft' })
  status: ProposalStatus;

  // Proposals issued in a month (the monthly manager report; analytics migration 1764840000000).
  @Index('proposals_issue_date_idx')
  @Column({ name: 'issue_date', type: 'date' })
  issueDate: string;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  total: string;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Index('proposals_created_at_idx')
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

@Entity('proposal_lines')
export class ProposalLine {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('proposal_lines_proposal_idx')
  @Column({ name: 'proposal_id', type: 'uuid' })
  proposalId: string;

  @ManyToOne(() => Proposal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'proposal_id' })
  proposal?: Proposal;

  @Column({ name: 'product_id', type: 'uuid', nullable: true })
  productId: string | null;

  @Column({ type: 'varchar', length: 300 })
  description: string;

  @Column({ type: 'varchar', length: 20, default: 'шт' })
  unit: string;

  @Column({ type: 'numeric', precision: 12, scale: 3 })
  quantity: string;

  @Column({ name: 'unit_price', type: 'numeric', precision: 14, scale: 2 })
  unitPrice: string;

  @Column({ name: 'discount_percent', type: 'numeric', precision: 5, scale: 2, default: 0 })
  discountPercent: string;

  @Column({ name: 'line_total', type: 'numeric', precision: 14, scale: 2 })
  lineTotal: string;

  @Column({ name: 'sort_order', type: 'int' })
  sortOrder: number;
}

export const CONTRACT_STATUSES = ['draft', 'signed', 'cancelled'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

@Entity('contracts')
@Check('contracts_status_check', `status IN ('draft', 'signed', 'cancelled')`)
export class Contract {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('contracts_deal_idx')
  @Column({ name: 'deal_id', type: 'uuid' })
  dealId: string;

  @ManyToOne(() => Deal)
  @JoinColumn({ name: 'deal_id' })
  deal?: Deal;

  @Column({ type: 'varchar', length: 64, unique: true })
  number: string;

  @Column({ name: 'signed_on', type: 'date', nullable: true })
  signedOn: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  amount: string;

  @Column({ name: 'installation_deadline', type: 'date', nullable: true })
  installationDeadline: string | null;

  @Column({ type: 'varchar', length: 12, default: 'draft' })
  status: ContractStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/** Stored states; "overdue" is also derived on read from the due date (see invoice queries). */
export const INVOICE_STATUSES = ['issued', 'partly_paid', 'paid', 'overdue', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

@Entity('invoices')
@Check('invoices_status_check', `status IN ('issued', 'partly_paid', 'paid', 'overdue', 'cancelled')`)
@Check('invoices_amount_check', `amount > 0 AND paid_amount >= 0 AND paid_amount <= amount`)
@Index('invoices_status_due_idx', ['status', 'dueDate'])
// Unpaid invoices by due date: the dashboard's overdue list reads a small part of all invoices.
@Index('invoices_unpaid_due_idx', ['dueDate', 'number'], { where: `status IN ('issued', 'partly_paid', 'overdue') AND paid_amount < amount` })
export class Invoice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('invoices_client_idx')
  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @ManyToOne(() => Client)
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @Index('invoices_deal_idx')
  @Column({ name: 'deal_id', type: 'uuid', nullable: true })
  dealId: string | null;

  @ManyToOne(() => Deal)
  @JoinColumn({ name: 'deal_id' })
  deal?: Deal | null;

  @Column({ name: 'contract_id', type: 'uuid', nullable: true })
  contractId: string | null;

  @ManyToOne(() => Contract)
  @JoinColumn({ name: 'contract_id' })
  contract?: Contract | null;

  /** СЧ-2026-00001 */
  @Column({ type: 'varchar', length: 32, unique: true })
  number: string;

  @Column({ name: 'issue_date', type: 'date' })
  issueDate: string;

  @Index('invoices_due_date_idx')
  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  amount: string;

  @Column({ name: 'paid_amount', type: 'numeric', precision: 14, scale: 2, default: 0 })
  paidAmount: string;

  @Column({ type: 'varchar', length: 12, default: 'issued' })
  status: InvoiceStatus;

  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

@Entity('payments')
export class Payment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('payments_invoice_idx')
  @Column({ name: 'invoice_id', type: 'uuid' })
  invoiceId: string;

  @ManyToOne(() => Invoice)
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;

  @Index('payments_paid_on_idx')
  @Column({ name: 'paid_on', type: 'date' })
  paidOn: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  amount: string;

  /** Bank document number / comment. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  reference: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
