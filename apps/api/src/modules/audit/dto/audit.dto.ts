import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, IsUUID, MaxDate, MaxLength, MinDate } from 'class-validator';

/** Instants PostgreSQL and the business can mean (a year 200000 would overflow timestamptz). */
const EARLIEST = new Date('1900-01-01T00:00:00Z');
const LATEST = new Date('3000-01-01T00:00:00Z');
import { PageQueryDto } from '../../../common/pagination/page.dto';
import type { AuditEntry } from '../entities/audit-entry.entity';
import { uuidsIn } from '../audit-names';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'user', description: 'Entity type, e.g. user, department, client' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Who made the change' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'From this instant (inclusive)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(EARLIEST)
  @MaxDate(LATEST)
  from?: Date;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'Up to this instant (exclusive)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(EARLIEST)
  @MaxDate(LATEST)
  to?: Date;
}

export class FieldChangeDto {
  @ApiProperty({ description: 'Old value', nullable: true })
  from: unknown;

  @ApiProperty({ description: 'New value', nullable: true })
  to: unknown;
}

export class AuditEntryDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorId: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Full name of the actor; null for system actions' })
  actorName: string | null;

  @ApiProperty({ example: 'update' })
  action: string;

  @ApiProperty({ example: 'user' })
  entityType: string;

  @ApiProperty()
  entityId: string;

  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/FieldChangeDto' } })
  changes: Record<string, FieldChangeDto>;

  @ApiProperty({ type: String, nullable: true })
  requestId: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The API token the change or call came through (its name at the time)' })
  apiTokenName: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The record's name or title (a client's name, a deal's title, a task's subject…) when the reader may see it" })
  entityTitle: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Names of the records whose ids appear in the changes (managers, clients, stages…), as far as the reader may see them',
  })
  names: Record<string, string>;
}

export function mapAuditEntry(e: AuditEntry, actorName: string | null, names: ReadonlyMap<string, string> = new Map()): AuditEntryDto {
  const own: Record<string, string> = {};
  for (const id of uuidsIn(e.changes)) {
    const name = names.get(id);
    if (name) own[id] = name;
  }
  return {
    id: String(e.id),
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorName,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    changes: e.changes,
    requestId: e.requestId,
    apiTokenName: e.apiTokenName,
    entityTitle: names.get(e.entityId.toLowerCase()) ?? null,
    names: own,
  };
}
