import { describe, expect, it } from 'vitest';
import { addCalendarDays, invoiceDueState, isCloseDateOverdue } from '@/features/funnel/lib/dates';

describe('invoice due highlighting', () => {
  const today = '2026-03-27';

  it('adds calendar days across months and years', () => {
    expect(addCalendarDays('2026-03-27', 7)).toBe('2026-04-03');
    expect(addCalendarDays('2025-12-30', 3)).toBe('2026-01-02');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('marks unpaid invoices due within the next 7 calendar days as due soon', () => {
    expect(invoiceDueState({ status: 'issued', dueDate: '2026-03-27' }, today)).toBe('dueSoon');
    expect(invoiceDueState({ status: 'partly_paid', dueDate: '2026-04-03' }, today)).toBe('dueSoon');
    expect(invoiceDueState({ status: 'issued', dueDate: '2026-04-04' }, today)).toBeNull();
    expect(invoiceDueState({ status: 'paid', dueDate: '2026-03-28' }, today)).toBeNull();
    expect(invoiceDueState({ status: 'cancelled', dueDate: '2026-03-28' }, today)).toBeNull();
  });

  it('marks overdue invoices as the server derives them', () => {
    expect(invoiceDueState({ status: 'overdue', dueDate: '2026-03-20' }, today)).toBe('overdue');
  });

  it('flags open deals past their expected close date', () => {
    expect(isCloseDateOverdue({ status: 'open', expectedCloseDate: '2026-03-26' }, today)).toBe(true);
    expect(isCloseDateOverdue({ status: 'open', expectedCloseDate: '2026-03-27' }, today)).toBe(false);
    expect(isCloseDateOverdue({ status: 'won', expectedCloseDate: '2026-01-01' }, today)).toBe(false);
  });
});
