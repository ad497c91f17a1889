import { describe, expect, it } from 'vitest';
import { parseRevenueInput, revenueToInput } from '@/views/clients/revenue';

describe('annual revenue input', () => {
  it.each([
    ['1234567,89', '1234567.89'],
    ['1234567.89', '1234567.89'],
    ['1 234 567,8', '1234567.8'],
    ['1\u00a0234\u00a0567,80', '1234567.80'],
    ['0', '0'],
    ['48500000', '48500000'],
    ['9999999999999999.99', '9999999999999999.99'],
  ])('%s → %s (a decimal string, never a float)', (text, value) => {
    expect(parseRevenueInput(text)).toEqual({ ok: true, value });
  });

  it('treats an empty field as "no revenue"', () => {
    expect(parseRevenueInput('')).toEqual({ ok: true, value: null });
    expect(parseRevenueInput('   ')).toEqual({ ok: true, value: null });
    expect(parseRevenueInput(null)).toEqual({ ok: true, value: null });
  });

  it.each(['12,345', '1.2.3', '-5', '12 р.', 'abc', '1e6', '12345678901234567', ',5', '5,'])('rejects %s', (text) => {
    expect(parseRevenueInput(text)).toEqual({ ok: false });
  });

  it('keeps precision past 2^53 (no float on the way)', () => {
    expect(parseRevenueInput('9007199254740993,01')).toEqual({ ok: true, value: '9007199254740993.01' });
  });

  it('shows the API value with a decimal comma', () => {
    expect(revenueToInput('48500000.00')).toBe('48500000,00');
    expect(revenueToInput(null)).toBe('');
  });
});
