import { SWAGGER_METADATA } from './swagger-metadata';
import type { FieldProblem } from '../errors/domain-error';

type Dto = abstract new (...args: never[]) => unknown;
interface PropertyMeta {
  type?: unknown;
  nullable?: boolean;
}

function propertiesOf(dto: Dto): string[] {
  const keys: string[] | undefined = Reflect.getMetadata(SWAGGER_METADATA.propertyList, dto.prototype);
  return (keys ?? []).map((k) => k.replace(/^:/, ''));
}

function isDto(type: unknown): type is Dto {
  return typeof type === 'function' && !!type.prototype && !!Reflect.getMetadata(SWAGGER_METADATA.propertyList, type.prototype);
}

/** The DTO class a property holds (`type: LineDto`, `type: [LineDto]` or `type: () => LineDto`), if any. */
function nestedDto(meta: PropertyMeta): Dto | null {
  const { type } = meta;
  if (isDto(type)) return type;
  if (typeof type === 'function' && !type.prototype) {
    const resolved: unknown = (type as () => unknown)();
    if (isDto(resolved)) return resolved;
  }
  return null;
}

/**
 * Explicit `null` is accepted only where the contract says the field is nullable
 * (`@ApiProperty({ nullable: true })`): there it clears the value. Everywhere else
 * `@IsOptional()` means "may be left out", not "may be null" — a null on a NOT NULL
 * column would otherwise reach the database and answer 500 (ADR 0007).
 */
export function nullProblems(value: unknown, dto: Dto, parent = ''): FieldProblem[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const problems: FieldProblem[] = [];
  const record = value as Record<string, unknown>;
  for (const name of propertiesOf(dto)) {
    if (!Object.prototype.hasOwnProperty.call(record, name)) continue;
    const meta: PropertyMeta = Reflect.getMetadata(SWAGGER_METADATA.properties, dto.prototype, name) ?? {};
    const field = parent ? `${parent}.${name}` : name;
    const v = record[name];
    if (v === null) {
      if (!meta.nullable) problems.push({ field, message: `${field} must not be null` });
      continue;
    }
    const nested = nestedDto(meta);
    if (!nested) continue;
    if (Array.isArray(v)) v.forEach((item, i) => problems.push(...nullProblems(item, nested, `${field}.${i}`)));
    else problems.push(...nullProblems(v, nested, field));
  }
  return problems;
}
