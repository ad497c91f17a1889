import type { JobDefinition } from '../../jobs/job-definition';
import type { AbcXyzService } from '../abc-xyz.service';

export const ABC_XYZ_JOB = 'abc-xyz';

/**
 * Nightly: every client's ABC/XYZ class over the twelve months before today, stored per
 * day (client_abc_xyz), so a client's class has a history. Re-running a day replaces it.
 */
export function abcXyzJob(service: AbcXyzService): JobDefinition {
  return {
    name: ABC_XYZ_JOB,
    description: 'ABC/XYZ-классы клиентов за 12 месяцев (история по дням)',
    cron: '30 2 * * *',
    dailyAt: { hour: 2, minute: 30 },
    run: async (ctx) => ({ classified: await ctx.step((em) => service.store(em, ctx.today)) }),
  };
}
