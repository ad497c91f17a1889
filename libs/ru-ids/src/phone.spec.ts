import { formatPhone, isPhone, isRussianPhone, normalizePhone, normalizePhones, parsePhone, phoneHref } from './phone';

describe('phones', () => {
  it('brings every way of writing a Russian number to one E.164 form', () => {
    for (const raw of ['+7 (495) 123-45-67', '8 (495) 123-45-67', '495 1234567', '4951234567', '84951234567', '74951234567', '7-495-123-45-67', ' +7 495 123 45 67 ']) {
      expect(normalizePhone(raw)).toBe('+74951234567');
    }
    expect(normalizePhone('8 800 555-35-35')).toBe('+78005553535');
  });

  it('shows a Russian number as +7 (495) 123-45-67', () => {
    expect(formatPhone('84951234567')).toBe('+7 (495) 123-45-67');
    expect(formatPhone('495 1234567')).toBe('+7 (495) 123-45-67');
    expect(formatPhone('+7 (916) 555 12 34')).toBe('+7 (916) 555-12-34');
    expect(formatPhone('tel:+7(495)1234567')).toBe('+7 (495) 123-45-67');
    expect(formatPhone(' +7-495-123 45 67 доб. ')).toBe('+7 (495) 123-45-67');
  });

  it('keeps foreign numbers written with their code', () => {
    expect(normalizePhone('+49 30 12345678')).toBe('+493012345678');
    expect(formatPhone('+493012345678')).toBe('+49 30 12345678');
    expect(isRussianPhone('+49 30 12345678')).toBe(false);
    expect(isRussianPhone('8 (495) 123-45-67')).toBe(true);
  });

  it('refuses what is not a phone and shows it as typed', () => {
    for (const bad of ['', '12', '123-45', 'call me', '8 (495) 123-45', '+7 495 123 45 67 8', null, undefined]) {
      expect(isPhone(bad)).toBe(false);
      expect(normalizePhone(bad)).toBeNull();
    }
    expect(formatPhone(' 12 ')).toBe('12');
    expect(formatPhone(null)).toBe('');
  });

  it('tells a possible number from one in an allocated range', () => {
    expect(parsePhone('+7 (495) 123-45-67')).toEqual({ e164: '+74951234567', countryCallingCode: '7', nationalNumber: '4951234567', valid: true });
    expect(parsePhone('+7 (000) 000-00-00')?.valid).toBe(false);
  });

  it('deduplicates a list and links to the number', () => {
    expect(normalizePhones(['8 (495) 123-45-67', '+7 495 123 45 67', 'x', '9161234567'])).toEqual(['+74951234567', '+79161234567']);
    expect(phoneHref('8 (495) 123-45-67')).toBe('tel:+74951234567');
    expect(phoneHref('nope')).toBeNull();
  });
});
