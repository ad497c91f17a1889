import { PERMISSIONS, permissionsOf, ROLES, type Role } from '@polar/access';
import { describe, expect, it } from 'vitest';
import { MODULES, navigationFor, navigationForRole, visibleModules } from '@/navigation/modules';

const keys = (role: Role) => navigationForRole(role).flatMap((s) => s.items.map((m) => m.key));
const groups = (role: Role) => navigationForRole(role).map((s) => s.group);

describe('navigation from @polar/access permissions', () => {
  it('names only permissions that exist in @polar/access', () => {
    for (const m of MODULES) expect(PERMISSIONS).toContain(m.permission);
  });

  it('shows the admin every module, work first then administration', () => {
    expect(keys('admin')).toEqual([
      'clients',
      'funnel',
      'planning',
      'marketing',
      'service',
      'quality',
      'analytics',
      'users',
      'auditLog',
      'jobs',
      'calendar',
      'queues',
      'company',
      'integrations',
    ]);
    expect(groups('admin')).toEqual(['work', 'admin']);
  });

  it('shows the director users, audit log and jobs but the sales head only users', () => {
    expect(keys('director')).toEqual(expect.arrayContaining(['users', 'auditLog', 'jobs', 'analytics', 'company']));
    expect(keys('sales_head')).not.toContain('company');
    expect(keys('sales_head')).toContain('users');
    expect(keys('sales_head')).not.toContain('auditLog');
    expect(keys('sales_head')).not.toContain('jobs');
  });

  it('gives sales managers and assistants no administration section', () => {
    for (const role of ['sales_manager', 'sales_assistant'] as const) {
      // Analytics and the campaigns show them their own figures; quality the complaints of their clients;
      // service the service data of their own clients, read-only.
      expect(keys(role)).toEqual(['clients', 'funnel', 'planning', 'marketing', 'service', 'quality', 'analytics']);
      expect(groups(role)).toEqual(['work']);
    }
  });

  it('gives the other roles exactly their modules', () => {
    // Service staff see complaints about equipment and the requests addressed to them.
    expect(keys('service')).toEqual(['clients', 'planning', 'service', 'quality']);
    expect(keys('marketing')).toEqual(['clients', 'marketing', 'analytics']);
    // Quality staff read the equipment a complaint is about (service, read-only).
    expect(keys('quality')).toEqual(['clients', 'planning', 'service', 'quality']);
    expect(keys('legal')).toEqual(['planning', 'quality']);
  });

  it('agrees with permissionsOf for every role and module', () => {
    for (const role of ROLES) {
      const granted = permissionsOf(role);
      for (const m of MODULES) {
        expect(keys(role).includes(m.key)).toBe(granted.includes(m.permission));
      }
    }
  });

  it('drops empty sections and ignores unknown permissions', () => {
    expect(navigationFor([])).toEqual([]);
    expect(visibleModules(['audit.read', 'no.such'])).toHaveLength(1);
    expect(navigationFor(['audit.read']).map((s) => s.group)).toEqual(['admin']);
  });
});

describe('messages', () => {
  it('compile in both languages and have the same keys', async () => {
    const { i18n } = await import('@/i18n');
    // All messages as merged from the root and the per-feature files.
    const ru = i18n.global.getLocaleMessage('ru') as object;
    const en = i18n.global.getLocaleMessage('en') as object;
    const flat = (obj: object, prefix = ''): string[] =>
      Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' ? flat(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(flat(en).sort()).toEqual(flat(ru).sort());
    for (const locale of ['ru', 'en'] as const) {
      i18n.global.locale.value = locale;
      for (const key of flat(ru)) {
        expect(() => i18n.global.t(key, { name: 'X', total: 1, count: 1, min: 8, module: 'M', role: 'R', status: 500 })).not.toThrow();
      }
    }
    i18n.global.locale.value = 'ru';
    expect(i18n.global.t('auth.emailPlaceholder')).toBe('name@lider.ru');
  });
});
