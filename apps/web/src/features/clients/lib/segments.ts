import type { ClientFilterDto } from '@/api/types';
import { t } from '@/i18n';
import { formatDate } from '@/utils/format';
import { kindLabel, statusLabel } from '@/features/clients/lib/labels';

/** Names for the ids a filter holds. */
export interface FilterLookups {
  referenceName: ReadonlyMap<string, string>;
  managerName: (id: string) => string | undefined;
}

/** A segment's (or the list's) filter as short "Label: value" lines. */
export function filterSummary(filter: ClientFilterDto | null | undefined, lookups: FilterLookups): string[] {
  if (!filter) return [];
  const out: string[] = [];
  const add = (labelKey: string, value: string | undefined | null) => {
    if (value) out.push(`${t(labelKey)}: ${value}`);
  };
  if (filter.status?.length) add('clients.filters.status', filter.status.map(statusLabel).join(', '));
  if (filter.kind) add('clients.filters.kind', kindLabel(filter.kind));
  if (filter.managerId) add('clients.filters.manager', lookups.managerName(filter.managerId) ?? '…');
  if (filter.industryId) add('clients.filters.industry', lookups.referenceName.get(filter.industryId) ?? '…');
  if (filter.activityKindId) add('clients.filters.activityKind', lookups.referenceName.get(filter.activityKindId) ?? '…');
  if (filter.channelId) add('clients.filters.channel', lookups.referenceName.get(filter.channelId) ?? '…');
  if (filter.region) add('clients.filters.region', filter.region);
  if (filter.city) add('clients.filters.city', filter.city);
  if (filter.tag) add('clients.filters.tag', filter.tag);
  if (filter.abcClass?.length) add('clients.filters.abcClass', filter.abcClass.join(', '));
  if (filter.xyzClass?.length) add('clients.filters.xyzClass', filter.xyzClass.join(', '));
  if (filter.createdFrom || filter.createdTo) {
    const from = filter.createdFrom ? formatDate(filter.createdFrom) : '…';
    const to = filter.createdTo ? formatDate(filter.createdTo) : '…';
    add('clients.filters.period', `${from} — ${to}`);
  }
  return out;
}
