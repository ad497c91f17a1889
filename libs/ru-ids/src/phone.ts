/**
 * Phone numbers: one rule for the API (storage, search, duplicates) and the web
 * client (form checks, display), through libphonenumber-js with Russia as the
 * default country. So `8 (495) 123-45-67`, `495 1234567`, `+7 495 123 45 67` and
 * `74951234567` are the same number, `+74951234567` in E.164, shown as
 * `+7 (495) 123-45-67`. Numbers of other countries are accepted when written with
 * their `+` code. A number is accepted when it has a possible length for its
 * country (not checked against the operators' ranges, which change more often than
 * we ship), so a typo in a digit is not caught, a missing digit is.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export interface ParsedPhone {
  /** `+74951234567` */
  e164: string;
  /** `7` for Russia (and Kazakhstan) */
  countryCallingCode: string;
  /** The digits after the country code: `4951234567`. */
  nationalNumber: string;
  /** True when the number is also in an allocated range of its country. */
  valid: boolean;
}

/** Parses what a person typed; null when it is not a phone number of a possible length. */
export function parsePhone(input: string | null | undefined): ParsedPhone | null {
  if (typeof input !== 'string') return null;
  // A pasted `tel:` link and a trailing "доб." without a number are still the number.
  const text = input.trim().replace(/^tel:/i, '').replace(/\D+$/, '');
  // Only digits, spaces, + ( ) - . are a phone; letters would be read as vanity digits.
  if (!text || text.length > 40 || !/^\+?[\d\s().-]+$/.test(text)) return null;
  const phone = parsePhoneNumberFromString(text, 'RU');
  if (!phone || !phone.isPossible()) return null;
  return {
    e164: phone.number,
    countryCallingCode: phone.countryCallingCode,
    nationalNumber: phone.nationalNumber,
    valid: phone.isValid(),
  };
}

/** True if `input` is a phone number (see the module comment for what that means). */
export function isPhone(input: string | null | undefined): boolean {
  return parsePhone(input) !== null;
}

/** True for a number with the Russian +7 code and ten national digits. */
export function isRussianPhone(input: string | null | undefined): boolean {
  const p = parsePhone(input);
  return !!p && p.countryCallingCode === '7' && p.nationalNumber.length === 10;
}

/** The E.164 form for storing and comparing (`+74951234567`), or null when `input` is not a phone. */
export function normalizePhone(input: string | null | undefined): string | null {
  return parsePhone(input)?.e164 ?? null;
}

/** Distinct E.164 forms of the phones in a list; what is not a phone is left out. */
export function normalizePhones(list: ReadonlyArray<string | null | undefined>): string[] {
  return [...new Set(list.map(normalizePhone).filter((p): p is string => p !== null))];
}

/**
 * For display: `+7 (495) 123-45-67` for a +7 number; another country's number in
 * its international form (`+49 30 12345678`); anything else as typed (trimmed).
 */
export function formatPhone(input: string | null | undefined): string {
  const text = (input ?? '').trim();
  const p = parsePhone(text);
  if (!p) return text;
  const n = p.nationalNumber;
  if (p.countryCallingCode === '7' && n.length === 10) {
    return `+7 (${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6, 8)}-${n.slice(8)}`;
  }
  return parsePhoneNumberFromString(p.e164)?.formatInternational() ?? p.e164;
}

/** The `tel:` link target of a phone (`tel:+74951234567`), or null. */
export function phoneHref(input: string | null | undefined): string | null {
  const e164 = normalizePhone(input);
  return e164 ? `tel:${e164}` : null;
}
