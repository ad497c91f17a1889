import { ROLES, type Role } from './roles';
import { mayAccess, mayActFor, reachOf, reaches, RECORD_KINDS, SCOPED_RECORD_KINDS, type Actor } from './records';

const actor = (role: Role, id = 'me', assisted: string[] = []): Actor => ({ id, role, assistedManagerIds: assisted });

describe('record access rules', () => {
  it('limits client-bound records to the clients in scope', () => {
    for (const kind of ['client', 'contact', 'deal', 'proposal', 'contract', 'invoice'] as const) {
      expect(mayAccess(actor('sales_manager'), kind, 'see', { clientManager: 'me' })).toBe(true);
      expect(mayAccess(actor('sales_manager'), kind, 'change', { clientManager: 'other' })).toBe(false);
      expect(mayAccess(actor('sales_assistant', 'a', ['m1']), kind, 'see', { clientManager: 'm1' })).toBe(true);
      expect(mayAccess(actor('sales_assistant', 'a', ['m1']), kind, 'see', { clientManager: 'm2' })).toBe(false);
      expect(mayAccess(actor('legal'), kind, 'see', { clientManager: 'm1' })).toBe(false);
      expect(mayAccess(actor('director'), kind, 'change', { clientManager: 'm1' })).toBe(true);
    }
    expect(mayAccess(actor('service'), 'installation', 'see', { clientManager: 'm1' })).toBe(true);
  });

  it('shows no record of a kind to a role that may not read the kind at all', () => {
    expect(mayAccess(actor('service'), 'deal', 'see', { clientManager: 'm1' })).toBe(false);
    expect(mayAccess(actor('service'), 'client', 'see', { clientManager: 'm1' })).toBe(true);
    expect(mayAccess(actor('marketing'), 'installation', 'see', { clientManager: 'm1' })).toBe(false);
  });

  it('shows a sales manager the service data of their own clients only', () => {
    for (const kind of ['installation', 'equipment', 'service_contract', 'service_visit', 'service_request'] as const) {
      expect(mayAccess(actor('sales_manager'), kind, 'see', { clientManager: 'me' })).toBe(true);
      expect(mayAccess(actor('sales_manager'), kind, 'see', { clientManager: 'other' })).toBe(false);
      expect(mayAccess(actor('service'), kind, 'change', { clientManager: 'other' })).toBe(true);
      expect(mayAccess(actor('legal'), kind, 'see', { clientManager: 'm1' })).toBe(false);
    }
  });

  it('never lets a record without a manager slip into a restricted scope', () => {
    expect(mayAccess(actor('sales_manager'), 'client', 'see', { clientManager: null })).toBe(false);
    expect(reaches([], {})).toBe(false);
  });

  it('keeps saved segments with their owner; a shared one is read-only for others', () => {
    const other = actor('sales_manager', 'other');
    expect(mayAccess(other, 'segment', 'see', { owner: 'me', shared: false })).toBe(false);
    expect(mayAccess(other, 'segment', 'see', { owner: 'me', shared: true })).toBe(true);
    expect(mayAccess(other, 'segment', 'change', { owner: 'me', shared: true })).toBe(false);
    expect(mayAccess(actor('director', 'd'), 'segment', 'change', { owner: 'me', shared: true })).toBe(false);
    expect(mayAccess(actor('marketing'), 'segment', 'change', { owner: 'me', shared: false })).toBe(true);
  });

  it('lets service, quality and the others work only their own and given tasks', () => {
    for (const role of ['service', 'quality'] as const) {
      const me = actor(role);
      expect(mayAccess(me, 'task', 'see', { assignee: 'm1', author: 'm1', clientManager: 'm1' })).toBe(false);
      expect(mayAccess(me, 'task', 'change', { assignee: 'm1', author: 'm1', clientManager: 'm1' })).toBe(false);
      expect(mayAccess(me, 'task', 'change', { assignee: 'me', author: 'head' })).toBe(true);
      expect(mayAccess(me, 'task', 'change', { assignee: 'head', author: 'me' })).toBe(true);
    }
    // Legal works the complaint requests given to it as tasks, and nobody else's.
    expect(mayAccess(actor('legal'), 'task', 'see', { assignee: 'me' })).toBe(true);
    expect(mayAccess(actor('legal'), 'task', 'see', { author: 'someone' })).toBe(false);
  });

  it('lets a sales manager see the tasks on own clients but change only own and given ones', () => {
    const me = actor('sales_manager');
    const serviceTaskOnMyClient = { assignee: 'engineer', author: 'engineer', clientManager: 'me' };
    expect(mayAccess(me, 'task', 'see', serviceTaskOnMyClient)).toBe(true);
    expect(mayAccess(me, 'task', 'change', serviceTaskOnMyClient)).toBe(false);
    expect(mayAccess(me, 'task', 'see', { assignee: 'm2', author: 'm2', clientManager: 'm2' })).toBe(false);
    expect(mayAccess(actor('sales_assistant', 'a', ['m1']), 'task', 'change', { assignee: 'm1', author: 'm1', clientManager: 'm1' })).toBe(true);
    expect(mayAccess(actor('sales_head'), 'task', 'change', { assignee: 'x', author: 'y' })).toBe(true);
  });

  it('shows a plan to its manager and to the team', () => {
    expect(mayAccess(actor('sales_manager'), 'plan', 'see', { manager: 'me' })).toBe(true);
    expect(mayAccess(actor('sales_manager'), 'plan', 'see', { manager: 'm2' })).toBe(false);
    expect(mayAccess(actor('sales_head'), 'plan', 'see', { manager: 'm2' })).toBe(true);
  });

  it('has a per-record rule exactly for the scoped kinds; the others are directories the permission decides', () => {
    const scoped = RECORD_KINDS.filter((kind) => ROLES.some((role) => reachOf(actor(role), kind, 'see') !== 'all'));
    expect(scoped).toEqual([...SCOPED_RECORD_KINDS]);
  });

  it('gives every role a reach over every kind', () => {
    for (const role of ROLES) for (const kind of RECORD_KINDS) for (const action of ['see', 'change'] as const) expect(reachOf(actor(role), kind, action)).toBeDefined();
  });

  it('lets a manager act only for themselves, an assistant for the managers assisted, heads for anyone', () => {
    expect(mayActFor(actor('sales_manager'), 'me')).toBe(true);
    expect(mayActFor(actor('sales_manager'), 'm2')).toBe(false);
    expect(mayActFor(actor('sales_assistant', 'a', ['m1']), 'm1')).toBe(true);
    expect(mayActFor(actor('sales_assistant', 'a', ['m1']), 'm2')).toBe(false);
    expect(mayActFor(actor('sales_head'), 'm2')).toBe(true);
    expect(mayActFor(actor('service'), 'm2')).toBe(false);
  });

  it('scopes complaints: quality and heads all, legal only asked, sales own clients, service equipment or asked', () => {
    const about = (facts: object) => ({ clientManager: 'm1', subjectKind: 'employee', requestee: [] as string[], ...facts });
    for (const role of ['quality', 'director', 'sales_head', 'admin'] as const) expect(mayAccess(actor(role), 'complaint', 'see', about({}))).toBe(true);
    expect(mayAccess(actor('legal'), 'complaint', 'see', about({}))).toBe(false);
    expect(mayAccess(actor('legal'), 'complaint', 'see', about({ requestee: ['x', 'me'] }))).toBe(true);
    expect(mayAccess(actor('sales_manager'), 'complaint', 'see', about({}))).toBe(false);
    expect(mayAccess(actor('sales_manager'), 'complaint', 'see', about({ clientManager: 'me' }))).toBe(true);
    expect(mayAccess(actor('service'), 'complaint', 'see', about({}))).toBe(false);
    expect(mayAccess(actor('service'), 'complaint', 'see', about({ subjectKind: 'equipment' }))).toBe(true);
    expect(mayAccess(actor('service'), 'complaint', 'see', about({ requestee: ['me'] }))).toBe(true);
    expect(mayAccess(actor('marketing'), 'complaint', 'see', about({ requestee: ['me'] }))).toBe(false);
    expect(mayAccess(actor('legal'), 'survey', 'see', {})).toBe(false);
    expect(mayAccess(actor('quality'), 'survey', 'see', {})).toBe(true);
  });
});
