import type { FieldProblem } from '../errors/domain-error';

/**
 * Limits every request value meets before any DTO sees it (ADR 0007). They are the
 * failures no DTO decorator can express once for all fields:
 * - PostgreSQL refuses U+0000 in text, so a NUL byte anywhere would be a 500;
 * - class-transformer recurses into nested objects, so thousands of levels blow the stack;
 * - integer columns are int4 and amounts are decimal strings, so a JSON number beyond
 *   ±(2^31 − 1) can only overflow a column.
 */
export const MAX_INPUT_DEPTH = 16;
export const MAX_JSON_INTEGER = 2_147_483_647;

const NUL = '\u0000';

/** Field path in the style of the validation errors: `lines.0.price`. */
function join(parent: string, key: string | number): string {
  const k = String(key).replaceAll(NUL, '\\u0000');
  return parent ? `${parent}.${k}` : k;
}

/**
 * Walks a value without recursion (its depth is what is being checked) and names every
 * field that breaks a limit. `root` is the field the value itself stands for ('' for a
 * body or query object whose keys are the fields).
 */
export function scanInput(value: unknown, root = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  while (stack.length && problems.length < 20) {
    const { value: v, path, depth } = stack.pop()!;
    const field = path || 'body';
    if (typeof v === 'string') {
      if (v.includes(NUL)) problems.push({ field, message: `${field} must not contain the NUL character (\\u0000)` });
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v) || Math.abs(v) > MAX_JSON_INTEGER) {
        problems.push({ field, message: `${field} is out of range (at most ${MAX_JSON_INTEGER} in absolute value)` });
      }
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_INPUT_DEPTH) {
        problems.push({ field, message: `${field} is nested deeper than ${MAX_INPUT_DEPTH} levels` });
        continue;
      }
      const entries: Array<[string | number, unknown]> = Array.isArray(v) ? v.map((item, i) => [i, item]) : Object.entries(v);
      for (const [key, item] of entries) {
        const childPath = join(path, key);
        if (typeof key === 'string' && key.includes(NUL)) {
          problems.push({ field: childPath, message: `property names must not contain the NUL character (\\u0000)` });
          continue;
        }
        stack.push({ value: item, path: childPath, depth: depth + 1 });
      }
    }
  }
  return problems;
}
