import { formatLsn, parseLsn } from './lsn';

describe('WAL positions', () => {
  it('parse, compare across the high half and print back', () => {
    const a = parseLsn('0/FFFFFFFF')!;
    const b = parseLsn('1/0')!;
    expect(b - a).toBe(1n);
    expect(formatLsn(parseLsn('16/B374D848')!)).toBe('16/B374D848');
  });

  it('refuse what is not a position (a forged or damaged cookie)', () => {
    for (const bad of ['', '16', '16/', 'x/1', '1/2/3', '123456789/0', null, undefined]) expect(parseLsn(bad)).toBeNull();
  });
});
