import { isWorkingDay, previousWorkingDay, workingDaysDeadline } from '@polar/business-time';
import type { FunnelPort } from '../../funnel/funnel-port';
import { refreshCalendarOverrides } from '../../calendar/calendar-overrides';
import type { JobContext, JobDefinition } from '../../jobs/job-definition';
import type { PlanningPort } from '../../planning/planning-port';
import type { SurveyQuestionDto } from '../dto/survey.dto';

export const SURVEY_CALLS_JOB = 'survey-calls';

/** Working days the quality officer has for the month's phone surveys. */
export const SURVEY_CALL_WORKING_DAYS = 5;

export interface SurveyCallsDeps {
  funnel: FunnelPort;
  planning: PlanningPort;
}

/** The first working day of its month: the day the monthly survey calls are made. */
export function isFirstWorkingDayOfMonth(day: string): boolean {
  return isWorkingDay(day) && previousWorkingDay(day).slice(0, 7) !== day.slice(0, 7);
}

/**
 * Monthly phone survey of new clients (seed 002): on the first working day of a month,
 * every client with exactly one paid invoice ever who was never surveyed by phone gets a
 * phone invitation to the latest active questionnaire and a call task for the quality
 * officer with the questions in it. The partial unique index on phone invitations per
 * client makes a repeated or taken-over run create nothing twice.
 */
export async function runSurveyCalls(ctx: JobContext, deps: SurveyCallsDeps): Promise<Record<string, number>> {
  return ctx.step(async (em): Promise<Record<string, number>> => {
    await refreshCalendarOverrides(em);
    if (!isFirstWorkingDayOfMonth(ctx.today)) return { skipped: 1, tasksCreated: 0 };
    const [survey]: Array<{ id: string; title: string; questions: SurveyQuestionDto[] }> = await em.query(
      `SELECT id, title, questions FROM surveys WHERE status = 'active' ORDER BY created_at DESC, id LIMIT 1`,
    );
    const [officer]: Array<{ id: string }> = await em.query(`SELECT id FROM users WHERE role = 'quality' AND is_active ORDER BY created_at, email LIMIT 1`);
    if (!survey || !officer) return { noActiveSurvey: survey ? 0 : 1, noQualityOfficer: officer ? 0 : 1, tasksCreated: 0 };
    const candidates = await deps.funnel.clientsWithOnePaidInvoice(em);
    if (!candidates.length) return { candidates: 0, tasksCreated: 0 };
    const invited: Array<{ id: string; client_id: string; name: string }> = await em.query(
      `WITH ins AS (
         INSERT INTO survey_invitations (survey_id, client_id, channel, period, created_at)
         SELECT $1, c.id, 'phone', $3, $4 FROM clients c WHERE c.id = ANY($2::uuid[]) AND c.archived_at IS NULL
         ON CONFLICT (client_id) WHERE channel = 'phone' DO NOTHING
         RETURNING id, client_id)
       SELECT ins.id, ins.client_id, c.name FROM ins JOIN clients c ON c.id = ins.client_id ORDER BY c.name, ins.id`,
      [survey.id, candidates.map((c) => c.clientId), ctx.today.slice(0, 7), ctx.now],
    );
    if (!invited.length) return { candidates: candidates.length, tasksCreated: 0 };
    const questionnaire = survey.questions.map((q, i) => `${i + 1}. ${q.text}${q.options?.length ? ` (${q.options.join(' / ')})` : ''}`).join('\n');
    const dueAt = workingDaysDeadline(ctx.now, SURVEY_CALL_WORKING_DAYS).at;
    const taskIds = await deps.planning.createTasks(
      em,
      'survey_call',
      invited.map((inv) => ({
        type: 'call' as const,
        subject: `Телефонный опрос нового клиента: ${inv.name}`,
        description: `Анкета «${survey.title}»:\n${questionnaire}\n\nОтветы внести: /quality/surveys/${survey.id}/phone?invitation=${inv.id}`,
        clientId: inv.client_id,
        assigneeId: officer.id,
        dueAt,
        priority: 'normal' as const,
      })),
      null,
    );
    await em.query(
      `UPDATE survey_invitations i SET task_id = x.task_id FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, task_id uuid) WHERE i.id = x.id`,
      [JSON.stringify(invited.map((inv, i) => ({ id: inv.id, task_id: taskIds[i] })))],
    );
    return { candidates: candidates.length, tasksCreated: invited.length };
  });
}

export function surveyCallsJob(cron: string, deps: SurveyCallsDeps): JobDefinition {
  const [minute, hour] = cron.split(/\s+/).map(Number);
  return {
    name: SURVEY_CALLS_JOB,
    runsOn: 'first_working_day_of_month',
    description: 'Ежемесячно (первый рабочий день месяца): телефонный опрос клиентов с одной покупкой — звонки отделу качества',
    cron,
    dailyAt: { hour: Number.isFinite(hour) ? hour : 10, minute: Number.isFinite(minute) ? minute : 0 },
    run: (ctx) => runSurveyCalls(ctx, deps),
  };
}
