import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { moscowDay, moscowDayRange } from '@polar/business-time';
import { mayAccess, reachOf } from '@polar/access';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { reachCondition } from '../../common/access/reach-sql';
import { Clock } from '../../common/context/clock';
import { preparedQuery } from '../../common/sql/prepared-query';
import { writtenOnce } from '../../common/sql/statement-text';
import { DAY_LISTS, type DayListName, type DayTaskDto, type MyDayDto } from './dto/planning.dto';

/**
 * The first tasks of each list of «Мои дела» (the full counts come along in `totals`).
 * The screen shows a list whole, so a page is what fits a working look at the day: 50
 * (it was 200: at 1M clients / 10M tasks three full lists were 600 rows, ≈ 300 KB of
 * JSON, and about half the request's database and API time went into rows nobody
 * scrolls to). «Показать все N» asks for the list expanded (`?expand=overdue`).
 */
export const DAY_LIST_LIMIT = 50;
/** An expanded list's tasks at most (the rest: the task list, which pages). */
export const DAY_LIST_MAX = 500;

/** An instant as `Date#toISOString()` writes it (to_char's MS truncates, as JS does). */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The day's order of priorities: high first (the planned list of «Мои дела»). */
const dayPriority = (alias: string) => `CASE ${alias}.priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END`;

type Limits = Record<DayListName, number>;

/**
 * «Мои дела» as one statement: $1 the user, $2/$3 the day's bounds, $4 now (overdue
 * mark); `scope` is extra SQL on each list's tasks `p` (with their client `pc`) when the
 * rules do not simply let the user see what is assigned to them; `limits` each list's
 * page (literals, so the planner sizes each range).
 *
 * Each list picks its page's ids from the tasks alone (an index range, see below) and only
 * those rows are joined to their client and author. A list is counted in full only when
 * its page is full (a shorter page is its own count); the CASE evaluates the count's
 * subplan only then. The rows carry only what the screen shows (DayTaskDto): no
 * description (free text, the largest field), no created_at (a to_char per row), no
 * assignee's name (the assignee is the reader: one join less).
 *
 * Indexes (EXPLAIN test: planning-scale.e2e-spec.ts):
 * - planned and overdue: `tasks_assignee_day_idx (assignee_id, status, due_at, id)
 *   INCLUDE (priority)`, index-only (migration 1764810000001);
 * - done: `tasks_assignee_done_idx (assignee_id, completed_at, id) WHERE status = 'done'`
 *   (migration 1764890000000): the user's own completions of the day, in the list's order.
 */
function daySql(limits: Limits, scope: { join: string; where: string } = { join: '', where: '' }): string {
  const ids = (list: DayListName, where: string, order: string) => `
    SELECT p.id FROM tasks p${scope.join}
     WHERE p.assignee_id = $1 AND ${where}${scope.where}
     ORDER BY ${order} LIMIT ${limits[list]}`;
  const count = (where: string) => `SELECT count(*) FROM tasks p${scope.join} WHERE p.assignee_id = $1 AND ${where}${scope.where}`;
  const total = (list: DayListName, where: string) =>
    `CASE WHEN (SELECT count(*) FROM ${list}) < ${limits[list]} THEN (SELECT count(*) FROM ${list}) ELSE (${count(where)}) END::int AS n_${list}`;
  const where: Record<DayListName, string> = {
    planned: `p.status = 'planned' AND p.due_at >= $2 AND p.due_at < $3`,
    done: `p.status = 'done' AND p.completed_at >= $2 AND p.completed_at < $3`,
    overdue: `p.status = 'planned' AND p.due_at < $2`,
  };
  return `WITH planned AS (${ids('planned', where.planned, `${dayPriority('p')}, p.due_at, p.id`)}),
  done AS (${ids('done', where.done, 'p.completed_at, p.id')}),
  overdue AS (${ids('overdue', where.overdue, 'p.due_at, p.id')}),
  chosen AS (SELECT 0 AS list, id FROM planned UNION ALL SELECT 1, id FROM done UNION ALL SELECT 2, id FROM overdue),
  totals AS (SELECT ${DAY_LISTS.map((l) => total(l, where[l])).join(', ')})
SELECT ch.list, t.id, t.type, t.subject, t.goal, t.client_id, c.name AS client_name, c.manager_id AS client_manager_id,
       t.assignee_id, t.author_id, (SELECT au.full_name FROM users au WHERE au.id = t.author_id) AS author_name,
       ${iso('t.due_at')} AS due_at, t.priority, t.status, (t.status = 'planned' AND t.due_at < $4) AS overdue, t.result,
       ${iso('t.completed_at')} AS completed_at, t.source, t.version,
       n.n_planned, n.n_done, n.n_overdue
  FROM totals n
  LEFT JOIN (chosen ch JOIN tasks t ON t.id = ch.id) ON TRUE
  LEFT JOIN clients c ON c.id = t.client_id
 ORDER BY ch.list, CASE WHEN ch.list = 0 THEN ${dayPriority('t')} END, CASE WHEN ch.list = 1 THEN t.completed_at ELSE t.due_at END, t.id`;
}

/** Each list's page: the first DAY_LIST_LIMIT, an expanded one up to DAY_LIST_MAX. */
function limitsOf(expand: readonly DayListName[]): Limits {
  const limit = (list: DayListName) => (expand.includes(list) ? DAY_LIST_MAX : DAY_LIST_LIMIT);
  return { planned: limit('planned'), done: limit('done'), overdue: limit('overdue') };
}

/**
 * The statements for every user whom the rules let see their own tasks (all who read
 * tasks), one per combination of expanded lists (8 at most), built once.
 */
function plainDaySql(limits: Limits): string {
  return writtenOnce(`day:${limits.planned}/${limits.done}/${limits.overdue}`, () => daySql(limits));
}

interface DayRow {
  list: 0 | 1 | 2 | null;
  id: string;
  type: DayTaskDto['type'];
  subject: string;
  goal: string | null;
  client_id: string | null;
  client_name: string | null;
  client_manager_id: string | null;
  assignee_id: string;
  author_id: string | null;
  author_name: string | null;
  due_at: string;
  priority: DayTaskDto['priority'];
  status: DayTaskDto['status'];
  overdue: boolean;
  result: string | null;
  completed_at: string | null;
  source: string;
  version: number;
  n_planned: number;
  n_done: number;
  n_overdue: number;
}

/** «Мои дела»: the reads of a user's day (tasks themselves are TasksService's). */
@Injectable()
export class MyDayService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * The user's day: planned (by priority), done, and overdue carried over; each list its
   * first DAY_LIST_LIMIT tasks (an `expand`ed one up to DAY_LIST_MAX), with its full count
   * in `totals`. One statement, its rows mapped straight to the answer's tasks (the same
   * values as the task's own page, `TasksService.map`, for the fields the screen shows).
   */
  async myDay(date: string | undefined, user: AuthenticatedUser, expand: readonly DayListName[] = []): Promise<MyDayDto> {
    const day = date ?? moscowDay(this.clock.now());
    const { sql, params } = this.statement(day, user, expand);
    const rows = await preparedQuery<DayRow>(this.dataSource, sql, params);
    const answer: MyDayDto = { date: day, planned: [], done: [], overdue: [], totals: { planned: 0, done: 0, overdue: 0 } };
    if (rows.length) answer.totals = { planned: rows[0].n_planned, done: rows[0].n_done, overdue: rows[0].n_overdue };
    // canChange depends on the task's author and client manager only (the assignee is the
    // user): one rule check per distinct pair, not per task.
    const canChange = new Map<string, boolean>();
    for (const r of rows) {
      if (r.list === null) continue; // the totals' row of an empty day
      const key = `${r.author_id}|${r.client_manager_id}`;
      let may = canChange.get(key);
      if (may === undefined) {
        may = mayAccess(user, 'task', 'change', { assignee: r.assignee_id, author: r.author_id, clientManager: r.client_manager_id });
        canChange.set(key, may);
      }
      // The statement numbers its lists (`chosen`) in the order of DAY_LISTS.
      answer[DAY_LISTS[r.list]].push({
        id: r.id,
        type: r.type,
        subject: r.subject,
        goal: r.goal,
        clientId: r.client_id,
        clientName: r.client_name,
        assigneeId: r.assignee_id,
        authorId: r.author_id,
        authorName: r.author_name,
        dueAt: r.due_at,
        priority: r.priority,
        status: r.status,
        overdue: r.overdue,
        result: r.result,
        completedAt: r.completed_at,
        source: r.source,
        version: r.version,
        canChange: may,
      });
    }
    return answer;
  }

  /** The day's statement and its parameters for `user` (exposed for the plan test). */
  statement(day: string, user: AuthenticatedUser, expand: readonly DayListName[] = []): { sql: string; params: unknown[] } {
    const { from, to } = moscowDayRange(day);
    const limits = limitsOf(expand);
    const params: unknown[] = [user.id, from, to, this.clock.now()];
    // Every task of these lists is assigned to the user. When the rules let the user see
    // what is assigned to them (every role that reads tasks), no other condition applies
    // and the lists stay ranges of the indexes; otherwise the rules go in as SQL.
    if (mayAccess(user, 'task', 'see', { assignee: user.id })) return { sql: plainDaySql(limits), params };
    const condition = reachCondition(reachOf(user, 'task', 'see'), { assignee: 'p.assignee_id', author: 'p.author_id', clientManager: 'pc.manager_id' });
    if (!condition) return { sql: plainDaySql(limits), params };
    // The condition's :named parameters become $5…: numbered by TypeORM's driver, then shifted.
    const [where, values] = this.dataSource.driver.escapeQueryWithParameters(condition.sql, condition.params, {});
    const shifted = where.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + params.length}`);
    return { sql: daySql(limits, { join: ' LEFT JOIN clients pc ON pc.id = p.client_id', where: ` AND ${shifted}` }), params: [...params, ...values] };
  }
}
