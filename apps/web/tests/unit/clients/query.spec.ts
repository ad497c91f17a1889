import { describe, expect, it } from 'vitest';
import { emptyState, stateFromQuery, stateToQuery, toApiQuery, toFilterDto } from '@/features/clients/lib/query';

describe('client list state: ABC/XYZ class filters', () => {
  it('reads the classes from the address (repeated or comma-separated), dropping unknown letters', () => {
    const state = stateFromQuery({ abcClass: ['A', 'C,D'], xyzClass: 'Z,X,x' });
    expect(state.abcClass).toEqual(['A', 'C']);
    expect(state.xyzClass).toEqual(['X', 'Z']);
  });

  it('writes them back in a stable order, sends them to the API and stores them in a segment filter', () => {
    const state = { ...emptyState(), abcClass: ['B', 'A'] as Array<'A' | 'B'>, xyzClass: ['Y'] as Array<'Y'> };
    expect(stateToQuery(state)).toEqual({ abcClass: ['A', 'B'], xyzClass: ['Y'] });
    expect(toApiQuery(state)).toMatchObject({ abcClass: ['B', 'A'], xyzClass: ['Y'] });
    expect(toFilterDto(state)).toEqual({ abcClass: ['B', 'A'], xyzClass: ['Y'] });
    expect(stateToQuery(emptyState())).toEqual({});
  });
});
