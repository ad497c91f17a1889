import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { ClientFilterDto, ClientKind, ClientListQuery, ClientSort, ClientStatus } from '@/api/types';

export type AbcClass = 'A' | 'B' | 'C';
export type XyzClass = 'X' | 'Y' | 'Z';
export const ABC_CLASSES: readonly AbcClass[] = ['A', 'B', 'C'];
export const XYZ_CLASSES: readonly XyzClass[] = ['X', 'Y', 'Z'];
import { CLIENT_KINDS, CLIENT_STATUSES } from '@/features/clients/lib/labels';

/**
 * The client list's filters, sort and page, and how they live in the address bar
 * (so a reload, a shared link or "back" from a client card restores the list).
 *
 * URL keys are the API's query names: `?q=…&status=active&status=regular&city=Москва
 * &sort=-createdAt&page=2`. Defaults are left out of the URL; values the API would
 * reject (unknown status, malformed id or date) are dropped when reading it.
 */
export interface ClientListState {
  q: string;
  status: ClientStatus[];
  kind: ClientKind | '';
  managerId: string;
  industryId: string;
  activityKindId: string;
  channelId: string;
  segmentId: string;
  region: string;
  city: string;
  tag: string;
  /** `YYYY-MM-DD`, Moscow calendar days, both ends included. */
  createdFrom: string;
  createdTo: string;
  /** Current ABC / XYZ class (marketing's nightly classification). */
  abcClass: AbcClass[];
  xyzClass: XyzClass[];
  /** Include archived clients. */
  archived: boolean;
  /** '' = the API's default (by name; by relevance while searching). */
  sort: ClientSort | '';
  page: number;
  pageSize: number;
}

export const CLIENT_SORTS: readonly ClientSort[] = [
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'status',
  '-status',
  'city',
  '-city',
  'annualRevenue',
  '-annualRevenue',
];
export const PAGE_SIZES: readonly number[] = [25, 50, 100, 200];
export const DEFAULT_PAGE_SIZE = 25;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Text filters: the keys whose value is any (trimmed, bounded) string. */
const TEXT_KEYS = ['q', 'region', 'city', 'tag'] as const;
const ID_KEYS = ['managerId', 'industryId', 'activityKindId', 'channelId', 'segmentId'] as const;
const DAY_KEYS = ['createdFrom', 'createdTo'] as const;
const MAX_TEXT: Record<(typeof TEXT_KEYS)[number], number> = { q: 200, region: 100, city: 100, tag: 50 };

export function emptyState(): ClientListState {
  return {
    q: '',
    status: [],
    kind: '',
    managerId: '',
    industryId: '',
    activityKindId: '',
    channelId: '',
    segmentId: '',
    region: '',
    city: '',
    tag: '',
    createdFrom: '',
    createdTo: '',
    abcClass: [],
    xyzClass: [],
    archived: false,
    sort: '',
    page: 1,
    pageSize: DEFAULT_PAGE_SIZE,
  };
}

function first(value: LocationQuery[string] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : '';
}

function all(value: LocationQuery[string] | undefined): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === 'string');
}

function positiveInt(text: string): number | null {
  return /^\d{1,6}$/.test(text) && Number(text) >= 1 ? Number(text) : null;
}

/** The list state an address describes (unknown or malformed values are dropped). */
export function stateFromQuery(query: LocationQuery): ClientListState {
  const state = emptyState();
  for (const key of TEXT_KEYS) state[key] = first(query[key]).trim().slice(0, MAX_TEXT[key]);
  for (const key of ID_KEYS) {
    const value = first(query[key]);
    state[key] = UUID.test(value) ? value.toLowerCase() : '';
  }
  for (const key of DAY_KEYS) {
    const value = first(query[key]);
    state[key] = DAY.test(value) ? value : '';
  }
  // status=active&status=regular, also accepted as status=active,regular
  const statuses = new Set(all(query.status).flatMap((s) => s.split(',')));
  state.status = CLIENT_STATUSES.filter((s) => statuses.has(s));
  const abc = new Set(all(query.abcClass).flatMap((s) => s.split(',')));
  state.abcClass = ABC_CLASSES.filter((c) => abc.has(c));
  const xyz = new Set(all(query.xyzClass).flatMap((s) => s.split(',')));
  state.xyzClass = XYZ_CLASSES.filter((c) => xyz.has(c));
  const kind = first(query.kind);
  state.kind = (CLIENT_KINDS as readonly string[]).includes(kind) ? (kind as ClientKind) : '';
  state.archived = first(query.archived) === 'true' || first(query.archived) === '1';
  const sort = first(query.sort);
  state.sort = (CLIENT_SORTS as readonly string[]).includes(sort) ? (sort as ClientSort) : '';
  state.page = positiveInt(first(query.page)) ?? 1;
  const pageSize = positiveInt(first(query.pageSize));
  state.pageSize = pageSize && PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE;
  return state;
}

/** The address query for a list state; defaults are left out, keys in a stable order. */
export function stateToQuery(state: ClientListState): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (state.q.trim()) query.q = state.q.trim();
  if (state.status.length) query.status = CLIENT_STATUSES.filter((s) => state.status.includes(s));
  if (state.kind) query.kind = state.kind;
  for (const key of ID_KEYS) if (state[key]) query[key] = state[key];
  for (const key of ['region', 'city', 'tag'] as const) if (state[key].trim()) query[key] = state[key].trim();
  for (const key of DAY_KEYS) if (state[key]) query[key] = state[key];
  if (state.abcClass.length) query.abcClass = ABC_CLASSES.filter((c) => state.abcClass.includes(c));
  if (state.xyzClass.length) query.xyzClass = XYZ_CLASSES.filter((c) => state.xyzClass.includes(c));
  if (state.archived) query.archived = 'true';
  if (state.sort) query.sort = state.sort;
  if (state.page > 1) query.page = String(state.page);
  if (state.pageSize !== DEFAULT_PAGE_SIZE) query.pageSize = String(state.pageSize);
  return query;
}

/** The attribute filters (what a dynamic segment stores; no search text, no segment). */
export function toFilterDto(state: ClientListState): ClientFilterDto {
  const filter: ClientFilterDto = {};
  if (state.status.length) filter.status = [...state.status];
  if (state.kind) filter.kind = state.kind;
  if (state.managerId) filter.managerId = state.managerId;
  if (state.industryId) filter.industryId = state.industryId;
  if (state.activityKindId) filter.activityKindId = state.activityKindId;
  if (state.channelId) filter.channelId = state.channelId;
  if (state.region.trim()) filter.region = state.region.trim();
  if (state.city.trim()) filter.city = state.city.trim();
  if (state.tag.trim()) filter.tag = state.tag.trim();
  if (state.createdFrom) filter.createdFrom = state.createdFrom;
  if (state.createdTo) filter.createdTo = state.createdTo;
  if (state.abcClass.length) filter.abcClass = [...state.abcClass];
  if (state.xyzClass.length) filter.xyzClass = [...state.xyzClass];
  return filter;
}

/** Filters, search, segment and sort as the API takes them (no paging): list and export. */
export function toFilterQuery(state: ClientListState): Omit<ClientListQuery, 'page' | 'pageSize'> {
  return {
    ...toFilterDto(state),
    ...(state.q.trim() ? { q: state.q.trim() } : {}),
    ...(state.segmentId ? { segmentId: state.segmentId } : {}),
    ...(state.archived ? { archived: true } : {}),
    ...(state.sort ? { sort: state.sort } : {}),
  };
}

/** `GET /api/clients` query for a list state. */
export function toApiQuery(state: ClientListState): ClientListQuery {
  return { ...toFilterQuery(state), page: state.page, pageSize: state.pageSize };
}

/** Everything that selects *which* clients are listed (a change goes back to page 1). */
export function selectionKey(state: ClientListState): string {
  const { page: _page, pageSize: _pageSize, sort: _sort, ...rest } = state;
  return JSON.stringify({ ...rest, q: rest.q.trim() });
}

/** True when any filter narrows the list (search text, attributes, segment, archive). */
export function hasFilters(state: ClientListState): boolean {
  return selectionKey(state) !== selectionKey(emptyState());
}

/** True when the state has filters a dynamic segment can store. */
export function hasSegmentFilters(state: ClientListState): boolean {
  return Object.keys(toFilterDto(state)).length > 0;
}

/** Same list? (compares what the address would say) */
export function sameState(a: ClientListState, b: ClientListState): boolean {
  return JSON.stringify(stateToQuery(a)) === JSON.stringify(stateToQuery(b));
}
