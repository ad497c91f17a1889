import { classifySearch, normalizeName, normalizePhone, toPrefixTsQuery } from './client-normalize';

describe('client normalisation', () => {
  it('brings every way of writing a Russian phone to one form', () => {
    for (const raw of ['+7 (916) 123-45-67', '8 916 123 45 67', '9161234567', '+79161234567', '7-916-123-45-67']) {
      expect(normalizePhone(raw)).toBe('+79161234567');
    }
    expect(normalizePhone('12')).toBeNull();
  });

  it('drops legal forms, quotes and punctuation from names', () => {
    expect(normalizeName('ООО «Продукты у дома»')).toBe('продукты у дома');
    expect(normalizeName('"Продукты-у-дома", ООО')).toBe('продукты у дома');
    expect(normalizeName('ИП Сафонов А. В.')).toBe('сафонов а в');
    expect(normalizeName('Торговый дом Северный')).toBe('северный');
  });

  it('builds a prefix query from free text and ignores operators', () => {
    expect(toPrefixTsQuery('Холодильное  обор')).toBe('холодильное:* & обор:*');
    expect(toPrefixTsQuery("x' | !y & (z)")).toBe('x:* & y:* & z:*');
    expect(toPrefixTsQuery('  ')).toBeNull();
  });

  it('recognises an INN and a phone in the search box', () => {
    expect(classifySearch('7707083893').inn).toBe('7707083893');
    expect(classifySearch('+7 (916) 123-45-67').phone).toBe('+79161234567');
    expect(classifySearch('Продукты').inn).toBeUndefined();
  });
});
