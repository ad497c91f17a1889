import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { ReferenceItem } from '../../reference/entities/reference-item.entity';
import { User } from '../../users/entities/user.entity';

export const CLIENT_KINDS = ['legal_entity', 'individual'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** Lifecycle of a client: cold → thinking → ready → active → regular, or lost. */
export const CLIENT_STATUSES = ['cold', 'thinking', 'ready', 'active', 'regular', 'lost'] as const;
export type ClientStatus = (typeof CLIENT_STATUSES)[number];

/**
 * A client of the company: a legal entity or an individual, with one responsible
 * manager. Search, duplicate detection and scope work off the columns indexed here
 * and the GIN indexes created by the migration (marked `synchronize: false`).
 */
@Entity('clients')
@Check('clients_kind_check', `kind IN ('legal_entity', 'individual')`)
@Check('clients_abc_class_check', `abc_class IN ('A', 'B', 'C')`)
@Check('clients_xyz_class_check', `xyz_class IN ('X', 'Y', 'Z')`)
@Check('clients_status_check', `status IN ('cold', 'thinking', 'ready', 'active', 'regular', 'lost')`)
@Index('clients_manager_name_idx', ['managerId', 'name'])
// The default list order (name, id) of the active clients: a page is an index range.
@Index('clients_active_name_idx', ['name', 'id'], { where: 'archived_at IS NULL' })
// A manager's active clients: the capped count of their list stops early (issue 16).
@Index('clients_active_manager_idx', ['managerId'], { where: 'archived_at IS NULL' })
// GIN (manager_id, search_vector) through btree_gin: a scoped search has the scope as an index condition.
@Index('clients_manager_search_idx', { synchronize: false })
@Index('clients_phones_idx', { synchronize: false })
@Index('clients_emails_idx', { synchronize: false })
@Index('clients_tags_idx', { synchronize: false })
@Index('clients_name_trgm_idx', { synchronize: false })
export class Client {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  kind: ClientKind;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  /** Lower-cased name without legal form, quotes and punctuation: for "similar name" duplicates. */
  @Column({ name: 'name_normalized', type: 'varchar', length: 300 })
  nameNormalized: string;

  @Index('clients_inn_idx')
  @Column({ type: 'varchar', length: 12, nullable: true })
  inn: string | null;

  @Column({ type: 'varchar', length: 9, nullable: true })
  kpp: string | null;

  @Column({ type: 'varchar', length: 15, nullable: true })
  ogrn: string | null;

  @Index('clients_industry_idx')
  @Column({ name: 'industry_id', type: 'uuid', nullable: true })
  industryId: string | null;

  @ManyToOne(() => ReferenceItem)
  @JoinColumn({ name: 'industry_id' })
  industry?: ReferenceItem | null;

  @Column({ name: 'activity_kind_id', type: 'uuid', nullable: true })
  activityKindId: string | null;

  @ManyToOne(() => ReferenceItem)
  @JoinColumn({ name: 'activity_kind_id' })
  activityKind?: ReferenceItem | null;

  @Index('clients_region_idx')
  @Column({ type: 'varchar', length: 100, nullable: true })
  region: string | null;

  @Index('clients_city_idx')
  @Column({ type: 'varchar', length: 100, nullable: true })
  city: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address: string | null;

  @Column({ type: 'int', nullable: true })
  headcount: number | null;

  /** RUB, exact: numeric in the database, a decimal string in code and JSON. */
  @Column({ name: 'annual_revenue', type: 'numeric', precision: 18, scale: 2, nullable: true })
  annualRevenue: string | null;

  @Index('clients_status_idx')
  @Column({ type: 'varchar', length: 16, default: 'cold' })
  status: ClientStatus;

  @Index('clients_channel_idx')
  @Column({ name: 'channel_id', type: 'uuid', nullable: true })
  channelId: string | null;

  @ManyToOne(() => ReferenceItem)
  @JoinColumn({ name: 'channel_id' })
  channel?: ReferenceItem | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ name: 'manager_id', type: 'uuid' })
  managerId: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'manager_id' })
  manager?: User;

  @Column({ type: 'date', nullable: true })
  birthday: string | null;

  /** As entered, for display. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  phones: string[];

  /** Digits only, 7XXXXXXXXXX for Russian numbers: what search and duplicates compare. */
  @Column({ name: 'phones_normalized', type: 'text', array: true, default: () => "'{}'" })
  phonesNormalized: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  emails: string[];

  @Column({ name: 'emails_normalized', type: 'text', array: true, default: () => "'{}'" })
  emailsNormalized: string[];

  /** Kept by a trigger from name, address, city and tags (Russian and simple configs). */
  @Column({ name: 'search_vector', type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchVector?: string;

  /**
   * Current ABC class (share of payments over the last 12 months), null without payments.
   * Written only by the nightly classification through ClientsDirectory.setAbcXyzClasses.
   */
  @Column({ name: 'abc_class', type: 'char', length: 1, nullable: true })
  abcClass: 'A' | 'B' | 'C' | null;

  /** Current XYZ class (stability of monthly payments), null without payments. */
  @Column({ name: 'xyz_class', type: 'char', length: 1, nullable: true })
  xyzClass: 'X' | 'Y' | 'Z' | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Index('clients_created_at_idx')
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
