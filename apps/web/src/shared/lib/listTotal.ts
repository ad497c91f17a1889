import { t } from '@/i18n';

/** What a list page tells about how many records match its filters. */
export interface ListTotal {
  total: number;
  /** True when so many records match that the API estimated `total` instead of counting. */
  totalIsEstimate?: boolean;
  /** With an estimate: the number of records known to match («более N»); absent or null from an older API. */
  totalLowerBound?: number | null;
}

/** The API counts up to this many matches; the bound shown when a page does not name its own. */
export const DEFAULT_TOTAL_LOWER_BOUND = 10_000;

// The bound reads as a Russian number («10 000») in every language, as the API's cap is shown.
const ruNumber = new Intl.NumberFormat('ru-RU');

/**
 * «Найдено: N», or «Найдено: более N» when the total is an estimate (an estimate is not
 * a count, so only the bound is shown). Before the first answer it says «Загрузка…»,
 * never «Найдено: 0».
 */
export function listTotalText(page: ListTotal | undefined): string {
  if (!page) return t('common.loading');
  if (page.totalIsEstimate) return t('common.foundMoreThan', { total: ruNumber.format(page.totalLowerBound ?? DEFAULT_TOTAL_LOWER_BOUND) });
  return t('common.found', { total: page.total });
}
