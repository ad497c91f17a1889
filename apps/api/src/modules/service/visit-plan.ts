import { addDays } from '@polar/business-time';
import { isWorkingDay, nextWorkingDay } from '@polar/calendar';
import { FREQUENCY_MONTHS, type VisitFrequency } from './entities/service-contract.entity';

export interface PlanInput {
  startsOn: string;
  endsOn: string;
  frequency: VisitFrequency;
  unitIds: readonly string[];
}

export interface PlannedVisit {
  unitId: string;
  /** First day of the contract period: with the unit, the key of the visit. */
  periodStart: string;
  plannedOn: string;
}

/** `day` plus whole months, the day of month clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The visits a contract needs from `today` up to `today + horizonDays`: one per covered
 * unit and contract period (periods counted from the contract's start at its
 * frequency). A visit lands on the first working day of its period — the production
 * calendar decides, so New Year and May holidays push it on, a working Saturday takes it
 * — but never before today (a period already running is visited from today on) and
 * never after the period or the contract ends. Pure: the same input, the same plan.
 */
export function planVisits(contract: PlanInput, today: string, horizonDays: number): PlannedVisit[] {
  const months = FREQUENCY_MONTHS[contract.frequency];
  const horizon = addDays(today, horizonDays);
  const out: PlannedVisit[] = [];
  for (let k = 0; ; k++) {
    const periodStart = addMonths(contract.startsOn, k * months);
    if (periodStart > contract.endsOn || periodStart > horizon) break;
    const nextStart = addMonths(contract.startsOn, (k + 1) * months);
    const periodEnd = [addDays(nextStart, -1), contract.endsOn].sort()[0];
    if (periodEnd < today) continue;
    const from = periodStart < today ? today : periodStart;
    const plannedOn = isWorkingDay(from) ? from : nextWorkingDay(from);
    if (plannedOn > periodEnd) continue;
    for (const unitId of contract.unitIds) out.push({ unitId, periodStart, plannedOn });
  }
  return out;
}
