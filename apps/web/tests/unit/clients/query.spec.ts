import { describe, expect, it } from 'vitest';
import {
  emptyState,
  hasFilters,
  hasSegmentFilters,
  sameState,
  selectionKey,
  stateFromQuery,
  stateToQuery,
  toApiQuery,
  toFilterDto,
  toFilterQuery,
} from '@/features/clients/lib/query';

const MANAGER = '3f1e35f6-dfad-433c-9875-cd27f718d360';
const INDUSTRY = '4c6d7862-f2be-47c5-99d4-cc0a43d25409';
const SEGMENT = '0b8c5f3e-1a2b-4c3d-8e9f-0123456789ab';

describe('client list filters ↔ address query', () => {
  it('reads every filter from the address', () => {
    const state = stateFromQuery({
      q: '  холодильн ',
      status: ['active', 'regular'],
      kind: 'legal_entity',
      managerId: MANAGER,
      industryId: INDUSTRY,
      segmentId: SEGMENT,
      city: 'Москва',
      tag: 'VIP',
      region: 'Московская область',
      createdFrom: '2025-01-01',
      createdTo: '2025-12-31',
      archived: 'true',
      sort: '-annualRevenue',
      page: '3',
      pageSize: '50',
    });
    expect(state).toEqual({
      ...emptyState(),
      q: 'холодильн',
      status: ['active', 'regular'],
      kind: 'legal_entity',
      managerId: MANAGER,
      industryId: INDUSTRY,
      segmentId: SEGMENT,
      city: 'Москва',
      tag: 'VIP',
      region: 'Московская область',
      createdFrom: '2025-01-01',
      createdTo: '2025-12-31',
      archived: true,
      sort: '-annualRevenue',
      page: 3,
      pageSize: 50,
    });
  });

  it('accepts a single status and a comma-separated list, in funnel order', () => {
    expect(stateFromQuery({ status: 'lost' }).status).toEqual(['lost']);
    expect(stateFromQuery({ status: 'regular,cold' }).status).toEqual(['cold', 'regular']);
  });

  it('drops values the API would reject', () => {
    const state = stateFromQuery({
      status: ['active', 'nonsense'],
      kind: 'robot',
      managerId: 'not-a-uuid',
      createdFrom: '01.01.2025',
      sort: 'password',
      page: '-1',
      pageSize: '1000',
      archived: 'maybe',
    });
    expect(state).toEqual({ ...emptyState(), status: ['active'] });
  });

  it('leaves defaults out of the address and keeps a stable key order', () => {
    expect(stateToQuery(emptyState())).toEqual({});
    const query = stateToQuery({ ...emptyState(), city: ' Москва ', status: ['regular', 'active'], page: 2 });
    expect(query).toEqual({ status: ['active', 'regular'], city: 'Москва', page: '2' });
    expect(Object.keys(query)).toEqual(['status', 'city', 'page']);
  });

  it('round-trips: address → state → address', () => {
    const query = {
      q: 'лавка',
      status: ['thinking', 'ready'],
      managerId: MANAGER,
      city: 'Химки',
      createdFrom: '2024-02-01',
      archived: 'true',
      sort: 'city',
      pageSize: '100',
    };
    expect(stateToQuery(stateFromQuery(query))).toEqual(query);
    expect(sameState(stateFromQuery(query), stateFromQuery({ ...query }))).toBe(true);
    expect(sameState(stateFromQuery(query), stateFromQuery({ ...query, city: 'Москва' }))).toBe(false);
  });

  it('builds the API query (filters, search, segment, sort, page)', () => {
    const state = { ...emptyState(), q: 'ООО ', status: ['active' as const], segmentId: SEGMENT, sort: '-createdAt' as const, page: 2 };
    expect(toApiQuery(state)).toEqual({
      status: ['active'],
      q: 'ООО',
      segmentId: SEGMENT,
      sort: '-createdAt',
      page: 2,
      pageSize: 25,
    });
    // no sort: the API's default (relevance while searching)
    expect(toApiQuery({ ...emptyState(), q: 'холод' })).toEqual({ q: 'холод', page: 1, pageSize: 25 });
    // the export takes the same filters without paging
    expect(toFilterQuery(state)).not.toHaveProperty('page');
  });

  it('stores only attribute filters in a dynamic segment', () => {
    const state = { ...emptyState(), q: 'x', segmentId: SEGMENT, archived: true, city: 'Москва', status: ['active' as const] };
    expect(toFilterDto(state)).toEqual({ status: ['active'], city: 'Москва' });
    expect(hasSegmentFilters(state)).toBe(true);
    expect(hasSegmentFilters({ ...emptyState(), q: 'x' })).toBe(false);
  });

  it('knows when the selection (not the page or the sort) changed', () => {
    const a = { ...emptyState(), city: 'Москва' };
    expect(selectionKey({ ...a, page: 4, sort: 'name' as const })).toBe(selectionKey(a));
    expect(selectionKey({ ...a, tag: 'VIP' })).not.toBe(selectionKey(a));
    expect(hasFilters(emptyState())).toBe(false);
    expect(hasFilters({ ...emptyState(), sort: '-name', page: 3 })).toBe(false);
    expect(hasFilters({ ...emptyState(), archived: true })).toBe(true);
  });
});
