import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';

/** A manager's targets for a month, set by the head; actuals are computed, never typed in. */
@Entity('monthly_plans')
@Index('monthly_plans_manager_month_key', ['managerId', 'month'], { unique: true })
export class MonthlyPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'manager_id', type: 'uuid' })
  managerId: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'manager_id' })
  manager?: User;

  /** First day of the month. */
  @Column({ type: 'date' })
  month: string;

  @Column({ name: 'revenue_target', type: 'numeric', precision: 14, scale: 2 })
  revenueTarget: string;

  @Column({ name: 'won_deals_target', type: 'int' })
  wonDealsTarget: number;

  @Column({ name: 'calls_target', type: 'int' })
  callsTarget: number;

  @Column({ name: 'meetings_target', type: 'int' })
  meetingsTarget: number;

  @Column({ name: 'set_by', type: 'uuid', nullable: true })
  setBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
