import { permissionsOf, type Role } from '@polar/access';
import type { AuthenticatedUser } from '../src/common/auth/authenticated-user';
import { DAY_LIST_LIMIT, DAY_LIST_MAX, MyDayService } from '../src/modules/planning/my-day.service';
import { planNodes } from './setup/query-plan';
import { bearer, TestApp } from './setup/test-app';

const onPostgres = Boolean(process.env.DATABASE_URL);
/** A day far from the demo data's tasks. */
const DAY = '2030-03-15';
/** More planned tasks on DAY than a list shows. */
const PLANNED = DAY_LIST_LIMIT + 30;
/** Other days' and other managers' tasks around them, so that the day is a small part of the table. */
const NOISE = 20_000;

/** «Мои дела» reads one assignee's day, however many tasks the table holds. */
describe('«Мои дела» with more tasks than a list shows', () => {
  let t: TestApp;
  let manager1: string;
  let manager2: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await TestApp.start();
    manager1 = (await t.login('manager1@lider.test')).accessToken;
    manager2 = (await t.login('manager2@lider.test')).accessToken;
    const users: Array<{ id: string; email: string }> = await t.sql.query(`SELECT id, email FROM users WHERE email LIKE 'manager%@lider.test'`);
    ids = Object.fromEntries(users.map((u) => [u.email.split('@')[0], u.id]));
    const [client] = await t.sql.query(`SELECT id FROM clients WHERE manager_id = $1 ORDER BY name LIMIT 1`, [ids.manager1]);
    // DAY, Moscow time: 09:00 + i minutes, the priorities in turn (so the order is not the insertion order).
    await t.sql.query(
      `INSERT INTO tasks (type, subject, client_id, assignee_id, author_id, due_at, priority, status, version)
       SELECT 'call', 'Звонок ' || i, $2, $1, $1, $3::timestamptz + (i * 7 % ${PLANNED}) * interval '1 minute',
              (ARRAY['low', 'normal', 'high'])[1 + i % 3], 'planned', 1
         FROM generate_series(1, ${PLANNED}) i`,
      [ids.manager1, client.id, `${DAY}T09:00:00+03:00`],
    );
    // Two years of tasks of every manager around DAY (past ones mostly done), as in the scale bench.
    const managers = Object.values(ids);
    await t.sql.query(
      `INSERT INTO tasks (type, subject, assignee_id, author_id, due_at, priority, status, completed_at, version)
       SELECT 'call', 'Фон ' || i, m[1 + i % cardinality(m)], m[1 + i % cardinality(m)], d, 'normal',
              CASE WHEN d < $2::timestamptz AND i % 3 <> 0 THEN 'done' ELSE 'planned' END,
              CASE WHEN d < $2::timestamptz AND i % 3 <> 0 THEN d END, 1
         FROM generate_series(1, ${NOISE}) i, LATERAL (SELECT $2::timestamptz + ((i * 37 % 730) - 365) * interval '1 day' + (i % 600) * interval '1 minute' AS d) day,
              LATERAL (SELECT $1::uuid[] AS m) ms
        WHERE ((i * 37 % 730) - 365) <> 0`,
      [managers, `${DAY}T00:00:00+03:00`],
    );
    // VACUUM sets the visibility map, so the counts can be index-only (as on a settled production table).
    await t.sql.query(onPostgres ? `VACUUM (ANALYZE) tasks` : `ANALYZE tasks`);
  });
  afterAll(() => t.close());

  const myDay = (token: string) => t.http.get(`/api/planning/my-day?date=${DAY}`).set(bearer(token));

  it('shows the first 50 planned tasks by priority, due time and id, and counts every one of them', async () => {
    const res = await myDay(manager1);
    expect(res.status).toBe(200);
    const expected: Array<{ id: string }> = await t.sql.query(
      `SELECT id FROM tasks WHERE assignee_id = $1 AND status = 'planned' AND due_at >= $2 AND due_at < $3
        ORDER BY CASE priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END, due_at, id`,
      [ids.manager1, `${DAY}T00:00:00+03:00`, `${DAY}T24:00:00+03:00`],
    );
    expect(expected).toHaveLength(PLANNED);
    expect(res.body.planned).toHaveLength(DAY_LIST_LIMIT);
    expect(res.body.planned.map((x: { id: string }) => x.id)).toEqual(expected.slice(0, DAY_LIST_LIMIT).map((x) => x.id));
    expect(res.body.totals.planned).toBe(PLANNED);
    // The rows carry what the screen shows: the client's and the author's names, and no
    // more (the task's page has the description, the assignee's name and the rest).
    expect(res.body.planned[0]).toMatchObject({ assigneeId: ids.manager1, priority: 'high', status: 'planned', canChange: true });
    expect(res.body.planned[0].clientName).toEqual(expect.any(String));
    expect(res.body.planned[0].authorName).toEqual(expect.any(String));
    expect(res.body.planned[0]).not.toHaveProperty('description');
    expect(res.body.planned[0]).not.toHaveProperty('assigneeName');
    // «Показать все»: the planned list expanded (up to DAY_LIST_MAX), the others still their first page.
    expect(PLANNED).toBeLessThan(DAY_LIST_MAX);
    const all = await t.http.get(`/api/planning/my-day?date=${DAY}&expand=planned`).set(bearer(manager1));
    expect(all.status).toBe(200);
    expect(all.body.planned.map((x: { id: string }) => x.id)).toEqual(expected.map((x) => x.id));
    expect(all.body.overdue).toHaveLength(DAY_LIST_LIMIT);
    expect(all.body.totals).toEqual(res.body.totals);
    const two = await t.http.get(`/api/planning/my-day?date=${DAY}&expand=planned&expand=overdue`).set(bearer(manager1));
    expect([two.body.planned.length, two.body.overdue.length]).toEqual([PLANNED, Math.min(DAY_LIST_MAX, res.body.totals.overdue)]);
    expect((await t.http.get(`/api/planning/my-day?date=${DAY}&expand=everything`).set(bearer(manager1))).status).toBe(400);
  });

  it('carries the overdue tasks over oldest first and counts them all; a short list is counted exactly', async () => {
    const res = await myDay(manager1);
    const overdue: Array<{ id: string }> = await t.sql.query(`SELECT id FROM tasks WHERE assignee_id = $1 AND status = 'planned' AND due_at < $2 ORDER BY due_at, id`, [
      ids.manager1,
      `${DAY}T00:00:00+03:00`,
    ]);
    expect(overdue.length).toBeGreaterThan(DAY_LIST_LIMIT);
    expect(res.body.overdue.map((x: { id: string }) => x.id)).toEqual(overdue.slice(0, DAY_LIST_LIMIT).map((x) => x.id));
    expect(res.body.totals.overdue).toBe(overdue.length);
    expect(res.body.overdue.every((x: { dueAt: string }) => new Date(x.dueAt) < new Date(`${DAY}T00:00:00+03:00`))).toBe(true);
    // manager2 has no task on DAY itself: short lists, exact totals.
    const other = await myDay(manager2);
    expect(other.body.totals).toEqual({ planned: 0, done: 0, overdue: expect.any(Number) });
    expect(other.body.planned).toEqual([]);
    expect(other.body.overdue.every((x: { assigneeId: string }) => x.assigneeId === ids.manager2)).toBe(true);
  });

  (onPostgres ? it : it.skip)('reads every list and count as an index-only range of the assignee’s own tasks, done ones included (EXPLAIN, PostgreSQL)', async () => {
    // PGlite is skipped: a single-connection WASM build whose plan says nothing about the production server.
    // Two done tasks of manager1 on DAY and a few hundred of the other managers: the done list must not read theirs.
    await t.sql.query(
      `INSERT INTO tasks (type, subject, assignee_id, author_id, due_at, priority, status, completed_at, version)
       SELECT 'call', 'Сделано ' || i, m[1 + i % cardinality(m)], m[1 + i % cardinality(m)], $2::timestamptz, 'normal', 'done', $2::timestamptz + i * interval '1 second', 1
         FROM generate_series(1, 400) i, LATERAL (SELECT $1::uuid[] AS m) ms`,
      [Object.values(ids), `${DAY}T10:00:00+03:00`],
    );
    await t.sql.query(`VACUUM (ANALYZE) tasks`);
    const [m] = await t.sql.query(`SELECT id, email, full_name, role FROM users WHERE id = $1`, [ids.manager1]);
    const user: AuthenticatedUser = { id: m.id, email: m.email, fullName: m.full_name, role: m.role as Role, permissions: permissionsOf(m.role), assistedManagerIds: [] };
    const { sql, params } = t.app.get(MyDayService).statement(DAY, user);
    const [row] = await t.sql.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    const nodes = planNodes(row['QUERY PLAN'][0].Plan);
    const on = (index: string) => nodes.filter((n) => n.index === index).map(({ type, cond }) => ({ type, cond }));
    // Planned and overdue: their pages and counts (4) are index-only ranges of the assignee's
    // planned tasks by due time (the page's sort by priority reads the included priority).
    expect(on('tasks_assignee_day_idx')).toEqual(Array(4).fill({ type: 'Index Only Scan', cond: expect.stringMatching(/assignee_id = .*status.*due_at/) }));
    // Done: the page and the count are ranges of the assignee's own completions of the day,
    // not every completion of the company's day through tasks_done_at_idx.
    expect(on('tasks_assignee_done_idx')).toEqual(Array(2).fill({ type: 'Index Only Scan', cond: expect.stringMatching(/assignee_id = .*completed_at >= .*completed_at </) }));
    // Nothing else reads tasks but the fetch of the chosen pages' rows (in this small table the
    // planner may hash them against a scan; at 1M tasks it takes them by primary key, see bench/README.md).
    const others = nodes.filter((n) => n.relation === 'tasks' && n.index && !['tasks_assignee_day_idx', 'tasks_assignee_done_idx'].includes(n.index));
    expect(others.filter((n) => !/^\(id = \w+\.id\)$/.test(n.cond ?? ''))).toEqual([]);
    // And the done list is still right: manager1's own completions of DAY, in order.
    const res = await myDay(manager1);
    const done: Array<{ id: string }> = await t.sql.query(`SELECT id FROM tasks WHERE assignee_id = $1 AND status = 'done' AND completed_at >= $2 AND completed_at < $3 ORDER BY completed_at, id`, [
      ids.manager1,
      `${DAY}T00:00:00+03:00`,
      `${DAY}T24:00:00+03:00`,
    ]);
    expect(done.length).toBeGreaterThan(0);
    expect(res.body.done.map((x: { id: string }) => x.id)).toEqual(done.map((x) => x.id));
    expect(res.body.totals.done).toBe(done.length);
  });
});
