import { completeInn, completeOgrn, isValidInn, isValidKpp, isValidOgrn, isValidOgrnip, isValidOgrnLegal } from './ids';

describe('Russian company identifiers', () => {
  it('accepts real INNs and rejects a wrong check digit', () => {
    expect(isValidInn('7707083893')).toBe(true); // Сбербанк
    expect(isValidInn('7736050003')).toBe(true); // Газпром
    expect(isValidInn('500100732259')).toBe(true);
    expect(isValidInn('7707083894')).toBe(false);
    expect(isValidInn('500100732258')).toBe(false);
    expect(isValidInn('77070838')).toBe(false);
    expect(isValidInn('77O7083893')).toBe(false);
    expect(isValidInn(' 7707083893')).toBe(false);
    expect(isValidInn(7707083893)).toBe(false);
  });

  it('checks the length that fits the kind of taxpayer', () => {
    expect(isValidInn('7707083893', 'legal')).toBe(true);
    expect(isValidInn('7707083893', 'individual')).toBe(false);
    expect(isValidInn('500100732259', 'individual')).toBe(true);
    expect(isValidInn('500100732259', 'legal')).toBe(false);
  });

  it('checks KPP by format', () => {
    expect(isValidKpp('773601001')).toBe(true);
    expect(isValidKpp('7736AB001')).toBe(true);
    expect(isValidKpp('7736ab001')).toBe(false);
    expect(isValidKpp('77360100')).toBe(false);
  });

  it('checks OGRN and OGRNIP control digits', () => {
    expect(isValidOgrn('1027700132195')).toBe(true); // Сбербанк
    expect(isValidOgrn('1027700132196')).toBe(false);
    expect(isValidOgrn('304500116000157')).toBe(true);
    expect(isValidOgrn('304500116000158')).toBe(false);
    expect(isValidOgrnLegal('304500116000157')).toBe(false);
    expect(isValidOgrnip('304500116000157')).toBe(true);
    expect(isValidOgrnip('1027700132195')).toBe(false);
  });
});

describe('completing identifiers (demo data)', () => {
  it('appends check digits that the checks accept', () => {
    expect(completeInn('770708389')).toBe('7707083893');
    expect(completeInn('5001007322')).toBe('500100732259');
    expect(completeOgrn('102770013219')).toBe('1027700132195');
    expect(completeOgrn('30450011600015')).toBe('304500116000157');
    expect(() => completeInn('12')).toThrow(RangeError);
  });
});
