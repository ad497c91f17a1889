import { isApiError, notifyError } from '@/api/errors';
import { t, te } from '@/i18n';
import type { ComplaintDto } from '@/features/quality/api/quality';

/** The deadline as the inbox shows it: working days left, due today, or how late (red). */
export function countdown(row: unknown): { text: string; late: boolean } {
  // Table rows come untyped from Element Plus.
  const c = row as ComplaintDto;
  if (c.status === 'closed' || c.status === 'rejected') return { text: t(c.breached ? 'quality.countdown.breached' : 'quality.countdown.inTime'), late: c.breached };
  if (c.workingDaysLeft < 0 || c.breached) return { text: t('quality.countdown.overdue', { n: Math.abs(Math.min(c.workingDaysLeft, -1)) }), late: true };
  if (c.workingDaysLeft === 0) return { text: t('quality.countdown.today'), late: false };
  return { text: t('quality.countdown.left', { n: c.workingDaysLeft }), late: false };
}

/** A failure in the quality screens: the module's own text for its rule codes, the common one otherwise. */
export function notifyQualityError(error: unknown): void {
  const key = isApiError(error) ? `quality.errors.${error.code}` : '';
  notifyError(error, key && te(key) ? t(key) : undefined);
}

export function subjectOf(row: unknown): string {
  const c = row as ComplaintDto;
  const kind = t(`quality.subject.${c.subjectKind}`);
  const what = c.subjectEmployeeName ?? c.subjectDealTitle ?? c.subjectEquipmentLabel ?? c.subjectText;
  return what ? `${kind}: ${what}` : kind;
}
