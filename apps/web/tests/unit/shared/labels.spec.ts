import { describe, expect, it } from 'vitest';
import { addressName, initials } from '@/shared/lib/labels';

describe('names as a Russian office uses them', () => {
  it('greets by first name and patronymic', () => {
    expect(addressName('Орлов Михаил Анатольевич')).toBe('Михаил Анатольевич');
    expect(addressName('  Зайцева   Ирина Валентиновна ')).toBe('Ирина Валентиновна');
  });

  it('falls back to the first name, or the one word there is', () => {
    expect(addressName('Smith John')).toBe('John');
    expect(addressName('Администратор')).toBe('Администратор');
    expect(addressName(null)).toBe('');
  });

  it('makes avatar initials from surname and first name', () => {
    expect(initials('Орлов Михаил Анатольевич')).toBe('ОМ');
  });
});
