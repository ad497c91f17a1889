import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/**
 * A stage of the sales funnel. Open stages are ordered by `sortOrder`; exactly one
 * `won` and one `lost` stage close deals. A stage may require a signed contract and
 * hand the deal over to installation (the default «Документы, передача в монтаж»).
 */
@Entity('pipeline_stages')
@Check('pipeline_stages_kind_check', `kind IN ('open', 'won', 'lost')`)
@Check('pipeline_stages_probability_check', `probability BETWEEN 0 AND 100`)
export class PipelineStage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 8 })
  kind: StageKind;

  @Column({ name: 'sort_order', type: 'int' })
  sortOrder: number;

  /** Chance (%) that a deal at this stage is won: weights the expected sales. */
  @Column({ type: 'int' })
  probability: number;

  /** Entering this stage needs a signed contract and creates the installation job. */
  @Column({ name: 'hands_over', type: 'boolean', default: false })
  handsOver: boolean;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
