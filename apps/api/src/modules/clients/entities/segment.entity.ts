import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Client } from './client.entity';

export const SEGMENT_KINDS = ['dynamic', 'static'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/**
 * A saved group of clients: `dynamic` stores a filter over client attributes and is
 * evaluated on every read; `static` is a hand-picked list (segment_members).
 */
@Entity('segments')
@Index('segments_owner_idx', ['ownerId'])
@Check('segments_kind_check', `kind IN ('dynamic', 'static')`)
export class Segment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 10 })
  kind: SegmentKind;

  /** For dynamic segments: the client filter (same fields as the client list filters). */
  @Column({ type: 'jsonb', nullable: true })
  filter: Record<string, unknown> | null;

  /** Who saved it: only the owner changes it, others see it only when shared. */
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  /** Shown to everyone (read-only for all but the owner). */
  @Column({ type: 'boolean', default: false })
  shared: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

@Entity('segment_members')
@Index('segment_members_client_idx', ['clientId'])
export class SegmentMember {
  @PrimaryColumn({ name: 'segment_id', type: 'uuid' })
  segmentId: string;

  @ManyToOne(() => Segment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'segment_id' })
  segment?: Segment;

  @PrimaryColumn({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id' })
  client?: Client;
}
