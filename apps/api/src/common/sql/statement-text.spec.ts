import { STATEMENT_TEXTS_MAX, writtenOnce } from './statement-text';

describe('writtenOnce', () => {
  it('writes a key’s text once and gives the same text after', () => {
    const build = jest.fn(() => 'SELECT 1');
    expect(writtenOnce('spec:once', build)).toBe('SELECT 1');
    expect(writtenOnce('spec:once', build)).toBe('SELECT 1');
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('keeps texts that go together as one value', () => {
    const first = writtenOnce('spec:pair', () => ({ page: 'SELECT 2', count: 'SELECT 3' }));
    expect(writtenOnce('spec:pair', () => ({ page: 'other', count: 'other' }))).toBe(first);
  });

  it('beyond the cap still answers the text, written again on every call', () => {
    for (let i = 0; i < STATEMENT_TEXTS_MAX; i++) writtenOnce(`spec:fill:${i}`, () => `SELECT ${i}`);
    const build = jest.fn(() => 'SELECT past the cap');
    expect(writtenOnce('spec:past', build)).toBe('SELECT past the cap');
    expect(writtenOnce('spec:past', build)).toBe('SELECT past the cap');
    expect(build).toHaveBeenCalledTimes(2);
    // Keys kept before the cap was reached are still served without writing.
    const kept = jest.fn(() => 'not called');
    expect(writtenOnce('spec:once', kept)).toBe('SELECT 1');
    expect(kept).not.toHaveBeenCalled();
  });
});
