import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** The reference lists that admins keep (industries, kinds of activity, acquisition channels, loss reasons). */
export const REFERENCE_KINDS = ['industry', 'activity_kind', 'acquisition_channel', 'loss_reason'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** One entry of a reference list. Entries are deactivated, never deleted: records point at them. */
@Entity('reference_items')
@Index('reference_items_kind_code_key', ['kind', 'code'], { unique: true })
export class ReferenceItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40 })
  kind: ReferenceKind;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder: number;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
