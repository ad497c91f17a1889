import { isPhone, isValidBik, isValidCorrespondentAccount, isValidInn, isValidKpp, isValidOgrnip, isValidOgrnLegal, isValidSettlementAccount } from '@polar/ru-ids';

/** The form's values as typed (empty string = not filled in). */
export interface RequisitesForm {
  fullName: string;
  shortName: string;
  inn: string;
  kpp: string;
  ogrn: string;
  legalAddress: string;
  phone: string;
  email: string;
  bankName: string;
  bik: string;
  correspondentAccount: string;
  settlementAccount: string;
  directorTitle: string;
  directorName: string;
  accountantName: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The same checks the API makes, before the round trip: each problem as the i18n key
 * of its message (`company.invalid.*`) at the field to correct.
 */
export function requisitesProblems(f: RequisitesForm): Partial<Record<keyof RequisitesForm, string>> {
  const problems: Partial<Record<keyof RequisitesForm, string>> = {};
  const v = (s: string) => s.trim();
  if (v(f.inn) && !isValidInn(v(f.inn))) problems.inn = 'company.invalid.inn';
  const organisation = v(f.inn).length === 10;
  if (v(f.kpp) && !isValidKpp(v(f.kpp))) problems.kpp = 'company.invalid.kpp';
  else if (organisation && !v(f.kpp)) problems.kpp = 'company.invalid.kppRequired';
  else if (v(f.inn).length === 12 && v(f.kpp)) problems.kpp = 'company.invalid.kppForbidden';
  if (v(f.ogrn) && !(organisation ? isValidOgrnLegal(v(f.ogrn)) : isValidOgrnip(v(f.ogrn)))) problems.ogrn = 'company.invalid.ogrn';
  if (v(f.phone) && !isPhone(v(f.phone))) problems.phone = 'company.invalid.phone';
  if (v(f.email) && !EMAIL.test(v(f.email))) problems.email = 'company.invalid.email';
  const bank = ['bankName', 'bik', 'correspondentAccount', 'settlementAccount'] as const;
  if (bank.some((k) => v(f[k]))) {
    for (const k of bank) if (!v(f[k])) problems[k] = 'company.invalid.bankIncomplete';
    const bik = v(f.bik);
    if (bik && !isValidBik(bik)) problems.bik = 'company.invalid.bik';
    for (const k of ['correspondentAccount', 'settlementAccount'] as const) {
      const account = v(f[k]);
      if (!account || problems[k]) continue;
      if (!/^\d{20}$/.test(account)) problems[k] = 'company.invalid.account';
      else if (isValidBik(bik)) {
        const fits = k === 'settlementAccount' ? isValidSettlementAccount(account, bik) : isValidCorrespondentAccount(account, bik);
        if (!fits) problems[k] = `company.invalid.${k}`;
      }
    }
  }
  return problems;
}
