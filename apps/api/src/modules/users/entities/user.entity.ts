import { ROLES, type Role } from '@polar/access';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Department } from '../../departments/entities/department.entity';

/** A staff member who signs in to the CRM. */
@Entity('users')
@Check('users_role_check', `role IN (${ROLES.map((r) => `'${r}'`).join(', ')})`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; the unique index makes sign-in case-insensitive. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName: string;

  @Index('users_role_idx')
  @Column({ type: 'varchar', length: 32 })
  role: Role;

  @Column({ type: 'varchar', length: 200, nullable: true })
  position: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  @Index('users_department_idx')
  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId: string | null;

  @ManyToOne(() => Department, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'department_id' })
  department?: Department | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  /** The managers a sales assistant works for (their clients are in the assistant's scope). */
  @ManyToMany(() => User)
  @JoinTable({
    name: 'user_assistants',
    joinColumn: { name: 'assistant_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'manager_id', referencedColumnName: 'id' },
  })
  assistedManagers?: User[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
