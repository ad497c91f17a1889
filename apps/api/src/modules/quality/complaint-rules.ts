import { moscowDay, workingDaysBetween, workingDaysDeadline, workingMinutesBetween } from '@polar/business-time';

export const COMPLAINT_SUBJECTS = ['employee', 'equipment', 'deal', 'other'] as const;
export type ComplaintSubject = (typeof COMPLAINT_SUBJECTS)[number];

/** How it reached us; `survey` is a draft opened by a low survey rating. */
export const COMPLAINT_CHANNELS = ['phone', 'email', 'site', 'visit', 'survey'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const COMPLAINT_STATUSES = ['draft', 'new', 'in_progress', 'answered', 'closed', 'rejected'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Upheld, partly upheld, explained to the client (no fault found), unfounded. */
export const COMPLAINT_DECISIONS = ['upheld', 'partial', 'explained', 'unfounded'] as const;
export type ComplaintDecision = (typeof COMPLAINT_DECISIONS)[number];

export const REQUEST_DEPARTMENTS = ['legal', 'service', 'sales'] as const;
export type RequestDepartment = (typeof REQUEST_DEPARTMENTS)[number];

/** The roles whose staff answer for a department. */
export const DEPARTMENT_ROLES: Record<RequestDepartment, readonly string[]> = {
  legal: ['legal'],
  service: ['service'],
  sales: ['sales_head', 'sales_manager', 'sales_assistant'],
};

/** Statuses in which the deadline still runs (the watchdog looks at these). */
export const OPEN_STATUSES: readonly ComplaintStatus[] = ['new', 'in_progress', 'answered'];

/** Allowed moves: new → in progress → answered → closed; rejected from anything not finished. */
const MOVES: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  draft: ['new', 'rejected'],
  new: ['in_progress', 'answered', 'rejected'],
  in_progress: ['answered', 'rejected'],
  answered: ['closed', 'in_progress', 'rejected'],
  closed: [],
  rejected: [],
};

export function mayMove(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return MOVES[from].includes(to);
}

/**
 * The complaint deadline: `days` working days after the Moscow day it arrived, at the end
 * of that day's working window (libs/business-time over the production calendar with its
 * overrides: transferred days off and working Saturdays count as the calendar says).
 */
export function complaintDeadline(receivedAt: Date, days: number): { day: string; at: Date } {
  return workingDaysDeadline(receivedAt, days);
}

/** Processing time from arrival to `until`, in working and calendar minutes. */
export function processingMinutes(receivedAt: Date, until: Date): { working: number; calendar: number } {
  return { working: workingMinutesBetween(receivedAt, until), calendar: Math.max(0, Math.floor((until.getTime() - receivedAt.getTime()) / 60_000)) };
}

/**
 * The countdown the inbox shows: working days from today to the deadline day (0 = due
 * today), negative working days past it once the deadline has passed.
 */
export function workingDaysLeft(now: Date, deadlineDay: string, deadlineAt: Date): number {
  const today = moscowDay(now);
  if (now.getTime() <= deadlineAt.getTime()) return today >= deadlineDay ? 0 : workingDaysBetween(today, deadlineDay);
  return today <= deadlineDay ? -1 : -Math.max(1, workingDaysBetween(deadlineDay, today));
}

/** Hours with one decimal from minutes (null stays null). */
export const hoursOf = (minutes: number | null): number | null => (minutes == null ? null : Math.round(minutes / 6) / 10);
