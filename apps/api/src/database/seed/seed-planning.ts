import { addWorkingDays, isWorkingDay, previousWorkingDay, subtractWorkingDays } from '@polar/calendar';
import type { EntityManager } from 'typeorm';
import { SystemClock } from '../../common/context/clock';
import { EventBus } from '../../common/events';
import { ClientsDirectory } from '../../modules/clients/clients-directory';
import { TimelineProjection } from '../../modules/clients/timeline-projection';
import { TimelineService } from '../../modules/clients/timeline.service';
import { FunnelPort } from '../../modules/funnel/funnel-port';
import { moscowDay } from '@polar/business-time';
import { runPaymentCalls } from '../../modules/planning/jobs/payment-calls.job';
import { moscowTime } from '../../modules/planning/task-templates';

const PLANNED: Array<[type: string, subject: string, goal: string, hhmm: string, priority: string]> = [
  ['call', 'Перезвонить по витринам', 'Уточнить размеры торгового зала', '10:00', 'high'],
  ['meeting', 'Встреча в павильоне', 'Показать образцы и договориться о замере', '13:00', 'normal'],
  ['email', 'Отправить КП', 'Отправить обновлённое предложение со скидкой', '16:00', 'normal'],
];
const DONE: Array<[string, string, string]> = [
  ['call', 'Звонок по заявке с сайта', 'Клиент просит перезвонить после праздников'],
  ['visit', 'Выезд на замер', 'Замер сделан, нужна камера 6,6 м³'],
  ['call', 'Уточнить сроки оплаты', 'Оплата на следующей неделе'],
];

/**
 * Demo planning of «Лидер»: each manager's day (planned, done yesterday, overdue), a task
 * from the head, monthly plans for the current month, and the payment-control calls for
 * the demo invoices (the same function the daily job runs). Skipped when tasks exist.
 */
export async function seedDemoPlanning(em: EntityManager, now: Date): Promise<{ tasks: number }> {
  const [{ exists }] = await em.query(`SELECT EXISTS (SELECT 1 FROM tasks) AS exists`);
  if (exists) return { tasks: 0 };
  const today = moscowDay(now);
  const workday = isWorkingDay(today) ? today : addWorkingDays(today, 1);
  const yesterday = previousWorkingDay(workday);
  const [head] = await em.query(`SELECT id FROM users WHERE email = 'head@lider.test'`);
  const managers: Array<{ id: string }> = await em.query(`SELECT id FROM users WHERE role = 'sales_manager' AND email LIKE 'manager%@lider.test' ORDER BY email`);
  const rows: Array<Record<string, unknown>> = [];
  for (const m of managers) {
    const clients: Array<{ id: string }> = await em.query(`SELECT id FROM clients WHERE manager_id = $1 ORDER BY name LIMIT 8`, [m.id]);
    PLANNED.forEach(([type, subject, goal, hhmm, priority], i) =>
      rows.push({ type, subject, goal, client_id: clients[i].id, assignee_id: m.id, author_id: m.id, due_at: moscowTime(workday, hhmm), priority, status: 'planned' }),
    );
    DONE.forEach(([type, subject, result], i) =>
      rows.push({ type, subject, result, client_id: clients[3 + i].id, assignee_id: m.id, author_id: m.id, due_at: moscowTime(yesterday, '11:00'), priority: 'normal', status: 'done', completed_at: moscowTime(yesterday, `1${i + 2}:30`) }),
    );
    rows.push({ type: 'call', subject: 'Напомнить о предложении', goal: null, client_id: clients[6].id, assignee_id: m.id, author_id: m.id, due_at: moscowTime(subtractWorkingDays(workday, 2), '15:00'), priority: 'normal', status: 'planned' });
    rows.push({ type: 'call', subject: 'Позвонить ключевому клиенту по продлению сервиса', goal: 'Продлить договор ТО', client_id: clients[7].id, assignee_id: m.id, author_id: head.id, due_at: moscowTime(addWorkingDays(workday, 1), '12:00'), priority: 'high', status: 'planned' });
  }
  await em.query(
    `INSERT INTO tasks (type, subject, goal, result, client_id, assignee_id, author_id, due_at, priority, status, completed_at, source, version)
     SELECT type, subject, goal, result, client_id, assignee_id, author_id, due_at, priority, status, completed_at, 'manual', 1
       FROM jsonb_to_recordset($1::jsonb) AS r(type text, subject text, goal text, result text, client_id uuid, assignee_id uuid, author_id uuid,
            due_at timestamptz, priority text, status text, completed_at timestamptz)`,
    [JSON.stringify(rows)],
  );
  const month = `${today.slice(0, 7)}-01`;
  await em.query(
    `INSERT INTO monthly_plans (manager_id, month, revenue_target, won_deals_target, calls_target, meetings_target, set_by, version)
     SELECT id, $1, 2500000 + 250000 * (row_number() OVER (ORDER BY email) % 4), 3, 60, 12, $2, 1
       FROM users WHERE role = 'sales_manager' AND email LIKE 'manager%@lider.test'
     ON CONFLICT (manager_id, month) DO NOTHING`,
    [month, head.id],
  );
  // The seed runs without the Nest application, inside its own transaction: every step
  // of the job joins it, with the same interfaces and a bus with the timeline subscribed.
  const events = new EventBus(new SystemClock());
  new TimelineProjection(events, new TimelineService(em.connection)).register();
  const calls = await runPaymentCalls({ now, today, step: (work) => work(em) }, { funnel: new FunnelPort(), clients: new ClientsDirectory(events), events });
  return { tasks: rows.length + (calls.tasksCreated ?? 0) };
}
