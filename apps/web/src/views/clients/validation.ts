import type { ClientKind } from '@/api/types';
import { t } from '@/i18n';
import { isPhone, isValidInn, isValidKpp, isValidOgrn } from '@polar/ru-ids';
import { parseRevenueInput } from './revenue';

/**
 * Client-side checks of the client form (the API checks the same again). Each
 * returns the message to show at the field, or null when the value is fine.
 */

export function innError(value: string, kind: ClientKind): string | null {
  const inn = value.trim();
  if (!inn) return null;
  if (!/^\d{10}$|^\d{12}$/.test(inn)) return t('clients.form.innLength');
  if (kind === 'individual' && inn.length === 10) return t('clients.form.innIndividual');
  return isValidInn(inn) ? null : t('clients.form.innInvalid');
}

export function kppError(value: string): string | null {
  const kpp = value.trim();
  if (!kpp) return null;
  return isValidKpp(kpp) ? null : t('clients.form.kppInvalid');
}

export function ogrnError(value: string): string | null {
  const ogrn = value.trim();
  if (!ogrn) return null;
  if (!/^\d{13}$|^\d{15}$/.test(ogrn)) return t('clients.form.ogrnInvalid');
  return isValidOgrn(ogrn) ? null : t('clients.form.ogrnChecksum');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function phonesError(values: readonly string[]): string | null {
  return values.some((v) => v.trim() && !isPhone(v)) ? t('clients.form.phoneInvalid') : null;
}

export function emailsError(values: readonly string[]): string | null {
  return values.some((v) => v.trim() && !EMAIL.test(v.trim())) ? t('clients.form.emailInvalid') : null;
}

export function headcountError(value: string): string | null {
  const text = value.replace(/\s/g, '');
  if (!text) return null;
  return /^\d{1,8}$/.test(text) && Number(text) <= 10_000_000 ? null : t('clients.form.headcountInvalid');
}

export function revenueError(value: string): string | null {
  return parseRevenueInput(value).ok ? null : t('clients.form.annualRevenueInvalid');
}

/** Non-empty, trimmed values (empty inputs of a list are not sent). */
export function cleanList(values: readonly string[]): string[] {
  return values.map((v) => v.trim()).filter(Boolean);
}
