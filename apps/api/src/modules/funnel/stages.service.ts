import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError, StaleVersionError } from '../../common/errors/domain-error';
import { escapeLike } from '../users/users.service';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import { AuditService } from '../audit/audit.service';
import type { CreateProductDto, CreateStageDto, ProductDto, ProductGroupDto, ProductListQueryDto, StageDto, UpdateProductDto, UpdateStageDto } from './dto/funnel.dto';
import { PipelineStage } from './entities/pipeline-stage.entity';
import { Product, ProductGroup } from './entities/product.entity';

export const mapStage = (s: PipelineStage): StageDto => ({
  id: s.id,
  code: s.code,
  name: s.name,
  kind: s.kind,
  sortOrder: s.sortOrder,
  probability: s.probability,
  handsOver: s.handsOver,
  isActive: s.isActive,
  version: s.version,
});

const mapProduct = (p: Product): ProductDto => ({
  id: p.id,
  groupId: p.groupId,
  groupName: p.group?.name ?? '',
  sku: p.sku,
  name: p.name,
  unit: p.unit,
  listPrice: p.listPrice,
  costPrice: p.costPrice,
  isActive: p.isActive,
  version: p.version,
});

/** Funnel set-up (stages, by admin) and the product catalogue (admin, director). */
@Injectable()
export class FunnelSetupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async stages(): Promise<StageDto[]> {
    return (await this.dataSource.getRepository(PipelineStage).find({ order: { sortOrder: 'ASC' } })).map(mapStage);
  }

  createStage(input: CreateStageDto): Promise<StageDto> {
    return this.dataSource.transaction(async (em) => {
      const stage = await em.save(em.create(PipelineStage, { ...input, kind: 'open', handsOver: input.handsOver ?? false, isActive: true }));
      await this.audit.record(em, { action: 'create', entityType: 'pipeline_stage', entityId: stage.id, after: mapStage(stage) as unknown as Record<string, unknown> });
      return mapStage(stage);
    });
  }

  updateStage(id: string, input: UpdateStageDto): Promise<StageDto> {
    return this.dataSource.transaction(async (em) => {
      const stage = await em.findOne(PipelineStage, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!stage) throw new NotFoundError('Stage');
      if (stage.version !== input.version) throw new StaleVersionError('Stage', input.version, stage.version);
      const before = mapStage(stage);
      const { version: _v, ...changes } = input;
      // Won and Lost keep their place at the end of the funnel.
      if (stage.kind !== 'open') delete changes.sortOrder;
      Object.assign(stage, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)));
      await em.save(stage);
      await this.audit.record(em, { action: 'update', entityType: 'pipeline_stage', entityId: id, before: before as unknown as Record<string, unknown>, after: mapStage(stage) as unknown as Record<string, unknown> });
      return mapStage(stage);
    });
  }

  async groups(): Promise<ProductGroupDto[]> {
    return (await this.dataSource.getRepository(ProductGroup).find({ order: { sortOrder: 'ASC' } })).map((g) => ({ id: g.id, code: g.code, name: g.name }));
  }

  async products(query: ProductListQueryDto): Promise<Page<ProductDto>> {
    const qb = this.dataSource.getRepository(Product).createQueryBuilder('p').innerJoinAndSelect('p.group', 'g');
    if (query.q) qb.andWhere(`(p.name ILIKE :q ESCAPE '\\' OR p.sku ILIKE :q ESCAPE '\\')`, { q: `%${escapeLike(query.q)}%` });
    if (query.groupId) qb.andWhere('p.group_id = :groupId', { groupId: query.groupId });
    if (query.isActive !== undefined) qb.andWhere('p.is_active = :isActive', { isActive: query.isActive });
    const total = await qb.clone().getCount();
    const rows = await qb.orderBy('g.sort_order').addOrderBy('p.name').addOrderBy('p.id').offset((query.page - 1) * query.pageSize).limit(query.pageSize).getMany();
    return pageOf(rows.map(mapProduct), total, query);
  }

  async product(id: string): Promise<ProductDto> {
    const p = await this.dataSource.getRepository(Product).findOne({ where: { id }, relations: { group: true } });
    if (!p) throw new NotFoundError('Product');
    return mapProduct(p);
  }

  async createProduct(input: CreateProductDto): Promise<ProductDto> {
    const id = await this.dataSource.transaction(async (em) => {
      const p = await em.save(em.create(Product, { ...input, unit: input.unit ?? 'шт', isActive: true }));
      await this.audit.record(em, { action: 'create', entityType: 'product', entityId: p.id, after: { sku: p.sku, name: p.name, listPrice: p.listPrice } });
      return p.id;
    });
    return this.product(id);
  }

  async updateProduct(id: string, input: UpdateProductDto): Promise<ProductDto> {
    await this.dataSource.transaction(async (em) => {
      const p = await em.findOne(Product, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!p) throw new NotFoundError('Product');
      if (p.version !== input.version) throw new StaleVersionError('Product', input.version, p.version);
      const before = { groupId: p.groupId, name: p.name, unit: p.unit, listPrice: p.listPrice, isActive: p.isActive };
      const { version: _v, ...changes } = input;
      Object.assign(p, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)));
      await em.save(p);
      await this.audit.record(em, { action: 'update', entityType: 'product', entityId: id, before, after: { groupId: p.groupId, name: p.name, unit: p.unit, listPrice: p.listPrice, isActive: p.isActive } });
    });
    return this.product(id);
  }
}
