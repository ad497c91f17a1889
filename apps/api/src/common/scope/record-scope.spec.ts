import { DataSource } from 'typeorm';
import { applyScope, type RecordScope, scopeManagerIds, scopePredicate, scopeShape } from './record-scope';

/**
 * The scope's one SQL form: `applyScope` (query builder) and the statements written once as
 * plain SQL (the client card and list) both take their condition from `scopePredicate`.
 */
describe('the record scope as SQL', () => {
  // Never connected: the query builder only renders SQL here.
  const db = new DataSource({ type: 'postgres' });
  const render = (scope: RecordScope) => applyScope(db.createQueryBuilder().select('c.id').from('clients', 'c'), scope, 'c.manager_id').getQueryAndParameters();

  it('adds no condition for everyone’s records', () => {
    const all: RecordScope = { managerIds: null };
    expect(scopePredicate(all, 'c.manager_id', '$2::uuid[]')).toBeNull();
    expect(scopeManagerIds(all)).toBeNull();
    expect(scopeShape(all)).toBe('all');
    expect(render(all)).toEqual(['SELECT c.id FROM "clients" "c"', []]);
  });

  it('matches nothing for an empty scope — never everything', () => {
    const none: RecordScope = { managerIds: [] };
    expect(scopePredicate(none, 'c.manager_id', '$2::uuid[]')).toBe('FALSE');
    expect(scopeManagerIds(none)).toBeNull();
    expect(scopeShape(none)).toBe('none');
    expect(render(none)).toEqual(['SELECT c.id FROM "clients" "c" WHERE FALSE', []]);
  });

  it('narrows to the managers by the same condition in both forms, the ids as one array value', () => {
    const some: RecordScope = { managerIds: ['m1', 'm2'] };
    expect(scopePredicate(some, 'c.manager_id', '$2::uuid[]')).toBe('c.manager_id = ANY($2::uuid[])');
    expect(scopeManagerIds(some)).toEqual(['m1', 'm2']);
    expect(scopeShape(some)).toBe('some');
    const [sql, params] = render(some);
    expect(sql).toBe(`SELECT c.id FROM "clients" "c" WHERE ${scopePredicate(some, 'c.manager_id', 'CAST($1 AS uuid[])')}`);
    expect(params).toEqual([['m1', 'm2']]);
  });

  it('narrows one manager’s scope by an equality (an ordered index range, not a sort of their records)', () => {
    const one: RecordScope = { managerIds: ['m1'] };
    expect(scopePredicate(one, 'c.manager_id', '$2::uuid[]')).toBe('c.manager_id = ($2::uuid[])[1]');
    expect(scopeManagerIds(one)).toEqual(['m1']);
    expect(scopeShape(one)).toBe('one');
    expect(render(one)).toEqual([`SELECT c.id FROM "clients" "c" WHERE ${scopePredicate(one, 'c.manager_id', 'CAST($1 AS uuid[])')}`, [['m1']]]);
  });

  it('gives every application its own parameter, so one query may apply a scope twice', () => {
    const qb = db.createQueryBuilder().select('c.id').from('clients', 'c');
    applyScope(qb, { managerIds: ['m1'] }, 'c.manager_id');
    applyScope(qb, { managerIds: ['m2', 'm3'] }, 'c.client_manager_id');
    expect(qb.getQueryAndParameters()).toEqual(['SELECT c.id FROM "clients" "c" WHERE c.manager_id = (CAST($1 AS uuid[]))[1] AND c.client_manager_id = ANY(CAST($2 AS uuid[]))', [['m1'], ['m2', 'm3']]]);
  });
});
