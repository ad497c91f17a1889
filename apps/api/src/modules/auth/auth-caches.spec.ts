import type { RequestUser } from './request-user';
import { ActorCache } from './actor-cache';
import { VerifiedTokenCache } from './verified-token-cache';

const user = (id: string, fullName = 'A'): RequestUser =>
  ({ id, email: `${id}@t`, fullName, role: 'sales_manager', permissions: [], assistedManagerIds: [], sessionId: 's' }) as RequestUser;

describe('ActorCache', () => {
  let now = 0;
  const cache = () => {
    const c = new ActorCache<RequestUser>({ maxEntries: 3, maxAgeMs: 60_000, now: () => now });
    c.setActive(true);
    return c;
  };
  beforeEach(() => (now = 0));

  it('answers nothing and stores nothing while off (not listening), and empties when switched off', () => {
    const c = new ActorCache<RequestUser>({ maxEntries: 3, maxAgeMs: 60_000, now: () => now });
    c.store(c.beginLoad(), 'u1', 's1', user('u1'));
    expect(c.size).toBe(0);
    c.setActive(true);
    c.store(c.beginLoad(), 'u1', 's1', user('u1'));
    expect(c.get('u1', 's1')?.id).toBe('u1');
    c.setActive(false);
    expect(c.size).toBe(0);
    expect(c.get('u1', 's1')).toBeUndefined();
  });

  it('does not store a load that was under way while anything was invalidated (it may have read the old row)', () => {
    const c = cache();
    const ticket = c.beginLoad();
    c.onNotification('u1');
    c.store(ticket, 'u1', 's1', user('u1', 'old'));
    expect(c.get('u1', 's1')).toBeUndefined();
    // Switching off and on in the middle of a load counts too.
    const t2 = c.beginLoad();
    c.setActive(false);
    c.setActive(true);
    c.store(t2, 'u1', 's1', user('u1'));
    expect(c.size).toBe(0);
  });

  it('forgets every session of the notified user only; "*" forgets everyone', () => {
    const c = cache();
    c.store(c.beginLoad(), 'u1', 's1', user('u1'));
    c.store(c.beginLoad(), 'u1', 's2', user('u1'));
    c.store(c.beginLoad(), 'u2', 's3', user('u2'));
    c.onNotification('u1');
    expect([c.has('u1', 's1'), c.has('u1', 's2'), c.has('u2', 's3')]).toEqual([false, false, true]);
    c.onNotification('*');
    expect(c.size).toBe(0);
  });

  it('never answers with an entry at or past its maximum age', () => {
    const c = cache();
    c.store(c.beginLoad(), 'u1', 's1', user('u1'));
    now = 59_999;
    expect(c.get('u1', 's1')).toBeDefined();
    now = 60_000;
    expect(c.get('u1', 's1')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('holds at most maxEntries, the oldest stored leaving first', () => {
    const c = cache();
    for (const n of [1, 2, 3, 4]) c.store(c.beginLoad(), `u${n}`, 's', user(`u${n}`));
    expect(c.size).toBe(3);
    expect([c.has('u1', 's'), c.has('u4', 's')]).toEqual([false, true]);
    // The evicted user's index is gone too: forgetting him touches nothing else.
    c.forget('u1');
    expect(c.size).toBe(3);
  });
});

describe('VerifiedTokenCache', () => {
  it('answers until exp (whole seconds, now < exp, as jsonwebtoken), never at or after it', () => {
    let now = 1_000_000;
    const c = new VerifiedTokenCache(10, () => now);
    c.remember('t', { sub: 'u', sid: 's', exp: 1_001 });
    now = 1_000_999;
    expect(c.get('t')).toEqual({ sub: 'u', sid: 's', exp: 1_001 });
    now = 1_001_000;
    expect(c.get('t')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('holds at most maxEntries, the oldest first out', () => {
    const c = new VerifiedTokenCache(2, () => 0);
    for (const token of ['a', 'b', 'c']) c.remember(token, { sub: 'u', sid: 's', exp: 10 });
    expect([c.get('a'), c.get('b')?.sub, c.get('c')?.sub]).toEqual([undefined, 'u', 'u']);
  });
});
