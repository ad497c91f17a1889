import { Controller, Get, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators';
import { resolveNames, uuidsIn } from './audit-names';
import { ApiPageResponse, Page, pageOf } from '../../common/pagination/page.dto';
import { AuditEntryDto, AuditQueryDto, FieldChangeDto, mapAuditEntry } from './dto/audit.dto';
import { AuditEntry } from './entities/audit-entry.entity';

@ApiTags('audit')
@ApiExtraModels(FieldChangeDto)
@Controller('audit-log')
export class AuditController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  @Get()
  @RequirePermission('audit.read')
  @ApiOperation({ summary: 'History of changes (who, when, what, old → new), newest first, with the names of the records it mentions' })
  @ApiPageResponse(AuditEntryDto)
  async list(@Query() query: AuditQueryDto, @CurrentUser() user: AuthenticatedUser): Promise<Page<AuditEntryDto>> {
    const qb = this.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      // By table name: the audit log sits below every module that writes to it, users included.
      .leftJoin('users', 'u', 'u.id = a.actor_id')
      .addSelect('u.full_name', 'actor_name');
    if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('a.actor_id = :actorId', { actorId: query.actorId });
    if (query.from) qb.andWhere('a.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.occurred_at < :to', { to: query.to });
    const total = await qb.clone().getCount();
    const { entities, raw } = await qb
      .orderBy('a.occurred_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawAndEntities<{ actor_name: string | null }>();
    // Record names for the page in one query per table, never raw ids on the screen.
    const ids = new Set<string>();
    for (const e of entities) {
      uuidsIn(e.entityId, ids);
      uuidsIn(e.changes, ids);
    }
    const names = await resolveNames(this.dataSource, this.access, user, ids);
    return pageOf(
      entities.map((e, i) => mapAuditEntry(e, raw[i]?.actor_name ?? null, names)),
      total,
      query,
    );
  }
}
