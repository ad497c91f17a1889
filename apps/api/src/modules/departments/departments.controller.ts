import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { RequirePermission } from '../../common/auth/decorators';
import { NotFoundError, StaleVersionError } from '../../common/errors/domain-error';
import { UuidParam } from '../../common/http/id-param';
import { AuditService } from '../audit/audit.service';
import { Department } from './entities/department.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class DepartmentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'sales' })
  code: string;

  @ApiProperty({ example: 'Отдел продаж' })
  name: string;

  @ApiProperty()
  version: number;
}

export class CreateDepartmentDto {
  @ApiProperty({ example: 'logistics', description: 'Lower-case latin letters, digits, dashes' })
  @Matches(/^[a-z][a-z0-9-]{1,63}$/, { message: 'code must be lower-case latin letters, digits and dashes' })
  code: string;

  @ApiProperty({ example: 'Отдел логистики' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;
}

export class UpdateDepartmentDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ required: false })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name?: string;
}

const map = (d: Department): DepartmentDto => ({ id: d.id, code: d.code, name: d.name, version: d.version });

@ApiTags('departments')
@Controller('departments')
export class DepartmentsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @RequirePermission('departments.read')
  @ApiOkResponse({ type: [DepartmentDto], description: 'All departments (a short list), by name' })
  async list(): Promise<DepartmentDto[]> {
    return (await this.dataSource.getRepository(Department).find({ order: { name: 'ASC' } })).map(map);
  }

  @Post()
  @RequirePermission('departments.manage')
  @ApiCreatedResponse({ type: DepartmentDto })
  create(@Body() body: CreateDepartmentDto): Promise<DepartmentDto> {
    return this.dataSource.transaction(async (em) => {
      const d = await em.save(em.create(Department, { code: body.code, name: body.name }));
      await this.audit.record(em, { action: 'create', entityType: 'department', entityId: d.id, after: { code: d.code, name: d.name } });
      return map(d);
    });
  }

  @Patch(':id')
  @RequirePermission('departments.manage')
  @ApiOkResponse({ type: DepartmentDto })
  update(@UuidParam() id: string, @Body() body: UpdateDepartmentDto): Promise<DepartmentDto> {
    return this.dataSource.transaction(async (em) => {
      const d = await em.findOne(Department, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!d) throw new NotFoundError('Department');
      if (d.version !== body.version) throw new StaleVersionError('Department', body.version, d.version);
      const before = { name: d.name };
      if (body.name !== undefined) d.name = body.name;
      await em.save(d);
      await this.audit.record(em, { action: 'update', entityType: 'department', entityId: id, before, after: { name: d.name } });
      return map(d);
    });
  }
}
