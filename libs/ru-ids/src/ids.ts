/**
 * Russian taxpayer and registration identifiers, checked by their control digits
 * (the rules of the Federal Tax Service). Pure functions on strings: no trimming,
 * no guessing — the caller decides what the user meant.
 */

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_1 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_2 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: readonly number[], weights: readonly number[]): number {
  return (weights.reduce((sum, w, i) => sum + w * digits[i], 0) % 11) % 10;
}

/** Whose INN: 10 digits for an organisation, 12 for a person (individual or sole proprietor). */
export type InnKind = 'legal' | 'individual';

/**
 * INN (ИНН) with its check digits: 10 digits for an organisation, 12 for a person.
 * With `kind` only that length is accepted.
 */
export function isValidInn(inn: unknown, kind?: InnKind): inn is string {
  if (typeof inn !== 'string' || !/^\d{10}$|^\d{12}$/.test(inn)) return false;
  if (kind && (inn.length === 10) !== (kind === 'legal')) return false;
  const d = [...inn].map(Number);
  if (d.length === 10) return checkDigit(d, INN10_WEIGHTS) === d[9];
  return checkDigit(d, INN12_WEIGHTS_1) === d[10] && checkDigit(d, INN12_WEIGHTS_2) === d[11];
}

/** KPP (КПП): 4 digits of the tax office, 2 of the reason (digits or capital Latin letters), 3 digits. */
export function isValidKpp(kpp: unknown): kpp is string {
  return typeof kpp === 'string' && /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp);
}

/** OGRN of an organisation (ОГРН): 13 digits, the last = (first 12 mod 11) mod 10. */
export function isValidOgrnLegal(ogrn: unknown): ogrn is string {
  return typeof ogrn === 'string' && /^\d{13}$/.test(ogrn) && Number((BigInt(ogrn.slice(0, 12)) % 11n) % 10n) === Number(ogrn[12]);
}

/** OGRNIP of a sole proprietor (ОГРНИП): 15 digits, the last = (first 14 mod 13) mod 10. */
export function isValidOgrnip(ogrnip: unknown): ogrnip is string {
  return typeof ogrnip === 'string' && /^\d{15}$/.test(ogrnip) && Number((BigInt(ogrnip.slice(0, 14)) % 13n) % 10n) === Number(ogrnip[14]);
}

/** OGRN (13 digits) or OGRNIP (15 digits) with a correct control digit: the field a client card has. */
export function isValidOgrn(ogrn: unknown): ogrn is string {
  return isValidOgrnLegal(ogrn) || isValidOgrnip(ogrn);
}

/**
 * Appends the check digit(s) to an INN body: 9 digits → a 10-digit organisation
 * INN, 10 digits → a 12-digit personal INN (for test data and demo seeds).
 */
export function completeInn(body: string): string {
  if (/^\d{9}$/.test(body)) return body + checkDigit([...body].map(Number), INN10_WEIGHTS);
  if (/^\d{10}$/.test(body)) {
    const first = body + checkDigit([...body].map(Number), INN12_WEIGHTS_1);
    return first + checkDigit([...first].map(Number), INN12_WEIGHTS_2);
  }
  throw new RangeError(`an INN body has 9 or 10 digits, got ${body}`);
}

/** Appends the control digit to an OGRN body (12 digits) or an OGRNIP body (14 digits). */
export function completeOgrn(body: string): string {
  if (!/^\d{12}$|^\d{14}$/.test(body)) throw new RangeError(`an OGRN body has 12 or 14 digits, got ${body}`);
  const mod = body.length === 12 ? 11n : 13n;
  return body + String((BigInt(body) % mod) % 10n);
}
