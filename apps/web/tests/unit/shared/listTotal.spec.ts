import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '@/i18n';
import { listTotalText } from '@/shared/lib/listTotal';

beforeEach(() => setLocale('ru'));

describe('the «Найдено» line of a list', () => {
  it('says «Загрузка…» before the first answer, never «Найдено: 0»', () => {
    expect(listTotalText(undefined)).toBe('Загрузка…');
  });

  it('counts an exact total, including zero once the answer is in', () => {
    expect(listTotalText({ total: 42 })).toBe('Найдено: 42');
    expect(listTotalText({ total: 0, totalIsEstimate: false })).toBe('Найдено: 0');
  });

  it('shows the lower bound of an estimated total, formatted the Russian way', () => {
    expect(listTotalText({ total: 987_654, totalIsEstimate: true, totalLowerBound: 250_000 })).toBe('Найдено: более 250\u00a0000');
  });

  it('falls back to 10 000 when the page does not name its lower bound', () => {
    expect(listTotalText({ total: 987_654, totalIsEstimate: true })).toBe('Найдено: более 10\u00a0000');
    setLocale('en');
    expect(listTotalText({ total: 987_654, totalIsEstimate: true })).toBe('Found: more than 10\u00a0000');
  });
});
