import { addDays, moscowToday } from '@polar/business-time';

/** `YYYY-MM-DD` + n calendar days (pure date arithmetic, no time zone involved). */
export const addCalendarDays = addDays;

/** How many days the "скоро срок" highlight looks ahead (calendar days, today included). */
export const DUE_SOON_DAYS = 7;

export type DueState = 'overdue' | 'dueSoon' | null;

/**
 * Invoice row highlighting: `overdue` as the server derives it; `dueSoon` for an unpaid
 * (issued / partly paid) invoice whose due date is today or within the next 7 calendar
 * days (Moscow).
 */
export function invoiceDueState(
  invoice: { status: string; dueDate: string },
  today: string = moscowToday(),
): DueState {
  if (invoice.status === 'overdue') return 'overdue';
  if (invoice.status !== 'issued' && invoice.status !== 'partly_paid') return null;
  return invoice.dueDate >= today && invoice.dueDate <= addCalendarDays(today, DUE_SOON_DAYS) ? 'dueSoon' : null;
}

/** An open deal whose expected close date is already behind (Moscow). */
export function isCloseDateOverdue(
  deal: { status: string; expectedCloseDate: string | null },
  today: string = moscowToday(),
): boolean {
  return deal.status === 'open' && !!deal.expectedCloseDate && deal.expectedCloseDate < today;
}
