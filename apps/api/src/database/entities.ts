import { AuditEntry } from '../modules/audit/entities/audit-entry.entity';
import { LoginAttempt } from '../modules/auth/entities/login-attempt.entity';
import { RefreshToken } from '../modules/auth/entities/refresh-token.entity';
import { Department } from '../modules/departments/entities/department.entity';
import { User } from '../modules/users/entities/user.entity';

/** Every entity of the application; the data source and the schema check use this list. */
export const ENTITIES = [Department, User, RefreshToken, LoginAttempt, AuditEntry];
