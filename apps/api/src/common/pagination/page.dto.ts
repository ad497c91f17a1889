import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ESTIMATE_MEMO_MS } from './capped-count';

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
  /** Present (true) when `total` is an estimate: more rows match than a list counts. */
  totalIsEstimate?: boolean;
  /** With `totalIsEstimate`: where the exact count stopped; the real total is larger. */
  totalLowerBound?: number;
  /** Keyset lists: the cursor of the next page (null on the last page). */
  nextCursor?: string | null;
}

export class PageMetaDto {
  @ApiProperty({ description: 'Number of records matching the filters, all pages together' })
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;

  @ApiPropertyOptional({
    description:
      'True when more records match than the list counts exactly (10,000 for a list, fewer for a text search, see `totalLowerBound`): `total` is then an estimate, not a count. ' +
      `A list over 10,000 is not counted again for ${ESTIMATE_MEMO_MS / 1000} s (the same list and scope): its estimate may be that old. A total without this flag is always counted for this answer.`,
  })
  totalIsEstimate?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    description:
      'Only with `totalIsEstimate`: the number at which the exact count stopped; more records than this match (show «more than N»). ' +
      'A client text search reads and ranks only its first matches (`total` is then what its pages cover); with attribute filters, ' +
      'the filters see only those matches, so at least this many match.',
  })
  totalLowerBound?: number;
}

/** The meta of a list that also pages by keyset (`cursor`). */
export class CursorPageMetaDto extends PageMetaDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as `cursor` for the next page (keyset pagination, no OFFSET); null on the last page or when the order has no keyset' })
  nextCursor?: string | null;
}

/** Documents a `Page<T>` response with the item schema spelled out. */
export function ApiPageResponse<T extends Type<unknown>>(item: T, meta: Type<PageMetaDto> = PageMetaDto) {
  return applyDecorators(
    ApiExtraModels(meta, item),
    ApiOkResponse({
      schema: {
        title: `${item.name.replace(/Dto$/, '')}Page`,
        allOf: [
          { $ref: getSchemaPath(meta) },
          { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: getSchemaPath(item) } } } },
        ],
      },
    }),
  );
}

export function pageOf<T>(
  items: T[],
  total: number | { total: number; totalIsEstimate: boolean; totalLowerBound?: number; nextCursor?: string | null },
  query: PageQueryDto,
): Page<T> {
  if (typeof total === 'number') return { items, total, page: query.page, pageSize: query.pageSize };
  return {
    items,
    total: total.total,
    page: query.page,
    pageSize: query.pageSize,
    ...(total.totalIsEstimate ? { totalIsEstimate: true } : {}),
    ...(total.totalIsEstimate && total.totalLowerBound !== undefined ? { totalLowerBound: total.totalLowerBound } : {}),
    ...(total.nextCursor !== undefined ? { nextCursor: total.nextCursor } : {}),
  };
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
