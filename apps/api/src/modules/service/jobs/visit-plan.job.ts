import type { JobDefinition } from '../../jobs/job-definition';
import type { WorkQueue } from '../../queue/work-queue.service';
import { type ServiceContractsService, VISIT_PLAN_QUEUE } from '../service-contracts.service';
import type { ServiceVisitsService } from '../service-visits.service';

export const VISIT_PLAN_JOB = 'service-visit-plan';

/**
 * Every day: each active service contract's visit plan is rolled forward to the horizon
 * — one work-queue item per contract, enqueued in the job's step transaction, so a
 * crash loses none and a retried run adds none (the key is per contract and day) — and
 * contracts nearing their end give their client's manager a renewal task, and the
 * engineers of visits coming up get their reminder task.
 */
export function visitPlanJob(cron: string, chunkSize: number, contracts: ServiceContractsService, visits: ServiceVisitsService, queue: WorkQueue): JobDefinition {
  const [minute, hour] = cron.split(/\s+/).map(Number);
  return {
    name: VISIT_PLAN_JOB,
    description: 'План визитов по договорам обслуживания на 90 дней вперёд; задачи на продление договоров; напоминания инженерам о визитах',
    cron,
    dailyAt: { hour: Number.isFinite(hour) ? hour : 6, minute: Number.isFinite(minute) ? minute : 30 },
    run: async (ctx) => {
      let after: string | null = null;
      let contractsQueued = 0;
      for (;;) {
        const ids: string[] = await ctx.step(async (em) => {
          const page = await contracts.activeContractIds(em, after, chunkSize);
          for (const id of page) await queue.enqueue(em, VISIT_PLAN_QUEUE, { serviceContractId: id }, { key: `visit-plan:${id}:${ctx.today}` });
          return page;
        });
        contractsQueued += ids.length;
        after = ids.at(-1) ?? null;
        if (ids.length < chunkSize) break;
      }
      const renewalsRequested = await ctx.step((em) => contracts.requestRenewals(em, ctx.today));
      const visitsReminded = await ctx.step((em) => visits.remindEngineers(em, ctx.today));
      return { contractsQueued, renewalsRequested, visitsReminded };
    },
  };
}
