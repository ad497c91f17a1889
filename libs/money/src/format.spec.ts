import { EMPTY, formatMoney, groupThousands, parseDecimalInput, toInputDecimal, trimDecimal } from './format';

const S = '\u00a0';

describe('formatMoney', () => {
  it('writes 1 234 567,89 ₽ with no-break spaces', () => {
    expect(formatMoney('1234567.89')).toBe(`1${S}234${S}567,89${S}₽`);
    expect(formatMoney('1000')).toBe(`1${S}000,00${S}₽`);
    expect(formatMoney('999')).toBe(`999,00${S}₽`);
    expect(formatMoney('0')).toBe(`0,00${S}₽`);
    expect(formatMoney('100000')).toBe(`100${S}000,00${S}₽`);
    expect(groupThousands('1234567')).toBe(`1${S}234${S}567`);
  });

  it('keeps every digit past 2^53 and rounds half away from zero on the digits', () => {
    expect(formatMoney('9007199254740993.01')).toBe(`9${S}007${S}199${S}254${S}740${S}993,01${S}₽`);
    expect(formatMoney('12345678901234567890.12')).toBe(`12${S}345${S}678${S}901${S}234${S}567${S}890,12${S}₽`);
    expect(formatMoney('0.005')).toBe(`0,01${S}₽`);
    expect(formatMoney('999.995')).toBe(`1${S}000,00${S}₽`);
    expect(formatMoney('-2.675')).toBe(`-2,68${S}₽`); // a float would give 2.67
    expect(formatMoney('-0.001')).toBe(`0,00${S}₽`); // no negative zero
  });

  it('accepts bigint and numbers, other currencies or none', () => {
    expect(formatMoney(0.1 + 0.2)).toBe(`0,30${S}₽`);
    expect(formatMoney(1500n)).toBe(`1${S}500,00${S}₽`);
    expect(formatMoney('1234.5', '')).toBe(`1${S}234,50`);
    expect(formatMoney('10', '$')).toBe(`10,00${S}$`);
  });

  it('shows a dash for what is not an amount', () => {
    for (const v of [null, undefined, '', 'abc', '1e5', '.', Number.NaN]) expect(formatMoney(v)).toBe(EMPTY);
  });
});

describe('typed amounts', () => {
  it('reads what a person types in Russian', () => {
    expect(parseDecimalInput('1 234,5', 'money')).toBe('1234.5');
    expect(parseDecimalInput(`1${S}234`, 'money')).toBe('1234');
    expect(parseDecimalInput('5,', 'money')).toBe('5');
    expect(parseDecimalInput(',5', 'money')).toBe('0.5');
    expect(parseDecimalInput('33,33', 'percent')).toBe('33.33');
    expect(parseDecimalInput('0,5', 'quantity')).toBe('0.5');
  });

  it('refuses what the API would refuse', () => {
    expect(parseDecimalInput('-5', 'money')).toBeNull();
    expect(parseDecimalInput('1234567890123', 'money')).toBeNull(); // 13 digits
    expect(parseDecimalInput('1234567890123', 'largeMoney')).toBe('1234567890123');
    expect(parseDecimalInput('100,01', 'percent')).toBeNull();
    expect(parseDecimalInput('0', 'quantity')).toBeNull();
    expect(parseDecimalInput('1.2.3', 'money')).toBeNull();
    expect(parseDecimalInput(null, 'money')).toBeNull();
  });

  it('is strict on request: no dangling separators', () => {
    expect(parseDecimalInput('5,', 'largeMoney', true)).toBeNull();
    expect(parseDecimalInput(',5', 'largeMoney', true)).toBeNull();
    expect(parseDecimalInput('5,5', 'largeMoney', true)).toBe('5.5');
  });

  it('shows decimals for editing and without needless zeros', () => {
    expect(toInputDecimal('33.33')).toBe('33,33');
    expect(toInputDecimal('33.33', 'en')).toBe('33.33');
    expect(toInputDecimal(null)).toBe('');
    expect(trimDecimal('10.00')).toBe('10');
    expect(trimDecimal('7.50')).toBe('7,5');
    expect(trimDecimal('100')).toBe('100');
  });
});
