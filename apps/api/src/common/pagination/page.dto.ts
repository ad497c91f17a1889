import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 200;
/** Far beyond any real list, and small enough that page × pageSize stays a sane OFFSET. */
export const MAX_PAGE = 100_000;

/**
 * A whole number written as digits only: `1e20`, `0x10`, `1.0` or ` 7` stay strings and
 * fail @IsInt() with the parameter named, instead of becoming a number nobody typed.
 */
export const toWholeNumber = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value);

/** `page` (1-based) and `pageSize` for every list. */
export class PageQueryDto {
  @ApiProperty({ required: false, type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Transform(toWholeNumber)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiProperty({ required: false, type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 25 })
  @IsOptional()
  @Transform(toWholeNumber)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = 25;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export class PageMetaDto {
  @ApiProperty({ description: 'Number of records matching the filters, all pages together' })
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}

/** Documents a `Page<T>` response with the item schema spelled out. */
export function ApiPageResponse<T extends Type<unknown>>(item: T) {
  return applyDecorators(
    ApiExtraModels(PageMetaDto, item),
    ApiOkResponse({
      schema: {
        title: `${item.name.replace(/Dto$/, '')}Page`,
        allOf: [
          { $ref: getSchemaPath(PageMetaDto) },
          { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: getSchemaPath(item) } } } },
        ],
      },
    }),
  );
}

export function pageOf<T>(items: T[], total: number, query: PageQueryDto): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** Parses `sort=field` / `sort=-field` against an allowlist; unknown fields are a 400 upstream. */
export function parseSort<K extends string>(
  sort: string | undefined,
  allowed: Record<K, string>,
  fallback: { column: string; direction: 'ASC' | 'DESC' },
): { column: string; direction: 'ASC' | 'DESC' } {
  if (!sort) return fallback;
  const desc = sort.startsWith('-');
  const key = (desc ? sort.slice(1) : sort) as K;
  return { column: allowed[key], direction: desc ? 'DESC' : 'ASC' };
}
