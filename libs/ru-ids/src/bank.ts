/**
 * Bank requisites of a Russian payment: БИК and the 20-digit accounts, checked by the
 * control key of the Bank of Russia. The key is the 9th digit of an account; it is
 * computed over 23 digits — three taken from the BIK, then the account — with the
 * weights 7, 1, 3 repeated: the sum of the last digits of the products ends in 0.
 * A settlement account (расчётный счёт) takes the BIK's last three digits; a
 * correspondent account takes "0" and the BIK's 5th and 6th digits (the settlement
 * network of the Bank of Russia).
 */

const WEIGHTS = [7, 1, 3];

/** БИК: 9 digits, starting with 04 for a bank in Russia. */
export function isValidBik(bik: unknown): bik is string {
  return typeof bik === 'string' && /^04\d{7}$/.test(bik);
}

function keySum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += (Number(digits[i]) * WEIGHTS[i % 3]) % 10;
  return sum % 10;
}

function accountPrefix(bik: string, kind: 'settlement' | 'correspondent'): string {
  return kind === 'settlement' ? bik.slice(6, 9) : `0${bik.slice(4, 6)}`;
}

function isValidAccountFor(account: unknown, bik: unknown, kind: 'settlement' | 'correspondent'): account is string {
  if (typeof account !== 'string' || !/^\d{20}$/.test(account) || !isValidBik(bik)) return false;
  return keySum(accountPrefix(bik, kind) + account) === 0;
}

/** A settlement account (расчётный счёт) opened at the bank with this BIK. */
export function isValidSettlementAccount(account: unknown, bik: unknown): account is string {
  return isValidAccountFor(account, bik, 'settlement');
}

/** The correspondent account (корр. счёт) of the bank with this BIK; 301… for a bank in Russia. */
export function isValidCorrespondentAccount(account: unknown, bik: unknown): account is string {
  return typeof account === 'string' && account.startsWith('301') && isValidAccountFor(account, bik, 'correspondent');
}

/**
 * Puts the right control key (the 9th digit) into an account number for a BIK, for
 * demo data and tests: any other digit there makes the account invalid.
 */
export function completeBankAccount(account: string, bik: string, kind: 'settlement' | 'correspondent'): string {
  if (!/^\d{20}$/.test(account) || !isValidBik(bik)) throw new RangeError('an account has 20 digits and a BIK 9 starting with 04');
  const zeroed = `${account.slice(0, 8)}0${account.slice(9)}`;
  const rest = keySum(accountPrefix(bik, kind) + zeroed);
  // The key sits at position 12 of the 23 digits (weight 3); find the digit that brings the sum to 0.
  for (let key = 0; key <= 9; key++) {
    if ((rest + ((key * 3) % 10)) % 10 === 0) return `${account.slice(0, 8)}${key}${account.slice(9)}`;
  }
  throw new RangeError('no control key fits');
}
