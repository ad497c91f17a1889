import { describe, expect, it } from 'vitest';
import {
  EMPTY,
  formatDate,
  formatDateTime,
  formatMoney,
  formatPhone,
  formatTime,
  isValidInn,
  moscowDayEnd,
  moscowDayStart,
  moscowToday,
  normalizePhone,
  NBSP,
} from '@/utils/format';

const S = NBSP; // U+00A0

describe('dates and times (Europe/Moscow)', () => {
  it('formats an instant as dd.mm.yyyy in Moscow time', () => {
    expect(formatDate('2026-03-05T10:00:00Z')).toBe('05.03.2026');
    // 22:30 UTC on 31 Dec is already 1 Jan in Moscow (UTC+3)
    expect(formatDate('2025-12-31T22:30:00Z')).toBe('01.01.2026');
    expect(formatDate(new Date(Date.UTC(2026, 6, 9, 20, 59)))).toBe('09.07.2026');
    expect(formatDate(new Date(Date.UTC(2026, 6, 9, 21, 0)))).toBe('10.07.2026');
  });

  it('formats a date-only string without any time-zone shift', () => {
    expect(formatDate('2026-01-01')).toBe('01.01.2026');
    expect(formatDate('1999-12-31')).toBe('31.12.1999');
    expect(formatDateTime('2026-02-28')).toBe('28.02.2026');
  });

  it('formats times as HH:mm in Moscow time, 24-hour', () => {
    expect(formatTime('2026-03-05T10:07:00Z')).toBe('13:07');
    expect(formatTime('2026-03-05T21:00:00Z')).toBe('00:00');
    expect(formatTime('2026-03-05T20:59:59Z', true)).toBe('23:59:59');
    expect(formatDateTime('2026-03-05T06:05:00Z')).toBe('05.03.2026 09:05');
  });

  it('shows a dash for missing or invalid values', () => {
    expect(formatDate(null)).toBe(EMPTY);
    expect(formatDate(undefined)).toBe(EMPTY);
    expect(formatDate('')).toBe(EMPTY);
    expect(formatDate('not a date')).toBe(EMPTY);
    expect(formatTime(null)).toBe(EMPTY);
    expect(formatDateTime(null)).toBe(EMPTY);
  });

  it('builds Moscow day bounds for API filters', () => {
    expect(moscowDayStart('2026-03-05')).toBe('2026-03-05T00:00:00+03:00');
    expect(moscowDayEnd('2026-03-05')).toBe('2026-03-05T23:59:59.999+03:00');
    expect(new Date(moscowDayStart('2026-03-05')).toISOString()).toBe('2026-03-04T21:00:00.000Z');
    expect(moscowToday(new Date('2026-03-04T21:30:00Z'))).toBe('2026-03-05');
  });
});

describe('money', () => {
  it('groups thousands with U+00A0 and uses a decimal comma', () => {
    expect(formatMoney('1234567.89')).toBe(`1${S}234${S}567,89${S}₽`);
    expect(formatMoney('1000')).toBe(`1${S}000,00${S}₽`);
    expect(formatMoney('999')).toBe(`999,00${S}₽`);
    expect(formatMoney('0')).toBe(`0,00${S}₽`);
    expect(formatMoney('12.5')).toBe(`12,50${S}₽`);
    expect(formatMoney('100000')).toBe(`100${S}000,00${S}₽`);
  });

  it('uses the no-break space U+00A0, not a normal space', () => {
    const text = formatMoney('1234.00');
    expect(text).toContain('\u00a0');
    expect(text).not.toContain(' ');
  });

  it('handles negative amounts', () => {
    expect(formatMoney('-1234.5')).toBe(`-1${S}234,50${S}₽`);
    expect(formatMoney('-0.001')).toBe(`0,00${S}₽`); // no negative zero
  });

  it('keeps precision beyond what a float can hold', () => {
    expect(formatMoney('12345678901234567890.12')).toBe(
      `12${S}345${S}678${S}901${S}234${S}567${S}890,12${S}₽`,
    );
    expect(formatMoney('9007199254740993.01')).toBe(`9${S}007${S}199${S}254${S}740${S}993,01${S}₽`);
  });

  it('rounds half away from zero on the digits', () => {
    expect(formatMoney('0.005')).toBe(`0,01${S}₽`);
    expect(formatMoney('1.994')).toBe(`1,99${S}₽`);
    expect(formatMoney('999.995')).toBe(`1${S}000,00${S}₽`);
    expect(formatMoney('-2.675')).toBe(`-2,68${S}₽`); // a float would give 2.67
  });

  it('accepts numbers, leading zeros and an optional currency', () => {
    expect(formatMoney(0.1 + 0.2)).toBe(`0,30${S}₽`);
    expect(formatMoney(1500)).toBe(`1${S}500,00${S}₽`);
    expect(formatMoney('000123.40')).toBe(`123,40${S}₽`);
    expect(formatMoney('1234.5', '')).toBe(`1${S}234,50`);
    expect(formatMoney('10', '$')).toBe(`10,00${S}$`);
  });

  it('shows a dash for missing or non-numeric values', () => {
    expect(formatMoney(null)).toBe(EMPTY);
    expect(formatMoney('')).toBe(EMPTY);
    expect(formatMoney('abc')).toBe(EMPTY);
    expect(formatMoney('1e5')).toBe(EMPTY);
    expect(formatMoney('.')).toBe(EMPTY);
  });
});

describe('phones', () => {
  it('formats any Russian number as +7 (XXX) XXX-XX-XX', () => {
    const expected = '+7 (495) 123-45-67';
    expect(formatPhone('84951234567')).toBe(expected);
    expect(formatPhone('+74951234567')).toBe(expected);
    expect(formatPhone('74951234567')).toBe(expected);
    expect(formatPhone('4951234567')).toBe(expected);
    expect(formatPhone('8 (495) 123-45-67')).toBe(expected);
    expect(formatPhone(' +7-495-123 45 67 доб. ')).toBe(expected);
    expect(formatPhone('tel:+7(495)1234567')).toBe(expected);
  });

  it('returns other input trimmed and a dash for nothing', () => {
    expect(formatPhone(' 12345 ')).toBe('12345');
    expect(formatPhone('+1 212 555 0100 22')).toBe('+1 212 555 0100 22');
    expect(formatPhone(null)).toBe(EMPTY);
    expect(formatPhone('  ')).toBe(EMPTY);
  });

  it('normalises for storage', () => {
    expect(normalizePhone('8 (912) 000-11-22')).toBe('+79120001122');
    expect(normalizePhone('123')).toBeNull();
  });
});

describe('INN', () => {
  it('accepts valid 10-digit (organisation) INNs', () => {
    expect(isValidInn('7707083893')).toBe(true);
    expect(isValidInn('7736050003')).toBe(true);
    expect(isValidInn('7830002293')).toBe(true);
  });

  it('accepts valid 12-digit (individual) INNs', () => {
    expect(isValidInn('500100732259')).toBe(true);
  });

  it('rejects wrong check digits', () => {
    expect(isValidInn('7707083894')).toBe(false);
    expect(isValidInn('500100732258')).toBe(false);
    expect(isValidInn('500100732269')).toBe(false);
  });

  it('rejects wrong lengths and non-digits', () => {
    expect(isValidInn('')).toBe(false);
    expect(isValidInn(null)).toBe(false);
    expect(isValidInn('770708389')).toBe(false);
    expect(isValidInn('77070838931')).toBe(false);
    expect(isValidInn('77070838a3')).toBe(false);
    expect(isValidInn('7707 083893')).toBe(false);
  });
});
