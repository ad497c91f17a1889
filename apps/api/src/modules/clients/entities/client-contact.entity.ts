import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Client } from './client.entity';

export const CONTACT_INFLUENCES = ['decision_maker', 'high', 'medium', 'low'] as const;
export type ContactInfluence = (typeof CONTACT_INFLUENCES)[number];

/** A contact person of a client, with the decision-maker profile. */
@Entity('client_contacts')
@Check('client_contacts_influence_check', `influence IS NULL OR influence IN ('decision_maker', 'high', 'medium', 'low')`)
// GIN (client_manager_id, search_vector) through btree_gin: a scoped search has the scope as an index condition.
@Index('client_contacts_manager_search_idx', { synchronize: false })
@Index('client_contacts_phones_idx', { synchronize: false })
@Index('client_contacts_emails_idx', { synchronize: false })
export class ClientContact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('client_contacts_client_idx')
  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @ManyToOne(() => Client, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  /**
   * The client's responsible manager, copied by database triggers (migration
   * 1764780000001) for the scoped search: never written by the API, always equal to
   * `clients.manager_id` of `client_id`.
   */
  @Column({ name: 'client_manager_id', type: 'uuid', insert: false, update: false })
  clientManagerId: string;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  position: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  phones: string[];

  @Column({ name: 'phones_normalized', type: 'text', array: true, default: () => "'{}'" })
  phonesNormalized: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  emails: string[];

  @Column({ name: 'emails_normalized', type: 'text', array: true, default: () => "'{}'" })
  emailsNormalized: string[];

  @Column({ type: 'date', nullable: true })
  birthday: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  influence: ContactInfluence | null;

  @Column({ name: 'personal_benefits', type: 'text', nullable: true })
  personalBenefits: string | null;

  @Column({ type: 'text', nullable: true })
  character: string | null;

  @Column({ type: 'text', nullable: true })
  hobbies: string | null;

  @Column({ name: 'is_primary', type: 'boolean', default: false })
  isPrimary: boolean;

  @Column({ name: 'search_vector', type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchVector?: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
