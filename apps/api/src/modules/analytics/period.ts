import { addDays, daysBetween, moscowDayStart, moscowToday } from '@polar/business-time';
import { ValidationFailedError } from '../../common/errors/domain-error';
import { monthStart } from './report-math';

/** The longest span a report accepts: beyond it a typo, not a question. */
const MAX_DAYS = 3 * 366;

export interface DayPeriod {
  from: string;
  to: string;
  /** Moscow instants: [start of `from`, start of the day after `to`). */
  fromAt: Date;
  toAt: Date;
}

export function dayPeriod(from: string, to: string): DayPeriod {
  return { from, to, fromAt: moscowDayStart(from), toAt: moscowDayStart(addDays(to, 1)) };
}

/** The asked period (default: this month to today), checked: 400 naming the field when it is backwards or too long. */
export function askedPeriod(now: Date, from?: string, to?: string): DayPeriod {
  const today = moscowToday(now);
  const t = to ?? today;
  const f = from ?? monthStart(t);
  if (t < f) throw new ValidationFailedError([{ field: 'to', message: 'to must not be before from' }]);
  if (daysBetween(f, t) > MAX_DAYS) throw new ValidationFailedError([{ field: 'from', message: `At most ${MAX_DAYS} days` }]);
  return dayPeriod(f, t);
}

/** The same number of days right before. */
export function previousPeriod(p: DayPeriod): DayPeriod {
  const len = daysBetween(p.from, p.to) + 1;
  return dayPeriod(addDays(p.from, -len), addDays(p.from, -1));
}
