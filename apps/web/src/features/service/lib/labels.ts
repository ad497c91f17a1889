import { isApiError, notifyError } from '@/api/errors';
import { t, te } from '@/i18n';
import { EMPTY } from '@/utils/format';
import type { InstallationDto } from '@/features/service/api/service';

/** A failure in the service screens: the module's own words for its rule codes, the common text otherwise. */
export function notifyServiceError(error: unknown): void {
  const key = isApiError(error) ? `service.errors.${error.code}` : '';
  notifyError(error, key && te(key) ? t(key) : undefined);
}

/** Why a job slipped, in words: the reason's name, then the engineer's explanation. */
export function slipText(job: Pick<InstallationDto, 'slipCode' | 'slipReason'>): string | null {
  if (!job.slipCode) return job.slipReason || null;
  const name = t(`service.slip.${job.slipCode}`);
  return job.slipReason ? `${name}: ${job.slipReason}` : name;
}

export function engineerNames(list: ReadonlyArray<{ fullName: string }>): string {
  return list.length ? list.map((e) => e.fullName).join(', ') : t('service.noEngineers');
}

/** A label in the module's dictionary, or the dash when the value is absent. */
export function label(group: string, value: string | null | undefined): string {
  if (!value) return EMPTY;
  const key = `service.${group}.${value}`;
  return te(key) ? t(key) : value;
}
