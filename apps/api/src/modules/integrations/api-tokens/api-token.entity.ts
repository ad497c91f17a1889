import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';

/**
 * A token an integrator sends instead of signing in. Only the SHA-256 of the secret is
 * stored (the secret has 240 random bits, so a slow hash adds nothing); the secret is
 * shown once, when the token is created or rotated.
 */
@Entity('api_tokens')
export class ApiToken {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  role: string;

  /** The staff member whose scope the token has; null for a token of a role that sees everything. */
  @Index('api_tokens_user_idx')
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'api_tokens_user_fk' })
  user?: User;

  /** The admin who created it; also the actor of unbound tokens' records (created_by columns). */
  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'api_tokens_created_by_fk' })
  creator?: User;

  @Index('api_tokens_hash_uq', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  /** The first characters of the secret, to recognise a token in the list. */
  @Column({ name: 'token_prefix', type: 'varchar', length: 16 })
  tokenPrefix: string;

  @Column({ name: 'rate_per_second', type: 'integer' })
  ratePerSecond: number;

  @Column({ type: 'integer' })
  burst: number;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'last_used_ip', type: 'varchar', length: 64, nullable: true })
  lastUsedIp: string | null;

  /** The rate-limit bucket, shared by all API processes: tokens left at `bucket_at` (null: full). */
  @Column({ name: 'bucket_tokens', type: 'double precision', nullable: true, select: false })
  bucketTokens: number | null;

  @Column({ name: 'bucket_at', type: 'timestamptz', nullable: true, select: false })
  bucketAt: Date | null;

  /** The token this one replaced by rotation. */
  @Column({ name: 'rotated_from', type: 'uuid', nullable: true })
  rotatedFrom: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
