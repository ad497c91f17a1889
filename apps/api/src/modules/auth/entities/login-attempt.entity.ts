import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Sign-in attempts, kept in the database so that throttling holds across API replicas.
 */
@Entity('login_attempts')
@Index('login_attempts_email_time_idx', ['email', 'createdAt'])
@Index('login_attempts_ip_time_idx', ['ip', 'createdAt'])
export class LoginAttempt {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 64 })
  ip: string;

  @Column({ type: 'boolean' })
  succeeded: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
