import { defineQueue, PermanentError, WorkQueue } from '../src/modules/queue';
import { QueueStore } from '../src/modules/queue/queue-store';
import { bearer, TestApp } from './setup/test-app';

const ECHO = defineQueue<{ n: number }>('test.echo');
const FLAKY = defineQueue<{ failTimes: number }>('test.flaky');
const BROKEN = defineQueue<{ reason: string }>('test.broken');
const SLOW = defineQueue<{ n: number }>('test.slow');
const LIMITED = defineQueue<{ n: number }>('test.limited');

describe('the persistent work queue', () => {
  let t: TestApp;
  let queue: WorkQueue;
  let admin: string;
  const echoed: number[] = [];
  const flakyCalls = new Map<string, number>();
  const deadSeen: string[] = [];
  let releaseSlow: () => void = () => undefined;
  let slowEntered: () => void = () => undefined;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = (await t.login('admin@lider.test')).accessToken;
    queue = t.app.get(WorkQueue);
    queue.register(ECHO, async ({ n }) => {
      echoed.push(n);
      return { doubled: n * 2 };
    });
    queue.register(
      FLAKY,
      async ({ failTimes }, ctx) => {
        flakyCalls.set(ctx.itemId, (flakyCalls.get(ctx.itemId) ?? 0) + 1);
        if (ctx.attempt <= failTimes) throw new Error(`SMTP 451: try again later (attempt ${ctx.attempt})`);
        return null;
      },
      { maxAttempts: 3, backoffSeconds: 30 },
    );
    queue.register(
      BROKEN,
      async ({ reason }) => {
        throw new PermanentError(reason);
      },
      {
        onDead: async (em, item) => {
          // Runs in the transaction that marks the item dead.
          await em.query(`SELECT 1`);
          deadSeen.push(`${item.id}:${item.error}`);
        },
      },
    );
    queue.register(
      SLOW,
      async (_payload, ctx) => {
        await ctx.progress({ done: 1, total: 3, phase: 'writing' });
        slowEntered();
        await new Promise<void>((resolve) => (releaseSlow = resolve));
      },
      { concurrency: 1 },
    );
    queue.register(LIMITED, async () => null, { concurrency: 10, perMinute: 2 });
  });
  afterAll(() => t.close());

  const item = async (id: string) =>
    (await t.sql.query(`SELECT status, attempts, last_error, run_at, result, progress, lease_expires_at FROM queue_items WHERE id = $1`, [id]))[0];

  it('enqueues inside the caller’s transaction: nothing when it rolls back, once per idempotency key', async () => {
    await expect(
      t.sql.transaction(async (em) => {
        await queue.enqueue(em, ECHO, { n: 1 });
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    const [{ n: none }] = await t.sql.query(`SELECT count(*)::int AS n FROM queue_items WHERE queue = 'test.echo'`);
    expect(none).toBe(0);

    const first = await t.sql.transaction((em) => queue.enqueue(em, ECHO, { n: 2 }, { key: 'echo:2' }));
    const again = await t.sql.transaction((em) => queue.enqueue(em, ECHO, { n: 2 }, { key: 'echo:2' }));
    expect(again).toBe(first);
    expect(await queue.drain({ queues: ['test.echo'] })).toBe(1);
    expect(echoed).toEqual([2]);
    expect(await item(first)).toMatchObject({ status: 'done', attempts: 1, result: { doubled: 4 }, lease_expires_at: null });
    // Still the same item after it ran: the effect happened once.
    expect(await t.sql.transaction((em) => queue.enqueue(em, ECHO, { n: 2 }, { key: 'echo:2' }))).toBe(first);
    expect(await queue.drain({ queues: ['test.echo'] })).toBe(0);
  });

  it('retries a failed item with exponential backoff, then succeeds', async () => {
    const id = await t.sql.transaction((em) => queue.enqueue(em, FLAKY, { failTimes: 2 }));
    expect(await queue.drain({ queues: ['test.flaky'] })).toBe(1);
    const afterFirst = await item(id);
    expect(afterFirst).toMatchObject({ status: 'waiting', attempts: 1, last_error: 'SMTP 451: try again later (attempt 1)' });
    // Backoff: not due for ~30 s, so a plain drain does nothing.
    const [{ wait1 }] = await t.sql.query(`SELECT extract(epoch FROM run_at - clock_timestamp())::float AS wait1 FROM queue_items WHERE id = $1`, [id]);
    expect(wait1).toBeGreaterThan(25);
    expect(await queue.drain({ queues: ['test.flaky'] })).toBe(0);

    // Once its time comes, the second attempt fails too, and waits twice as long.
    await t.sql.query(`UPDATE queue_items SET run_at = clock_timestamp() WHERE id = $1`, [id]);
    expect(await queue.drain({ queues: ['test.flaky'] })).toBe(1);
    expect(await item(id)).toMatchObject({ status: 'waiting', attempts: 2 });
    const [{ wait2 }] = await t.sql.query(`SELECT extract(epoch FROM run_at - clock_timestamp())::float AS wait2 FROM queue_items WHERE id = $1`, [id]);
    expect(wait2).toBeGreaterThan(55);
    expect(await queue.drain({ queues: ['test.flaky'], includeDelayed: true })).toBe(1);
    expect(await item(id)).toMatchObject({ status: 'done', attempts: 3 });
    expect(flakyCalls.get(id)).toBe(3);
  });

  it('after the last attempt an item is dead with its error; admins see it and retry it', async () => {
    const id = await t.sql.transaction((em) => queue.enqueue(em, FLAKY, { failTimes: 3 }));
    await queue.drain({ queues: ['test.flaky'], includeDelayed: true });
    expect(await item(id)).toMatchObject({ status: 'dead', attempts: 3, last_error: 'SMTP 451: try again later (attempt 3)' });

    const list = await t.http.get('/api/queues').set(bearer(admin));
    expect(list.status).toBe(200);
    expect(list.body).toEqual(expect.arrayContaining([{ name: 'test.flaky', waiting: 0, retrying: 0, active: 0, failed: 1, done: 1 }]));
    const failed = await t.http.get('/api/queues/test.flaky/items?status=dead').set(bearer(admin));
    expect(failed.body).toMatchObject({ total: 1, items: [{ id, status: 'dead', attempts: 3, maxAttempts: 3, lastError: 'SMTP 451: try again later (attempt 3)', payload: { failTimes: 3 } }] });

    const retried = await t.http.post(`/api/queues/items/${id}/retry`).set(bearer(admin));
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id, status: 'waiting', attempts: 0 });
    // It is not failed any more: a second retry is a conflict.
    expect((await t.http.post(`/api/queues/items/${id}/retry`).set(bearer(admin))).status).toBe(409);
    expect((await t.http.post(`/api/queues/items/987654321/retry`).set(bearer(admin))).status).toBe(404);
    const bad = await t.http.post(`/api/queues/items/abc/retry`).set(bearer(admin));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('id');
    // With its attempts back it runs again; this handler still fails every attempt, so
    // after three more it is dead again, with the error still visible.
    await queue.drain({ queues: ['test.flaky'], includeDelayed: true });
    expect(await item(id)).toMatchObject({ status: 'dead', attempts: 3 });
  });

  it('only admins see and retry the queues', async () => {
    for (const email of ['director@lider.test', 'manager1@lider.test']) {
      const token = (await t.login(email)).accessToken;
      expect((await t.http.get('/api/queues').set(bearer(token))).status).toBe(403);
      expect((await t.http.post('/api/queues/items/1/retry').set(bearer(token))).status).toBe(403);
    }
  });

  it('a permanent error is dead at once, and the queue’s onDead runs with the error', async () => {
    const id = await t.sql.transaction((em) => queue.enqueue(em, BROKEN, { reason: 'The client was deleted' }));
    await queue.drain({ queues: ['test.broken'] });
    expect(await item(id)).toMatchObject({ status: 'dead', attempts: 1, last_error: 'The client was deleted' });
    expect(deadSeen).toEqual([`${id}:The client was deleted`]);
  });

  it('an item whose worker died is taken over once its lease runs out, or is dead when no attempts are left', async () => {
    const [{ id: retried }] = await t.sql.query(
      `INSERT INTO queue_items (queue, payload, status, attempts, max_attempts, lease_token, lease_expires_at, started_at)
       VALUES ('test.echo', '{"n": 7}', 'active', 1, 3, gen_random_uuid(), clock_timestamp() - interval '1 second', now()) RETURNING id::text`,
    );
    const [{ id: lastTry }] = await t.sql.query(
      `INSERT INTO queue_items (queue, payload, status, attempts, max_attempts, lease_token, lease_expires_at, started_at)
       VALUES ('test.broken', '{"reason": "x"}', 'active', 5, 5, gen_random_uuid(), clock_timestamp() - interval '1 second', now()) RETURNING id::text`,
    );
    const [{ id: alive }] = await t.sql.query(
      `INSERT INTO queue_items (queue, payload, status, attempts, max_attempts, lease_token, lease_expires_at, started_at)
       VALUES ('test.limited', '{"n": 8}', 'active', 1, 3, gen_random_uuid(), clock_timestamp() + interval '1 minute', now()) RETURNING id::text`,
    );
    await queue.drain({ queues: ['test.echo', 'test.broken', 'test.limited'] });
    expect(await item(retried)).toMatchObject({ status: 'done', attempts: 2 });
    expect(echoed).toContain(7);
    expect(await item(alive)).toMatchObject({ status: 'active', attempts: 1 });
    const dead = await item(lastTry);
    expect(dead).toMatchObject({ status: 'dead', attempts: 5 });
    expect(dead.last_error).toMatch(/lease ran out/);
    expect(deadSeen.some((d) => d.startsWith(`${lastTry}:`))).toBe(true);
    await t.sql.query(`DELETE FROM queue_items WHERE id = $1`, [alive]);
  });

  it('keeps the concurrency limit (one at a time here) and shows the progress of long work', async () => {
    const first = await t.sql.transaction((em) => queue.enqueue(em, SLOW, { n: 1 }));
    const second = await t.sql.transaction((em) => queue.enqueue(em, SLOW, { n: 2 }));
    const entered = new Promise<void>((resolve) => (slowEntered = resolve));
    const running = queue.drain({ queues: ['test.slow'] });
    await entered;
    // A second worker (another drain, as another instance would) finds no room.
    expect(await queue.drain({ queues: ['test.slow'] })).toBe(0);
    const active = await t.http.get('/api/queues/test.slow/items?status=active').set(bearer(admin));
    expect(active.body.items).toEqual([expect.objectContaining({ id: first, progress: { done: 1, total: 3, phase: 'writing' } })]);
    expect((await item(second)).status).toBe('waiting');
    // Release the first; the same drain then takes the second.
    const secondEntered = new Promise<void>((resolve) => (slowEntered = resolve));
    releaseSlow();
    await secondEntered;
    releaseSlow();
    expect(await running).toBe(2);
    expect((await item(second)).status).toBe('done');
  });

  it('throttles a queue to its items per minute', async () => {
    await t.sql.transaction(async (em) => {
      for (let n = 0; n < 5; n++) await queue.enqueue(em, LIMITED, { n });
    });
    expect(await queue.drain({ queues: ['test.limited'] })).toBe(2);
    const [{ waiting }] = await t.sql.query(`SELECT count(*)::int AS waiting FROM queue_items WHERE queue = 'test.limited' AND status = 'waiting'`);
    expect(waiting).toBe(3);
  });

  it('a poll asks only the queues with work now: due waiting items and items whose worker’s lease ran out', async () => {
    const rolledBack = new Error('roll back the fixture');
    const due = await t.sql
      .transaction(async (em) => {
        await em.query(`DELETE FROM queue_items`);
        await em.query(
          `INSERT INTO queue_items (queue, payload, status, attempts, max_attempts, run_at, lease_token, lease_expires_at, finished_at) VALUES
             ('q.due', '{}', 'waiting', 0, 3, clock_timestamp() - interval '1 second', NULL, NULL, NULL),
             ('q.later', '{}', 'waiting', 1, 3, clock_timestamp() + interval '1 minute', NULL, NULL, NULL),
             ('q.lease-ran-out', '{}', 'active', 1, 3, now(), gen_random_uuid(), clock_timestamp() - interval '1 second', NULL),
             ('q.working', '{}', 'active', 1, 3, now(), gen_random_uuid(), clock_timestamp() + interval '1 minute', NULL),
             ('q.finished', '{}', 'done', 1, 3, now(), NULL, NULL, now()),
             ('q.gave-up', '{}', 'dead', 3, 3, now(), NULL, NULL, now())`,
        );
        const found = await QueueStore.dueQueues(em);
        throw Object.assign(rolledBack, { found });
      })
      .catch((e: Error & { found?: string[] }) => {
        if (e !== rolledBack) throw e;
        return e.found!;
      });
    expect(due.sort()).toEqual(['q.due', 'q.lease-ran-out']);
  });

  it('workers, when turned on, work items off by themselves', async () => {
    const worker = await TestApp.start({ env: { QUEUE_ENABLED: 'true', QUEUE_POLL_MS: '100' } });
    try {
      const q = worker.app.get(WorkQueue);
      const seen: number[] = [];
      q.register(ECHO, async ({ n }) => {
        seen.push(n);
      });
      // One fresh item, and one whose previous worker died (its lease ran out): the poll takes both.
      const [{ id: orphan }] = await worker.sql.query(
        `INSERT INTO queue_items (queue, payload, status, attempts, max_attempts, lease_token, lease_expires_at, started_at)
         VALUES ('test.echo', '{"n": 43}', 'active', 1, 3, gen_random_uuid(), clock_timestamp() - interval '1 second', now()) RETURNING id::text`,
      );
      const id = await worker.sql.transaction((em) => q.enqueue(em, ECHO, { n: 42 }));
      const deadline = Date.now() + 20_000;
      const statuses = async () => (await worker.sql.query(`SELECT status FROM queue_items WHERE id = ANY($1::bigint[]) AND status = 'done'`, [[id, orphan]])).length;
      while ((await statuses()) < 2 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(seen.sort()).toEqual([42, 43]);
    } finally {
      await worker.close();
    }
  });
});
