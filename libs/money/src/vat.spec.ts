import { amountWithoutVat, amountWithVat, isVatRate, vatIncluded, vatLabel, vatOnTop } from './vat';

describe('VAT', () => {
  it('finds the VAT inside an amount that includes it', () => {
    expect(vatIncluded('120.00', '20')).toBe('20.00');
    expect(amountWithoutVat('120.00', '20')).toBe('100.00');
    expect(vatIncluded('110', '10')).toBe('10.00');
    expect(vatIncluded('122', '22')).toBe('22.00');
    // 100 × 20/120 = 16.666… → 16.67, and the parts still add up to the total
    expect(vatIncluded('100.00', '20')).toBe('16.67');
    expect(amountWithoutVat('100.00', '20')).toBe('83.33');
  });

  it('rounds the VAT half away from zero once', () => {
    // 0.03 × 20/120 = 0.005 → 0.01
    expect(vatIncluded('0.03', '20')).toBe('0.01');
    expect(vatIncluded('-0.03', '20')).toBe('-0.01');
    // 0.05 × 10 % = 0.005 → 0.01 on top
    expect(vatOnTop('0.05', '10')).toBe('0.01');
  });

  it('charges VAT on top of an amount without it', () => {
    expect(vatOnTop('251833.33', '20')).toBe('50366.67');
    expect(amountWithVat('251833.33', '20')).toBe('302200.00');
  });

  it('has no VAT at 0 % or «Без НДС»', () => {
    expect(vatIncluded('302200.00', '0')).toBe('0.00');
    expect(vatIncluded('302200.00', 'none')).toBe('0.00');
    expect(amountWithVat('302200.00', 'none')).toBe('302200.00');
    expect(amountWithoutVat('302200.00', 'none')).toBe('302200.00');
  });

  it('labels the rate the way print forms do', () => {
    expect(vatLabel('20')).toBe('В том числе НДС 20\u00a0%');
    expect(vatLabel('10', false)).toBe('НДС 10\u00a0%');
    expect(vatLabel('none')).toBe('Без НДС');
    expect(isVatRate('18')).toBe(false);
    expect(() => vatIncluded('1', '18' as never)).toThrow(RangeError);
  });
});
