import { compareMoney, fromKopecks, lineTotal, percentOf, sumMoney, toKopecks } from './money';

describe('exact money', () => {
  it('converts between decimal strings and kopecks without floats', () => {
    expect(toKopecks('1234.5')).toBe(123450n);
    expect(fromKopecks(123450n)).toBe('1234.50');
    expect(fromKopecks(-5n)).toBe('-0.05');
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30'); // 0.1 + 0.2 !== 0.3 in floats
    expect(sumMoney(['9999999999999.99', '0.01'])).toBe('10000000000000.00');
  });

  it('computes a line: 3 × 33.33 with 10 % discount = 89.99 (89.991 rounded to the kopeck)', () => {
    expect(lineTotal('3', '33.33', '10')).toBe('89.99');
  });

  it('rounds half away from zero to the kopeck', () => {
    expect(lineTotal('1', '0.05', '50')).toBe('0.03'); // 0.025 → 0.03
    expect(lineTotal('0.5', '0.01')).toBe('0.01'); // 0.005 → 0.01
    expect(lineTotal('1.333', '100')).toBe('133.30');
    expect(lineTotal('2', '1500000.00', '7.5')).toBe('2775000.00');
  });

  it('weights an amount by a probability', () => {
    expect(percentOf('1000.01', 25)).toBe('250.00');
    expect(percentOf('1000.02', 25)).toBe('250.01');
  });

  it('compares amounts', () => {
    expect(compareMoney('10.00', '9.99')).toBe(1);
    expect(compareMoney('10', '10.00')).toBe(0);
  });

  it('refuses what is not an amount', () => {
    expect(() => toKopecks('1,5')).toThrow(RangeError);
    expect(() => lineTotal('-1', '1')).toThrow(RangeError);
  });
});
