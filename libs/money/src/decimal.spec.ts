import {
  compareMoney,
  fromKopecks,
  isMoney,
  isZeroMoney,
  lineTotal,
  normalizeMoney,
  parseKopecks,
  percentOf,
  roundHalfAwayFromZero,
  subtractMoney,
  sumMoney,
  toKopecks,
  tryLineTotal,
} from './decimal';

describe('exact money', () => {
  it('converts between decimal strings and kopecks without floats', () => {
    expect(toKopecks('1234.5')).toBe(123450n);
    expect(toKopecks('-0.05')).toBe(-5n);
    expect(fromKopecks(123450n)).toBe('1234.50');
    expect(fromKopecks(-5n)).toBe('-0.05');
    expect(normalizeMoney('10')).toBe('10.00');
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30'); // 0.1 + 0.2 !== 0.3 in floats
    expect(sumMoney(['9999999999999.99', '0.01'])).toBe('10000000000000.00');
    expect(sumMoney(['9007199254740993.01', '0.01'])).toBe('9007199254740993.02'); // past 2^53
    expect(sumMoney([])).toBe('0.00');
    expect(sumMoney(['1', null, undefined])).toBe('1.00');
    expect(subtractMoney('100.00', '33.34')).toBe('66.66');
  });

  it('refuses what is not an amount instead of guessing', () => {
    for (const bad of ['1,5', '1e5', '', ' 1', '1.234', '12345678901234567', 'abc', '--1', '.5']) {
      expect(isMoney(bad)).toBe(false);
      expect(() => toKopecks(bad)).toThrow(RangeError);
    }
    expect(() => sumMoney(['1', 'x'])).toThrow(RangeError);
    expect(parseKopecks(' 12.30 ')).toBe(1230n);
    expect(parseKopecks('1,5')).toBeNull();
    expect(parseKopecks(null)).toBeNull();
  });

  it('compares amounts by value, not by text', () => {
    expect(compareMoney('10.00', '9.99')).toBe(1);
    expect(compareMoney('10', '10.00')).toBe(0);
    expect(compareMoney('-1', '0')).toBe(-1);
    expect(isZeroMoney('-0.00')).toBe(true);
    expect(isZeroMoney('0.01')).toBe(false);
  });

  it('rounds half away from zero, both signs', () => {
    expect(roundHalfAwayFromZero(25n, 10n)).toBe(3n);
    expect(roundHalfAwayFromZero(-25n, 10n)).toBe(-3n);
    expect(roundHalfAwayFromZero(24n, 10n)).toBe(2n);
    expect(roundHalfAwayFromZero(-24n, 10n)).toBe(-2n);
    expect(() => roundHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
  });

  it('computes a line: 3 × 33.33 with 10 % discount = 89.99 (89.991 rounded to the kopeck)', () => {
    expect(lineTotal('3', '33.33', '10')).toBe('89.99');
  });

  it('rounds each line half away from zero to the kopeck', () => {
    expect(lineTotal('1', '0.05', '50')).toBe('0.03'); // 0.025 → 0.03
    expect(lineTotal('0.5', '0.01')).toBe('0.01'); // 0.005 → 0.01
    expect(lineTotal('1.333', '100')).toBe('133.30');
    expect(lineTotal('2', '1500000.00', '7.5')).toBe('2775000.00');
    expect(lineTotal('1', '100', '100')).toBe('0.00');
    expect(lineTotal('1', '-0.05', '50')).toBe('-0.03'); // a negative (credit) line rounds away from zero too
  });

  it('sums rounded lines, never rounds the total again', () => {
    // three lines of 0.005 each round to 0.01 → 0.03, not round(0.015) = 0.02
    const lines = ['1', '1', '1'].map((q) => lineTotal(q, '0.01', '50'));
    expect(sumMoney(lines)).toBe('0.03');
  });

  it('refuses a bad quantity or discount, and tryLineTotal says null', () => {
    expect(() => lineTotal('-1', '1')).toThrow(RangeError);
    expect(() => lineTotal('1.0001', '1')).toThrow(RangeError);
    expect(() => lineTotal('1', '1', '100.01')).toThrow(RangeError);
    expect(tryLineTotal('2', 'abc')).toBeNull();
    expect(tryLineTotal(' 2 ', ' 10.5 ', '')).toBe('21.00');
  });

  it('weights an amount by a probability', () => {
    expect(percentOf('1000.01', 25)).toBe('250.00');
    expect(percentOf('1000.02', 25)).toBe('250.01');
    expect(() => percentOf('1', 2.5)).toThrow(RangeError);
  });
});
