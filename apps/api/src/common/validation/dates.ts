import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Years the database and the business can mean; beyond them a date is a typo or an attack. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function realDay(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `YYYY-MM-DD`, a real calendar day; a date-time is refused, not silently cut. */
export function isDay(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = DAY.exec(value);
  return !!m && realDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** An ISO 8601 instant (`2026-12-01T09:00:00+03:00`; a bare day means its midnight UTC) within sane years. */
export function isInstant(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = INSTANT.exec(value);
  if (!m || !realDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return false;
  return !Number.isNaN(Date.parse(value));
}

function decorator(name: string, test: (v: unknown) => boolean, describe: string, options?: ValidationOptions) {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `$property must be ${describe}`, ...options },
      validator: { validate: test },
    });
}

/** A day (`date` in the contract): `2026-12-01`. */
export const IsDay = (options?: ValidationOptions) => decorator('isDay', isDay, 'a date like 2026-12-01', options);

/** An instant (`date-time` in the contract): `2026-12-01T09:00:00+03:00`. */
export const IsInstant = (options?: ValidationOptions) => decorator('isInstant', isInstant, 'a date-time like 2026-12-01T09:00:00+03:00', options);
