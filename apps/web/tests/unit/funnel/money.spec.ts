import { describe, expect, it } from 'vitest';
import {
  compareMoney,
  fromKopecks,
  parseDecimalInput,
  parseKopecks,
  percentOf,
  subtractMoney,
  sumMoney,
  trimDecimal,
  tryLineTotal as lineTotal,
} from '@polar/money';

describe('kopeck arithmetic (the same @polar/money the API prices with)', () => {
  it('prices a line: quantity × price × (1 − discount), half away from zero per line', () => {
    expect(lineTotal('3', '33.33', '10')).toBe('89.99'); // 99.99 × 0.9 = 89.991
    expect(lineTotal('0.5', '0.01')).toBe('0.01'); // 0.005 → 0.01
    expect(lineTotal('1', '0.01', '50')).toBe('0.01'); // 0.005 → 0.01
    expect(lineTotal('1', '0.01', '50.01')).toBe('0.00'); // 0.004999 → 0.00
    expect(lineTotal('2', '118500.00', '7.5')).toBe('219225.00');
    expect(lineTotal('0.333', '3.00')).toBe('1.00'); // 0.999 → 1.00
    expect(lineTotal('1', '99.99', '100')).toBe('0.00');
    expect(lineTotal('999999999.999', '999999999999.99')).toBe('999999999998990000000.00') // exact past 2^53;
  });

  it('refuses inputs the API would refuse', () => {
    expect(lineTotal('1.0001', '1')).toBeNull(); // more than 3 decimals
    expect(lineTotal('1', '1.001')).toBeNull(); // more than 2 decimals
    expect(lineTotal('1', '1', '100.01')).toBeNull();
    expect(lineTotal('-1', '1')).toBeNull();
    expect(lineTotal('abc', '1')).toBeNull();
  });

  it('sums and subtracts exactly, without floats', () => {
    expect(sumMoney(['0.10', '0.20'])).toBe('0.30');
    expect(sumMoney(['89.99', '0.01', '1234567.89'])).toBe('1234657.89');
    expect(sumMoney([])).toBe('0.00');
    expect(sumMoney(['9007199254740993.00', '0.01'])).toBe('9007199254740993.01'); // past 2^53
    expect(sumMoney(['1.00', null, undefined])).toBe('1.00');
    expect(() => sumMoney(['1.00', 'oops'])).toThrow(RangeError);
    expect(subtractMoney('100.00', '100.01')).toBe('-0.01');
    expect(compareMoney('10.00', '9.99')).toBe(1);
    expect(compareMoney('10', '10.00')).toBe(0);
  });

  it('converts between decimal strings and kopecks', () => {
    expect(parseKopecks('1234.5')).toBe(123450n);
    expect(parseKopecks('-0.01')).toBe(-1n);
    expect(parseKopecks('1,5')).toBeNull();
    expect(fromKopecks(123450n)).toBe('1234.50');
    expect(fromKopecks(-5n)).toBe('-0.05');
  });

  it('weights an amount by a probability, to the kopeck', () => {
    expect(percentOf('1000.00', 20)).toBe('200.00');
    expect(percentOf('0.05', 50)).toBe('0.03'); // 0.025 → 0.03
    expect(percentOf('333.33', 33)).toBe('110.00'); // 109.9989
  });
});

describe('typed decimals', () => {
  it('accepts what people type in Russian', () => {
    expect(parseDecimalInput('33,33', 'money')).toBe('33.33');
    expect(parseDecimalInput('1 234 567,8', 'money')).toBe('1234567.8');
    expect(parseDecimalInput('1\u00a0234,', 'money')).toBe('1234');
    expect(parseDecimalInput(',5', 'quantity')).toBe('0.5');
    expect(parseDecimalInput('10', 'percent')).toBe('10');
    expect(parseDecimalInput('100', 'percent')).toBe('100');
  });

  it('rejects what the API would reject', () => {
    expect(parseDecimalInput('', 'money')).toBeNull();
    expect(parseDecimalInput('1.234', 'money')).toBeNull();
    expect(parseDecimalInput('0', 'quantity')).toBeNull();
    expect(parseDecimalInput('1,2345', 'quantity')).toBeNull();
    expect(parseDecimalInput('101', 'percent')).toBeNull();
    expect(parseDecimalInput('-5', 'money')).toBeNull();
    expect(parseDecimalInput('1e5', 'money')).toBeNull();
  });

  it('shows stored values without needless zeros', () => {
    expect(trimDecimal('3.000')).toBe('3');
    expect(trimDecimal('7.50')).toBe('7,5');
    expect(trimDecimal('10.00', 'en')).toBe('10');
    expect(trimDecimal('100')).toBe('100');
  });
});
