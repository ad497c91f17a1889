import { Body, Controller, Get, Param, ParseEnumPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { RequirePermission } from '../../common/auth/decorators';
import { NotFoundError, StaleVersionError, ValidationFailedError } from '../../common/errors/domain-error';
import { UuidParam } from '../../common/http/id-param';
import { AuditService } from '../audit/audit.service';
import { REFERENCE_KINDS, ReferenceItem, type ReferenceKind } from './entities/reference-item.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ReferenceItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REFERENCE_KINDS, enumName: 'ReferenceKind' }) kind: ReferenceKind;
  @ApiProperty({ example: 'food_retail' }) code: string;
  @ApiProperty({ example: 'Продуктовая розница' }) name: string;
  @ApiProperty() sortOrder: number;
  @ApiProperty() isActive: boolean;
  @ApiProperty() version: number;
}

export class CreateReferenceItemDto {
  @ApiProperty({ example: 'bakery_chain' })
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'code must be lower-case latin letters, digits and underscores' })
  code: string;

  @ApiProperty() @Transform(trim) @IsString() @MinLength(2) @MaxLength(200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100000) sortOrder?: number;
}

export class UpdateReferenceItemDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100000) sortOrder?: number;
  @ApiPropertyOptional({ description: 'Deactivated entries stay on existing records but cannot be chosen' }) @IsOptional() @IsBoolean() isActive?: boolean;
}

const map = (r: ReferenceItem): ReferenceItemDto => ({ id: r.id, kind: r.kind, code: r.code, name: r.name, sortOrder: r.sortOrder, isActive: r.isActive, version: r.version });
const kindPipe = new ParseEnumPipe(REFERENCE_KINDS, {
  exceptionFactory: () => new ValidationFailedError([{ field: 'kind', message: `kind must be one of ${REFERENCE_KINDS.join(', ')}` }]),
});

/** Reference lists (industries, kinds of activity, acquisition channels), kept by the administrator. */
@ApiTags('reference')
@Controller('reference/:kind')
export class ReferenceController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @RequirePermission('authenticated')
  @ApiParam({ name: 'kind', enum: REFERENCE_KINDS, enumName: 'ReferenceKind' })
  @ApiOkResponse({ type: [ReferenceItemDto], description: 'The whole list (short), in display order' })
  async list(@Param('kind', kindPipe) kind: ReferenceKind): Promise<ReferenceItemDto[]> {
    return (await this.dataSource.getRepository(ReferenceItem).find({ where: { kind }, order: { sortOrder: 'ASC', name: 'ASC' } })).map(map);
  }

  @Post()
  @RequirePermission('reference.manage')
  @ApiParam({ name: 'kind', enum: REFERENCE_KINDS, enumName: 'ReferenceKind' })
  @ApiCreatedResponse({ type: ReferenceItemDto })
  create(@Param('kind', kindPipe) kind: ReferenceKind, @Body() body: CreateReferenceItemDto): Promise<ReferenceItemDto> {
    return this.dataSource.transaction(async (em) => {
      const item = await em.save(em.create(ReferenceItem, { kind, code: body.code, name: body.name, sortOrder: body.sortOrder ?? 0, isActive: true }));
      await this.audit.record(em, { action: 'create', entityType: 'reference_item', entityId: item.id, after: { kind, code: item.code, name: item.name } });
      return map(item);
    });
  }

  @Patch(':id')
  @RequirePermission('reference.manage')
  @ApiParam({ name: 'kind', enum: REFERENCE_KINDS, enumName: 'ReferenceKind' })
  @ApiOkResponse({ type: ReferenceItemDto })
  update(@Param('kind', kindPipe) kind: ReferenceKind, @UuidParam() id: string, @Body() body: UpdateReferenceItemDto): Promise<ReferenceItemDto> {
    return this.dataSource.transaction(async (em) => {
      const item = await em.findOne(ReferenceItem, { where: { id, kind }, lock: { mode: 'pessimistic_write' } });
      if (!item) throw new NotFoundError('Reference item');
      if (item.version !== body.version) throw new StaleVersionError('Reference item', body.version, item.version);
      const before = { name: item.name, sortOrder: item.sortOrder, isActive: item.isActive };
      if (body.name !== undefined) item.name = body.name;
      if (body.sortOrder !== undefined) item.sortOrder = body.sortOrder;
      if (body.isActive !== undefined) item.isActive = body.isActive;
      await em.save(item);
      await this.audit.record(em, { action: 'update', entityType: 'reference_item', entityId: id, before, after: { name: item.name, sortOrder: item.sortOrder, isActive: item.isActive } });
      return map(item);
    });
  }
}
