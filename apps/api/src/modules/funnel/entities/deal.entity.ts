import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Client } from '../../clients/entities/client.entity';
import { ReferenceItem } from '../../reference/entities/reference-item.entity';
import { User } from '../../users/entities/user.entity';
import { PipelineStage } from './pipeline-stage.entity';
import { Product } from './product.entity';

export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

/** A client's interest (интерес): what they may buy, for how much, by when. */
@Entity('deals')
@Check('deals_status_check', `status IN ('open', 'won', 'lost')`)
@Check('deals_probability_check', `probability BETWEEN 0 AND 100`)
@Index('deals_stage_status_idx', ['stageId', 'status'])
// `updated_at DESC, id` (and per stage): decorators cannot say DESC, the migration makes them.
@Index('deals_updated_idx', { synchronize: false })
@Index('deals_stage_updated_idx', { synchronize: false })
// `(client_manager_id, updated_at DESC, id)`: a manager's deals list as an index range.
@Index('deals_client_manager_updated_idx', { synchronize: false })
// `(client_manager_id, stage_id, updated_at DESC, id)`: each column of a manager's board as an index range.
@Index('deals_client_manager_stage_updated_idx', { synchronize: false })
// Deals won or lost in a period (analytics: won this month, losses, processing time).
@Index('deals_closed_at_idx', ['closedAt'], { where: `status <> 'open'` })
export class Deal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('deals_client_idx')
  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @ManyToOne(() => Client)
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  /**
   * The client's responsible manager (the record scope), copied by database triggers
   * (migration 1764780000000): never written by the API, always equal to
   * `clients.manager_id` of `client_id`.
   */
  @Column({ name: 'client_manager_id', type: 'uuid', insert: false, update: false })
  clientManagerId: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Index('deals_manager_idx')
  @Column({ name: 'manager_id', type: 'uuid' })
  managerId: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'manager_id' })
  manager?: User;

  @Column({ name: 'stage_id', type: 'uuid' })
  stageId: string;

  @ManyToOne(() => PipelineStage)
  @JoinColumn({ name: 'stage_id' })
  stage?: PipelineStage;

  @Column({ type: 'varchar', length: 8, default: 'open' })
  status: DealStatus;

  /** RUB, exact; the sum of the lines when the deal has lines. */
  @Column({ type: 'numeric', precision: 14, scale: 2, default: 0 })
  amount: string;

  @Column({ type: 'int' })
  probability: number;

  @Column({ name: 'expected_close_date', type: 'date', nullable: true })
  expectedCloseDate: string | null;

  @Column({ name: 'channel_id', type: 'uuid', nullable: true })
  channelId: string | null;

  @ManyToOne(() => ReferenceItem)
  @JoinColumn({ name: 'channel_id' })
  channel?: ReferenceItem | null;

  /** Set by the marketing module once campaigns exist. */
  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId: string | null;

  @Column({ name: 'loss_reason_id', type: 'uuid', nullable: true })
  lossReasonId: string | null;

  @ManyToOne(() => ReferenceItem)
  @JoinColumn({ name: 'loss_reason_id' })
  lossReason?: ReferenceItem | null;

  @Column({ name: 'loss_comment', type: 'text', nullable: true })
  lossComment: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Index('deals_created_at_idx')
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/** One line of a deal: a catalogue product or free text, quantity, price, discount. */
@Entity('deal_lines')
export class DealLine {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('deal_lines_deal_idx')
  @Column({ name: 'deal_id', type: 'uuid' })
  dealId: string;

  @ManyToOne(() => Deal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id' })
  deal?: Deal;

  @Column({ name: 'product_id', type: 'uuid', nullable: true })
  productId: string | null;

  @ManyToOne(() => Product)
  @JoinColumn({ name: 'product_id' })
  product?: Product | null;

  @Column({ type: 'varchar', length: 300 })
  description: string;

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

/** Every move of a deal between stages, with its time and author (conversion, velocity). */
@Entity('deal_stage_history')
@Index('deal_stage_history_deal_idx', ['dealId', 'changedAt'])
export class DealStageChange {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ name: 'deal_id', type: 'uuid' })
  dealId: string;

  @ManyToOne(() => Deal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id' })
  deal?: Deal;

  @Column({ name: 'from_stage_id', type: 'uuid', nullable: true })
  fromStageId: string | null;

  @Index('deal_stage_history_to_idx')
  @Column({ name: 'to_stage_id', type: 'uuid' })
  toStageId: string;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;

  @Column({ name: 'changed_by', type: 'uuid', nullable: true })
  changedBy: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;
}
