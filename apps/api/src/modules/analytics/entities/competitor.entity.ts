import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Deal } from '../../funnel/entities/deal.entity';

/** A competitor «Лидер» loses deals to: what they sell, at what prices and on what terms. */
@Entity('competitors')
export class Competitor {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('competitors_name_key', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', nullable: true })
  prices: string | null;

  @Column({ type: 'text', nullable: true })
  assortment: string | null;

  @Column({ name: 'special_conditions', type: 'text', nullable: true })
  specialConditions: string | null;

  @Column({ name: 'marketing_activities', type: 'text', nullable: true })
  marketingActivities: string | null;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/**
 * Which competitor a lost deal went to. A link table owned by analytics rather than a
 * column on `deals`: the funnel owns deals and knows nothing of competitors; it only
 * passes the chosen competitor along in its `deal.lost` event, and the analytics
 * subscriber writes this row in the same transaction (and removes it when the deal is
 * reopened). So the funnel never reads this module's table and this module never
 * writes the funnel's.
 */
@Entity('deal_competitor_losses')
export class DealCompetitorLoss {
  @PrimaryColumn({ name: 'deal_id', type: 'uuid' })
  dealId: string;

  @ManyToOne(() => Deal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'FK_deal_competitor_losses_deal' })
  deal?: Deal;

  @Index('deal_competitor_losses_competitor_idx')
  @Column({ name: 'competitor_id', type: 'uuid' })
  competitorId: string;

  @ManyToOne(() => Competitor)
  @JoinColumn({ name: 'competitor_id', foreignKeyConstraintName: 'FK_deal_competitor_losses_competitor' })
  competitor?: Competitor;

  @Column({ name: 'lost_at', type: 'timestamptz' })
  lostAt: Date;
}
