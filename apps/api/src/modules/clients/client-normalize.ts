/**
 * Normalisation used for search and duplicate detection. Pure functions: the same
 * rules apply to stored values and to what a user types.
 */
import { normalizePhone } from '@polar/ru-ids';

/** Phones are compared in E.164 (`+74951234567`), by the one rule of @polar/ru-ids. */
export { normalizePhone, normalizePhones } from '@polar/ru-ids';

export function normalizeEmails(list: readonly string[]): string[] {
  return [...new Set(list.map((e) => e.trim().toLowerCase()).filter(Boolean))];
}

const LEGAL_FORMS = /(^|\s)(ооо|оао|зао|пао|ао|ип|нко|ано|чуп|гуп|муп|кфх|тд|торговый дом|llc|ltd)(?=\s|$)/giu;

/** «ООО "Продукты у дома"», ООО Продукты-у-дома → "продукты у дома". */
export function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"'“”„`]/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(LEGAL_FORMS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A prefix tsquery from free text: every word must match, the words by prefix
 * (`холодильное обор` → `холодильное:* & обор:*`). Only letters and digits pass.
 * Returns null when nothing searchable is left.
 */
export function toPrefixTsQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

/** What kind of thing the user typed into the search box. */
export function classifySearch(q: string): { inn?: string; phone?: string; text: string } {
  const trimmed = q.trim();
  if (/^\d{10}$|^\d{12}$/.test(trimmed)) return { inn: trimmed, phone: normalizePhone(trimmed) ?? undefined, text: trimmed };
  if (/^[+\d\s()-]{7,}$/.test(trimmed) && trimmed.replace(/\D/g, '').length >= 10) {
    return { phone: normalizePhone(trimmed) ?? undefined, text: trimmed };
  }
  return { text: trimmed };
}
