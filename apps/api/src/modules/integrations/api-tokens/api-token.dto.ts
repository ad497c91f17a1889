import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '@polar/access';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsInstant } from '../../../common/validation/dates';
import type { ApiToken } from './api-token.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const API_TOKEN_STATUSES = ['active', 'expired', 'revoked'] as const;
export type ApiTokenStatus = (typeof API_TOKEN_STATUSES)[number];

export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Сайт lider.ru' }) name: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role: Role;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The staff member whose scope the token has' }) userId: string | null;
  @ApiProperty({ type: String, nullable: true }) userName: string | null;
  @ApiProperty({ example: 'polar_Xk3f9a', description: 'The first characters of the secret' }) tokenPrefix: string;
  @ApiProperty({ description: 'Sustained requests per second' }) ratePerSecond: number;
  @ApiProperty({ description: 'Requests allowed at once' }) burst: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lastUsedIp: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The token this one replaced by rotation' }) rotatedFrom: string | null;
  @ApiProperty({ enum: API_TOKEN_STATUSES, enumName: 'ApiTokenStatus' }) status: ApiTokenStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({ description: 'The secret: shown this once, only its hash is stored', example: 'polar_Xk3f9a…' }) token: string;
}

export class CreateApiTokenDto {
  @ApiProperty({ example: 'Сайт lider.ru' }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(100) name: string;
  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role', description: 'Defaults to the bound staff member’s role; required without userId' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
  @ApiPropertyOptional({ format: 'uuid', description: 'Bind the token to a staff member: it then sees exactly their records' }) @IsOptional() @IsUUID() userId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Never expires when absent' }) @IsOptional() @IsInstant() expiresAt?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 10000 }) @IsOptional() @IsInt() @Min(1) @Max(10000) ratePerSecond?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 10000 }) @IsOptional() @IsInt() @Min(1) @Max(10000) burst?: number;
}

export class RotateApiTokenDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 720, default: 24, description: 'Hours the old secret keeps working (0: at once revoked)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(720)
  overlapHours?: number;
}

export function apiTokenStatus(t: ApiToken, now: Date): ApiTokenStatus {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && t.expiresAt <= now) return 'expired';
  return 'active';
}

export function mapApiToken(t: ApiToken, userName: string | null, now: Date): ApiTokenDto {
  return {
    id: t.id,
    name: t.name,
    role: t.role as Role,
    userId: t.userId,
    userName,
    tokenPrefix: t.tokenPrefix,
    ratePerSecond: t.ratePerSecond,
    burst: t.burst,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: t.lastUsedIp,
    rotatedFrom: t.rotatedFrom,
    status: apiTokenStatus(t, now),
    createdAt: t.createdAt.toISOString(),
  };
}
