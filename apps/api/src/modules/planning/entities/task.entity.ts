import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Client } from '../../clients/entities/client.entity';
import { User } from '../../users/entities/user.entity';

export const TASK_TYPES = ['call', 'meeting', 'email', 'visit', 'other'] as const;
export type TaskType = (typeof TASK_TYPES)[number];
export const TASK_STATUSES = ['planned', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_PRIORITIES = ['low', 'normal', 'high'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/**
 * A planned contact or to-do: a call, meeting, e-mail, visit. Overdue = planned and
 * past due. `source = 'payment_call'` marks the tasks of the payment-control job; the
 * partial unique index makes "one call per invoice" a database fact, not a hope.
 */
@Entity('tasks')
@Check('tasks_type_check', `type IN ('call', 'meeting', 'email', 'visit', 'other')`)
@Check('tasks_status_check', `status IN ('planned', 'done', 'cancelled')`)
@Check('tasks_priority_check', `priority IN ('low', 'normal', 'high')`)
// `(assignee_id, status, due_at, id) INCLUDE (priority)`: «Мои дела» as index-only ranges
// (decorators cannot say INCLUDE; migration 1764810000001 makes it).
@Index('tasks_assignee_day_idx', { synchronize: false })
// One assignee's completions by time: the done list of «Мои дела» as an index-only range
// (migration 1764890000000).
@Index('tasks_assignee_done_idx', ['assigneeId', 'completedAt', 'id'], { where: `status = 'done'` })
// Done contacts of a day or month (analytics dashboard, manager KPIs).
@Index('tasks_done_at_idx', ['completedAt'], { where: `status = 'done'` })
// Done calls and meetings by completion time, assignee and type in the key: the monthly
// manager report's calls and meetings as an index-only range (analytics migration 1764840000000).
@Index('tasks_done_contacts_idx', ['completedAt', 'assigneeId', 'type'], { where: `status = 'done' AND type IN ('call', 'meeting')` })
// Planned tasks by due time: the dashboard's overdue and planned contacts.
@Index('tasks_planned_due_idx', ['dueAt'], { where: `status = 'planned'` })
@Index('tasks_payment_call_key', ['invoiceId'], { unique: true, where: `source = 'payment_call'` })
export class Task {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 10 })
  type: TaskType;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** What the manager wants to achieve with this contact (the day plan's "goal"). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  goal: string | null;

  @Index('tasks_client_idx')
  @Column({ name: 'client_id', type: 'uuid', nullable: true })
  clientId: string | null;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id' })
  client?: Client | null;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId: string | null;

  @Index('tasks_deal_idx')
  @Column({ name: 'deal_id', type: 'uuid', nullable: true })
  dealId: string | null;

  @Column({ name: 'invoice_id', type: 'uuid', nullable: true })
  invoiceId: string | null;

  @Column({ name: 'assignee_id', type: 'uuid' })
  assigneeId: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'assignee_id' })
  assignee?: User;

  /** Who gave the task; null for tasks the system creates. */
  @Index('tasks_author_idx')
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'author_id' })
  author?: User | null;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'varchar', length: 8, default: 'normal' })
  priority: TaskPriority;

  @Column({ type: 'varchar', length: 10, default: 'planned' })
  status: TaskStatus;

  @Column({ type: 'text', nullable: true })
  result: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'template_code', type: 'varchar', length: 40, nullable: true })
  templateCode: string | null;

  /** manual, template, payment_call… */
  @Column({ type: 'varchar', length: 20, default: 'manual' })
  source: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
