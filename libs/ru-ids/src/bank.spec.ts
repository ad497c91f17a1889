import { completeBankAccount, isValidBik, isValidCorrespondentAccount, isValidSettlementAccount } from './bank';

describe('bank requisites', () => {
  // ПАО Сбербанк, Москва: published BIK and correspondent account.
  const SBER_BIK = '044525225';
  const SBER_CORR = '30101810400000000225';

  it('checks a BIK by its form', () => {
    expect(isValidBik(SBER_BIK)).toBe(true);
    expect(isValidBik('44525225')).toBe(false);
    expect(isValidBik('144525225')).toBe(false);
    expect(isValidBik(44525225)).toBe(false);
  });

  it('accepts a real correspondent account and rejects one digit changed', () => {
    expect(isValidCorrespondentAccount(SBER_CORR, SBER_BIK)).toBe(true);
    expect(isValidCorrespondentAccount('30101810500000000225', SBER_BIK)).toBe(false);
    expect(isValidCorrespondentAccount(SBER_CORR, '044030653')).toBe(false); // another settlement network
  });

  it('checks a settlement account against the BIK of its bank', () => {
    const account = completeBankAccount('40702810000000012345', SBER_BIK, 'settlement');
    expect(account).toMatch(/^40702810\d00000012345$/);
    expect(isValidSettlementAccount(account, SBER_BIK)).toBe(true);
    const otherKey = `${account.slice(0, 8)}${(Number(account[8]) + 1) % 10}${account.slice(9)}`;
    expect(isValidSettlementAccount(otherKey, SBER_BIK)).toBe(false);
    expect(isValidSettlementAccount(account, '044525593')).toBe(false);
    expect(isValidSettlementAccount('4070281000000001234', SBER_BIK)).toBe(false);
  });

  it('completes a correspondent account to the published one', () => {
    expect(completeBankAccount('30101810000000000225', SBER_BIK, 'correspondent')).toBe(SBER_CORR);
  });
});
