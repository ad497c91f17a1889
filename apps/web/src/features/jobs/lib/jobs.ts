/** Display helpers of the scheduled jobs screen (pure, unit-tested). */

export interface CronSummary {
  kind: 'daily' | 'weekdays';
  time: string;
}

/**
 * A simple daily cron (`m h * * *`, or weekdays `m h * * 1-5`) as a kind and `HH:mm`;
 * null for anything else (then the expression is shown as is).
 */
export function describeCron(cron: string): CronSummary | null {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) return null;
  const [minute, hour, dom, month, dow] = parts;
  if (!/^\d{1,2}$/.test(minute ?? '') || !/^\d{1,2}$/.test(hour ?? '') || dom !== '*' || month !== '*') return null;
  const m = Number(minute);
  const h = Number(hour);
  if (m > 59 || h > 23) return null;
  const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  if (dow === '*') return { kind: 'daily', time };
  if (dow === '1-5' || dow === 'MON-FRI') return { kind: 'weekdays', time };
  return null;
}

/** The keys of a run's counts in display order (known ones first, `skipped` only when set). */
export function countEntries(counts: Record<string, number> | null | undefined): Array<[string, number]> {
  const ORDER = ['tasksCreated', 'invoicesMarkedOverdue', 'windowDays'];
  const entries = Object.entries(counts ?? {}).filter(([key, value]) => typeof value === 'number' && !(key === 'skipped' && !value));
  return entries.sort(([a], [b]) => {
    const ia = ORDER.indexOf(a);
    const ib = ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
}
