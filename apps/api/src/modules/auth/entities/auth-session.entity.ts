import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../users/entities/user.entity';

/** Why a session ended; kept for the administrator reading the table, not shown to users. */
export const SESSION_END_REASONS = ['sign_out', 'refresh_reuse', 'password_change', 'password_reset', 'deactivated'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/**
 * One sign-in (a browser or device). Its id is the `sid` claim of every access token
 * issued to it and the family id of its refresh tokens. Each request checks that the
 * session is still open, so ending it (sign-out, a reused refresh token, a password
 * change or reset, deactivation) stops its access tokens at once rather than when
 * they expire.
 */
@Entity('auth_sessions')
@Check('auth_sessions_end_reason_check', `end_reason IN (${SESSION_END_REASONS.map((r) => `'${r}'`).join(', ')})`)
export class AuthSession {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('auth_sessions_user_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'auth_sessions_user_fk' })
  user?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Null while the session is open. */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 32, nullable: true })
  endReason: SessionEndReason | null;
}
