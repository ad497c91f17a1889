import { reachCondition } from './reach-sql';

describe('a reach as SQL', () => {
  it('adds no condition for a reach over everything', () => {
    expect(reachCondition('all', { clientManager: 'c.manager_id' })).toBeNull();
  });

  it('matches nothing for an empty reach or one the query has no columns for — never everything', () => {
    expect(reachCondition([], { clientManager: 'c.manager_id' })?.sql).toBe('FALSE');
    expect(reachCondition([{ field: 'owner', anyOf: ['u1'] }], { clientManager: 'c.manager_id' })?.sql).toBe('FALSE');
    expect(reachCondition([{ field: 'clientManager', anyOf: [] }], { clientManager: 'c.manager_id' })?.sql).toBe('FALSE');
  });

  it('ORs the terms with their own parameters', () => {
    const cond = reachCondition([{ field: 'owner', anyOf: ['u1'] }, { field: 'shared' }], { owner: 's.owner_id', shared: 's.shared' })!;
    expect(cond.sql).toMatch(/^\(s\.owner_id IN \(:\.\.\.reach\d+\) OR s\.shared = TRUE\)$/);
    expect(Object.values(cond.params)).toEqual([['u1']]);
  });
});
