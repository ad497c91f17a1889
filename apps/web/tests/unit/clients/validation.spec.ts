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
  it('shows the text of each row error code with its values, never the English message', () => {
    expect(importErrorText({ field: 'inn', code: 'invalid', params: {} })).toBe('Некорректный ИНН: не сходится контрольная сумма');
    expect(importErrorText({ field: 'industryId', code: 'not_in_list', params: { value: 'Пекарни' } })).toBe('«Пекарни» нет в справочнике');
    expect(importErrorText({ field: 'managerId', code: 'not_a_manager', params: { value: 'ivanov@x.ru' } })).toBe(
      '«ivanov@x.ru» — не активный менеджер по продажам',
    );
    expect(importErrorText({ field: 'inn', code: 'individual_inn', params: {} })).toBe('У физического лица ИНН из 12 цифр');
    // A field's own text when it has one, the general one otherwise.
    expect(importErrorText({ field: 'name', code: 'invalid', params: {} })).toBe('Заполните наименование (от 2 символов)');
    expect(importErrorText({ field: 'address', code: 'invalid', params: {} })).toBe('Некорректное значение');
  });

  it('shows the text of the failure code with its values', () => {
    expect(importFailureText({ code: 'duplicates', params: { count: 3 } })).toBe('В файле возможных дублей: 3.');
    expect(importFailureText({ code: 'too_many_rows', params: { total: 60000, max: 50000 } })).toBe('В файле 60000 строк, за один раз можно загрузить не больше 50000.');
    expect(importFailureText(null)).toBe('');
    setLocale('en');
    expect(importFailureText({ code: 'no_rows', params: {} })).toBe('The file has no data rows.');
  });
});
