import { permissionsOf, type Permission, type Role } from '@polar/access';

/**
 * The staff client's modules. What a user sees in the sidebar is computed from
 * `@polar/access` (the same role → permission table the API's guards use), never
 * from a hand-made per-role list.
 */
export type ModuleGroup = 'work' | 'admin';

export interface ModuleDef {
  /** Route name and i18n key (`nav.<key>`). */
  key: string;
  path: string;
  permission: Permission;
  group: ModuleGroup;
  /** Icon name from @element-plus/icons-vue (resolved in the sidebar). */
  icon: string;
  /** False while the module is a "Раздел в разработке" placeholder. */
  ready: boolean;
}

export const MODULES: readonly ModuleDef[] = [
  { key: 'clients', path: '/clients', permission: 'clients.read', group: 'work', icon: 'OfficeBuilding', ready: true },
  { key: 'funnel', path: '/funnel', permission: 'funnel.read', group: 'work', icon: 'Filter', ready: true },
  { key: 'planning', path: '/planning', permission: 'planning.read', group: 'work', icon: 'Calendar', ready: true },
  { key: 'marketing', path: '/marketing', permission: 'campaigns.read', group: 'work', icon: 'Promotion', ready: true },
  { key: 'service', path: '/service', permission: 'service.read', group: 'work', icon: 'Tools', ready: true },
  { key: 'quality', path: '/quality', permission: 'complaints.read', group: 'work', icon: 'Medal', ready: true },
  { key: 'analytics', path: '/analytics', permission: 'analytics.read', group: 'work', icon: 'TrendCharts', ready: true },
  { key: 'users', path: '/users', permission: 'users.read', group: 'admin', icon: 'User', ready: true },
  { key: 'auditLog', path: '/audit-log', permission: 'audit.read', group: 'admin', icon: 'Document', ready: true },
  { key: 'jobs', path: '/jobs', permission: 'jobs.read', group: 'admin', icon: 'Timer', ready: true },
  { key: 'calendar', path: '/calendar', permission: 'calendar.manage', group: 'admin', icon: 'Calendar', ready: true },
  { key: 'queues', path: '/queues', permission: 'queues.manage', group: 'admin', icon: 'Operation', ready: true },
  { key: 'company', path: '/company', permission: 'company.manage', group: 'admin', icon: 'Stamp', ready: true },
  { key: 'integrations', path: '/integrations', permission: 'integrations.manage', group: 'admin', icon: 'Connection', ready: true },
];

export interface NavSection {
  group: ModuleGroup;
  items: ModuleDef[];
}

/** The modules a set of permissions opens, in sidebar order. */
export function visibleModules(permissions: readonly string[]): ModuleDef[] {
  const granted = new Set(permissions);
  return MODULES.filter((m) => granted.has(m.permission));
}

/** Sidebar sections (a section with nothing visible is dropped). */
export function navigationFor(permissions: readonly string[]): NavSection[] {
  const visible = visibleModules(permissions);
  const groups: ModuleGroup[] = ['work', 'admin'];
  return groups
    .map((group) => ({ group, items: visible.filter((m) => m.group === group) }))
    .filter((section) => section.items.length > 0);
}

/** Sidebar sections for a role, from `@polar/access`. */
export function navigationForRole(role: Role): NavSection[] {
  return navigationFor(permissionsOf(role));
}
