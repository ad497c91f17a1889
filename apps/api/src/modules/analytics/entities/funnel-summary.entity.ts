import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The funnel report's summary of one deal (analytics-owned; FunnelSummaryService keeps it
 * from the deal events). The stages it ever entered are kept as ids, not as the furthest
 * stage's order: an administrator may reorder the open stages, and the report takes the
 * order at read time.
 */
@Entity('analytics_funnel_deals')
// The cohort of a period (deals created in it), for everyone or per deal manager.
@Index('analytics_funnel_deals_created_idx', ['createdAt'])
@Index('analytics_funnel_deals_manager_created_idx', ['managerId', 'createdAt'])
// Deals lost in a period (loss reasons, competitors).
@Index('analytics_funnel_deals_lost_idx', ['closedAt'], { where: `status = 'lost'` })
export class FunnelDealSummary {
  @PrimaryColumn({ name: 'deal_id', type: 'uuid' })
  dealId: string;

  @Column({ name: 'manager_id', type: 'uuid' })
  managerId: string;

  /** The client's responsible manager (the report scope), as of now. */
  @Column({ name: 'client_manager_id', type: 'uuid' })
  clientManagerId: string;

  @Column({ type: 'varchar', length: 8 })
  status: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  amount: string;

  /** Every stage the deal entered (its history and its current stage), distinct, sorted. */
  @Column({ name: 'reached_stage_ids', type: 'uuid', array: true })
  reachedStageIds: string[];

  @Column({ name: 'loss_reason_id', type: 'uuid', nullable: true })
  lossReasonId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}

/**
 * One stay of a deal in a stage: from the history row that entered it to the next one
 * (`left_at` null while the deal is still there). It repeats the deal's scope, status and
 * instants the report filters on, so time in stage reads this table alone (a per-deal
 * refresh rewrites the deal's stays anyway).
 */
@Entity('analytics_funnel_stays')
// Stays that ended in a period (time in stage), for everyone or per deal manager.
@Index('analytics_funnel_stays_left_idx', ['leftAt'], { where: `left_at IS NOT NULL` })
@Index('analytics_funnel_stays_manager_left_idx', ['managerId', 'leftAt'], { where: `left_at IS NOT NULL` })
export class FunnelStageStay {
  @PrimaryColumn({ name: 'deal_id', type: 'uuid' })
  dealId: string;

  /** The deal_stage_history row that entered the stage (orders stays entered at the same instant). */
  @PrimaryColumn({ name: 'history_id', type: 'bigint' })
  historyId: string;

  @Column({ name: 'stage_id', type: 'uuid' })
  stageId: string;

  @Column({ name: 'entered_at', type: 'timestamptz' })
  enteredAt: Date;

  @Column({ name: 'left_at', type: 'timestamptz', nullable: true })
  leftAt: Date | null;

  @Column({ name: 'manager_id', type: 'uuid' })
  managerId: string;

  @Column({ name: 'client_manager_id', type: 'uuid' })
  clientManagerId: string;

  @Column({ name: 'deal_status', type: 'varchar', length: 8 })
  dealStatus: string;

  @Column({ name: 'deal_created_at', type: 'timestamptz' })
  dealCreatedAt: Date;

  @Column({ name: 'deal_closed_at', type: 'timestamptz', nullable: true })
  dealClosedAt: Date | null;
}
