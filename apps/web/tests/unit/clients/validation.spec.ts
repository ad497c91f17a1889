import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '@/i18n';
import { importErrorText, importFailureText } from '@/features/clients/lib/importMessages';
import { isValidOgrn } from '@polar/ru-ids';
import { emailsError, headcountError, innError, kppError, ogrnError, phonesError } from '@/views/clients/validation';

beforeEach(() => setLocale('ru'));

describe('client form checks', () => {
  it('checks the INN with the tax-service check digits', () => {
    expect(innError('7736050003', 'legal_entity')).toBeNull();
    expect(innError('7707083893', 'legal_entity')).toBeNull();
    expect(innError('7707083894', 'legal_entity')).toBe('Некорректный ИНН: не сходится контрольная сумма');
    expect(innError('12345', 'legal_entity')).toBe('ИНН — 10 цифр (организация) или 12 цифр (ИП, физическое лицо)');
    expect(innError('7707083893', 'individual')).toBe('У физического лица ИНН из 12 цифр');
    expect(innError('', 'legal_entity')).toBeNull();
  });

  it('checks KPP, OGRN and OGRNIP', () => {
    expect(kppError('770701001')).toBeNull();
    expect(kppError('7707AB001')).toBeNull();
    expect(kppError('77070100')).not.toBeNull();
    expect(isValidOgrn('1027700132195')).toBe(true);
    expect(ogrnError('1027700132195')).toBeNull();
    expect(ogrnError('1027700132196')).toBe('Некорректный ОГРН: не сходится контрольная цифра');
    expect(ogrnError('123')).toBe('ОГРН — 13 цифр, ОГРНИП — 15 цифр');
    expect(isValidOgrn('304500116000157')).toBe(true);
  });

  it('checks phones, e-mails and headcount', () => {
    expect(phonesError(['8 (916) 123-45-67', ''])).toBeNull();
    expect(phonesError(['12-34'])).toBe('Введите номер телефона: +7 и 10 цифр');
    expect(emailsError(['info@lider.ru'])).toBeNull();
    expect(emailsError(['info@'])).toBe('Введите корректный e-mail');
    expect(headcountError('1 200')).toBeNull();
    expect(headcountError('-3')).not.toBeNull();
  });
});

describe('import report texts', () => {
  it('translates the known API messages and keeps the others', () => {
    expect(importErrorText('inn', 'inn must be a valid INN (10 or 12 digits with correct check digits)')).toBe(
      'Некорректный ИНН: не сходится контрольная сумма',
    );
    expect(importErrorText('industryId', '"Пекарни" is not in the list')).toBe('«Пекарни» нет в справочнике');
    expect(importErrorText('managerId', '"ivanov@x.ru" is not an active sales manager')).toBe(
      '«ivanov@x.ru» — не активный менеджер по продажам',
    );
    expect(importErrorText('name', 'Something new')).toBe('Something new');
    expect(importFailureText('3 possible duplicate(s): nothing was imported')).toBe('В файле возможных дублей: 3.');
    expect(importFailureText(null)).toBe('');
  });
});
