import { completeBankAccount, completeInn, completeOgrn } from '@polar/ru-ids';
import { describe, expect, it } from 'vitest';
import { requisitesProblems, type RequisitesForm } from '@/features/company/lib/requisites';

const BIK = '044525225';
const valid: RequisitesForm = {
  fullName: 'Общество с ограниченной ответственностью «Лидер»',
  shortName: 'ООО «Лидер»',
  inn: completeInn('771845209'),
  kpp: '771801001',
  ogrn: completeOgrn('115774631245'),
  legalAddress: '129226, г. Москва, ул. Сельскохозяйственная, д. 17',
  phone: '+7 (495) 710-20-00',
  email: 'info@lider.test',
  bankName: 'ПАО Сбербанк',
  bik: BIK,
  correspondentAccount: '30101810400000000225',
  settlementAccount: completeBankAccount('40702810038000045127', BIK, 'settlement'),
  directorTitle: 'Генеральный директор',
  directorName: 'Белов Г. П.',
  accountantName: '',
};

describe('company requisites checked before saving', () => {
  it('accepts a consistent set', () => {
    expect(requisitesProblems(valid)).toEqual({});
  });

  it('names the field whose check digits are wrong', () => {
    expect(requisitesProblems({ ...valid, inn: '7707083894' })).toMatchObject({ inn: 'company.invalid.inn' });
    expect(requisitesProblems({ ...valid, ogrn: '1157746312450' })).toHaveProperty('ogrn');
    const s = valid.settlementAccount;
    const wrongKey = `${s.slice(0, 8)}${(Number(s[8]) + 1) % 10}${s.slice(9)}`;
    expect(requisitesProblems({ ...valid, settlementAccount: wrongKey })).toEqual({ settlementAccount: 'company.invalid.settlementAccount' });
  });

  it('asks an organisation for a KPP and refuses one for a sole trader', () => {
    expect(requisitesProblems({ ...valid, kpp: '' })).toEqual({ kpp: 'company.invalid.kppRequired' });
    expect(requisitesProblems({ ...valid, inn: completeInn('7718452091'), kpp: '771801001', ogrn: '' })).toEqual({ kpp: 'company.invalid.kppForbidden' });
  });

  it('wants all bank details or none', () => {
    const none = { ...valid, bankName: '', bik: '', correspondentAccount: '', settlementAccount: '' };
    expect(requisitesProblems(none)).toEqual({});
    expect(requisitesProblems({ ...none, bik: BIK })).toEqual({
      bankName: 'company.invalid.bankIncomplete',
      correspondentAccount: 'company.invalid.bankIncomplete',
      settlementAccount: 'company.invalid.bankIncomplete',
    });
  });
});
