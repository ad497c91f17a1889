import type { DataSource } from 'typeorm';
import { Clock } from '../context/clock';
import { COUNT_CAP, ESTIMATE_MEMO_MS, ESTIMATE_MEMO_SIZE, ListTotals } from './capped-count';

class SteppingClock extends Clock {
  at = 0;
  now(): Date {
    return new Date(this.at);
  }
}

/** A database whose counts are `counts[params[0]]` and whose estimates are 123 456 rows. */
function fakeDb(counts: Record<string, number>) {
  const sent: string[] = [];
  const db = {
    query: async (sql: string, params: unknown[]) => {
      sent.push(sql);
      if (sql.startsWith('EXPLAIN')) return [{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': 123_456 } }] }];
      return [{ n: Math.min(counts[String(params[0])] ?? 0, COUNT_CAP + 1) }];
    },
  } as unknown as DataSource;
  return { db, sent };
}

describe('ListTotals: an over-cap estimate remembered for a while, exact totals never', () => {
  const count = (scope: string) => ({ sql: 'SELECT c.id FROM clients c WHERE c.manager_id = ANY($1)', params: [scope] });

  it('remembers an estimate for ESTIMATE_MEMO_MS, per statement and values, then counts again', async () => {
    const clock = new SteppingClock();
    const totals = new ListTotals(clock);
    const { db, sent } = fakeDb({ big: 1_000_000, other: 50_000 });
    const estimate = { total: 123_456, totalIsEstimate: true, totalLowerBound: COUNT_CAP };
    expect(await totals.count(db, count('big'))).toEqual(estimate);
    expect(sent).toHaveLength(2); // the count and the EXPLAIN
    clock.at = ESTIMATE_MEMO_MS - 1;
    expect(await totals.count(db, count('big'))).toEqual(estimate);
    expect(totals.remembered(count('big'))).toEqual(estimate);
    expect(sent).toHaveLength(2);
    // Other values of the same statement are another list.
    expect(totals.remembered(count('other'))).toBeUndefined();
    clock.at = ESTIMATE_MEMO_MS;
    expect(totals.remembered(count('big'))).toBeUndefined();
    await totals.count(db, count('big'));
    expect(sent).toHaveLength(4);
  });

  it('never remembers an exact total', async () => {
    const totals = new ListTotals(new SteppingClock());
    const { db, sent } = fakeDb({ small: 42 });
    expect(await totals.count(db, count('small'))).toEqual({ total: 42, totalIsEstimate: false });
    expect(await totals.fromCount(db, 42, count('small'))).toEqual({ total: 42, totalIsEstimate: false });
    expect(totals.remembered(count('small'))).toBeUndefined();
    expect(sent).toHaveLength(1);
  });

  it(`keeps at most ${ESTIMATE_MEMO_SIZE} lists, dropping the least recently used`, async () => {
    const totals = new ListTotals(new SteppingClock());
    const { db } = fakeDb({});
    for (let i = 0; i <= ESTIMATE_MEMO_SIZE; i++) {
      await totals.fromCount(db, COUNT_CAP + 1, count(`m${i}`));
      if (i === 0) continue;
      // The first list is used again before each new one: it stays, the second one goes.
      expect(totals.remembered(count('m0'))).toBeDefined();
    }
    expect(totals.remembered(count('m1'))).toBeUndefined();
    expect(totals.remembered(count('m2'))).toBeDefined();
    expect(totals.remembered(count(`m${ESTIMATE_MEMO_SIZE}`))).toBeDefined();
  });
});
