/**
 * Request cases generated from the committed OpenAPI contract: for every operation, a
 * plausible request and its bad variants (wrong types, nulls, NUL bytes, huge numbers,
 * long strings, extra properties, bad ids, odd bodies). Pure and seeded: the same seed
 * gives the same cases, so a failure can be replayed.
 */

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  nullable?: boolean;
  pattern?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface FuzzCase {
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Path template, e.g. /api/clients/{id}. */
  template: string;
  /** Path parameter values (unencoded). */
  path: Record<string, string>;
  query: Array<[string, string]>;
  /** JSON body (serialised as is), or a raw body with its content type. */
  body?: unknown;
  raw?: { contentType: string; text: string };
  /** What was changed from the plausible request, for the failure summary. */
  variant: string;
}

/** Real ids and names from the test database, by path parameter (see fuzz.e2e-spec.ts). */
export type IdResolver = (template: string, param: string) => string | undefined;

/** mulberry32: small, fast, good enough to pick cases deterministically. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomUuid(rnd: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(rnd() * 4)];
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const NUL_TEXT = 'fuzz\u0000text';
const HUGE_NUMBER = 1e20;
const LONG_TEXT = 'x'.repeat(10_001);
const HUGE_DECIMAL = '99999999999999999999999.999';

export class OpenApiFuzzer {
  private readonly rnd: () => number;
  private emails = 0;

  constructor(
    private readonly doc: OpenApiDoc,
    seed: number,
    private readonly ids: IdResolver,
  ) {
    this.rnd = seededRandom(seed);
  }

  resolve(schema: Schema | undefined): Schema {
    if (!schema) return {};
    if (schema.$ref) return this.resolve(this.doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
    if (schema.allOf?.length === 1) {
      const { allOf, ...rest } = schema;
      return { ...this.resolve(allOf[0]), ...rest };
    }
    if (schema.allOf) {
      const parts = schema.allOf.map((s) => this.resolve(s));
      return {
        type: 'object',
        properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
        required: parts.flatMap((p) => p.required ?? []),
      };
    }
    return schema;
  }

  /** A value the contract allows (the request's "happy" version). */
  sample(raw: Schema | undefined, name = '', depth = 0): unknown {
    const schema = this.resolve(raw);
    if (schema.example !== undefined && schema.type !== 'object') return schema.example;
    if (schema.enum?.length) return schema.enum[0];
    switch (schema.type) {
      case 'integer':
      case 'number':
        return schema.default ?? schema.minimum ?? 1;
      case 'boolean':
        return schema.default ?? false;
      case 'array':
        return schema.minItems ? [this.sample(schema.items, name, depth + 1)] : [];
      case 'object':
      case undefined:
        if (!schema.properties || depth > 4) return {};
        return Object.fromEntries(
          (schema.required ?? []).filter((p) => schema.properties![p]).map((p) => [p, this.sample(schema.properties![p], p, depth + 1)]),
        );
      default:
        return this.sampleString(schema, name);
    }
  }

  private sampleString(schema: Schema, name: string): string {
    switch (schema.format) {
      case 'uuid':
        return this.ids('', name) ?? randomUuid(this.rnd);
      case 'date':
        return '2026-12-01';
      case 'date-time':
        return '2026-12-01T09:00:00+03:00';
      case 'email':
        return `fuzz${++this.emails}@lider.test`;
      case 'binary':
        return 'file';
    }
    if (/email/i.test(name)) return `fuzz${++this.emails}@lider.test`;
    if (/password/i.test(name)) return 'fuzz-password-1';
    return 'Фазз проверка'.padEnd(schema.minLength ?? 0, 'ф');
  }

  /**
   * The bad values for one field, each with a short label: always `null` (PATCH semantics),
   * plus one seeded pick of a NUL byte, a wrong type or a huge value. All three for every
   * field would double the run; another FUZZ_SEED picks differently.
   */
  private badValues(raw: Schema | undefined): Array<[string, unknown]> {
    const [nullCase, ...others] = this.allBadValues(raw);
    return [nullCase, others[Math.floor(this.rnd() * others.length)]];
  }

  private allBadValues(raw: Schema | undefined): Array<[string, unknown]> {
    const schema = this.resolve(raw);
    const type = schema.type ?? (schema.properties ? 'object' : 'string');
    const wrong: Record<string, unknown> = { string: 12345, integer: 'abc', number: 'abc', boolean: 'yes', array: { a: 1 }, object: 'x' };
    const huge: unknown =
      type === 'integer' || type === 'number' ? HUGE_NUMBER : type === 'string' ? (/^\d/.test(String(schema.example ?? '')) ? HUGE_DECIMAL : LONG_TEXT) : [HUGE_NUMBER];
    return [
      ['null', null],
      ['NUL byte', type === 'array' ? [NUL_TEXT] : NUL_TEXT],
      ['wrong type', wrong[type] ?? 12345],
      ['huge', huge],
    ];
  }

  /** Every case of every operation, in a stable order; deletions last (they remove the records the others use). */
  cases(): FuzzCase[] {
    const out: FuzzCase[] = [];
    for (const template of Object.keys(this.doc.paths).sort()) {
      for (const method of Object.keys(this.doc.paths[template]).sort() as FuzzCase['method'][]) {
        out.push(...this.operationCases(template, method, this.doc.paths[template][method]));
      }
    }
    return [...out.filter((c) => c.method !== 'delete'), ...out.filter((c) => c.method === 'delete')];
  }

  private operationCases(template: string, method: FuzzCase['method'], op: Operation): FuzzCase[] {
    const params = op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const queryParams = params.filter((p) => p.in === 'query');
    const jsonSchema = op.requestBody?.content['application/json']?.schema;
    const multipart = !!op.requestBody?.content['multipart/form-data'];

    const path = Object.fromEntries(
      pathParams.map((p) => {
        const schema = this.resolve(p.schema);
        return [p.name, this.ids(template, p.name) ?? (schema.enum?.[0] as string | undefined) ?? randomUuid(this.rnd)];
      }),
    );
    const query: Array<[string, string]> = queryParams.filter((p) => p.required).map((p) => [p.name, String(this.sample(p.schema, p.name))]);
    const base = jsonSchema ? this.sample(jsonSchema) : undefined;
    const make = (variant: string, change: Partial<FuzzCase>): FuzzCase => ({
      operationId: op.operationId,
      method,
      template,
      path,
      query,
      body: base,
      variant,
      ...change,
    });

    const cases: FuzzCase[] = [make('plausible request', {})];

    for (const p of pathParams) {
      const enumerated = !!this.resolve(p.schema).enum;
      for (const [label, value] of [
        ['not a UUID', 'not-a-uuid'],
        ['random UUID', randomUuid(this.rnd)],
        ['NUL byte', NUL_TEXT],
        ...(enumerated ? [['unknown value', 'no_such_kind']] : []),
      ] as Array<[string, string]>) {
        cases.push(make(`path ${p.name}: ${label}`, { path: { ...path, [p.name]: value } }));
      }
    }

    const queryBad: Array<[string, string | string[]]> = [
      ['wrong type', 'abc'],
      ['empty', ''],
      ['repeated', ['a', 'b']],
      ['long', 'x'.repeat(3000)],
      ['negative', '-1'],
      ['text null', 'null'],
    ];
    for (const p of queryParams) {
      const others = query.filter(([k]) => k !== p.name);
      const schema = this.resolve(p.schema);
      // The second bad value aims at what the parameter is: numbers get a huge one, days a
      // date-time, ids a non-UUID; the rest a seeded pick of the usual suspects.
      const second: [string, string | string[]] =
        schema.type === 'integer' || schema.type === 'number'
          ? ['huge number', '1e20']
          : schema.format === 'date' || schema.format === 'date-time'
            ? ['date-time with offset / impossible day', schema.format === 'date' ? '2026-12-01T00:00:00Z' : '2026-02-30T10:00:00Z']
            : schema.format === 'uuid'
              ? ['not a UUID', 'not-a-uuid']
              : queryBad[Math.floor(this.rnd() * queryBad.length)];
      for (const [label, value] of [['NUL byte', NUL_TEXT], second] as Array<[string, string | string[]]>) {
        const values = Array.isArray(value) ? value : [value];
        cases.push(make(`query ${p.name}: ${label}`, { query: [...others, ...values.map((v): [string, string] => [p.name, v])] }));
      }
    }

    if (jsonSchema) {
      const schema = this.resolve(jsonSchema);
      const baseObject = (base ?? {}) as Record<string, unknown>;
      for (const [prop, propSchema] of Object.entries(schema.properties ?? {})) {
        const resolved = this.resolve(propSchema);
        for (const [label, value] of this.badValues(propSchema)) {
          cases.push(make(`body ${prop}: ${label}`, { body: { ...baseObject, [prop]: value } }));
        }
        // One level down: the first item of an array of objects (deal lines), or a nested object.
        const itemSchema = resolved.type === 'array' ? this.resolve(resolved.items) : resolved;
        if (itemSchema.properties) {
          const item = this.sample(itemSchema) as Record<string, unknown>;
          for (const [sub, subSchema] of Object.entries(itemSchema.properties)) {
            for (const [label, value] of this.badValues(subSchema)) {
              const nested = { ...item, [sub]: value };
              cases.push(make(`body ${prop}.${sub}: ${label}`, { body: { ...baseObject, [prop]: resolved.type === 'array' ? [nested] : nested } }));
            }
          }
        }
      }
      cases.push(make('body: extra property', { body: { ...baseObject, fuzzExtra: 'x' } }));
      cases.push(make('body: text/plain', { raw: { contentType: 'text/plain', text: JSON.stringify(baseObject) } }));
      const odd: Array<[string, Partial<FuzzCase>]> = [
        ['body: an array', { body: [baseObject] }],
        ['body: a string', { raw: { contentType: 'application/json', text: '"text"' } }],
        ['body: empty object', { body: {} }],
        ['body: 5000 levels deep', { raw: { contentType: 'application/json', text: `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}` } }],
        ['body: malformed JSON', { raw: { contentType: 'application/json', text: '{"a": ' } }],
      ];
      const [label, change] = odd[Math.floor(this.rnd() * odd.length)];
      cases.push(make(label, change));
    } else if (method !== 'get' && !multipart) {
      cases.push(make('unexpected text/plain body', { raw: { contentType: 'text/plain', text: 'hello' } }));
      cases.push(make('unexpected JSON body', { body: { fuzzExtra: 'x' } }));
    }
    return cases;
  }
}
