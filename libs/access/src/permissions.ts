import type { Role } from './roles';

/**
 * Every permission a handler can require. A permission names an area and an action;
 * record-level scope (whose clients) is a separate, data-driven rule applied in the
 * repositories, not encoded here.
 */
export const PERMISSIONS = [
  // platform
  'users.read',
  'users.manage',
  'departments.read',
  'departments.manage',
  'audit.read',
  'jobs.read',
  'jobs.run',
  'queues.manage',
  'calendar.manage',
  'integrations.manage',
  // the seller's requisites and VAT rate on print forms (admin and the director)
  'company.manage',
  // business modules (used by navigation now, by handlers as the modules land)
  'clients.read',
  'clients.write',
  'clients.reassign',
  'clients.import',
  'clients.export',
  'clients.confirm_duplicate',
  'segments.manage',
  'reference.manage',
  'funnel.read',
  'funnel.write',
  'funnel.configure',
  'funnel.reopen',
  'catalog.manage',
  'planning.read',
  'planning.write',
  'planning.team',
  'plans.manage',
  'campaigns.read',
  'marketing.read',
  'marketing.write',
  'service.read',
  'service.write',
  'quality.read',
  'quality.write',
  'complaints.read',
  'complaints.answer',
  'analytics.read',
  'competitors.read',
  'competitors.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** Permissions of every authenticated staff member, whatever the role. */
// Everyone may look a competitor up (a lost deal names one); heads, the director and marketing keep the list.
const EVERY_STAFF: readonly Permission[] = ['departments.read', 'competitors.read'];

const SALES_WORK: readonly Permission[] = [
  'clients.read',
  'clients.write',
  'clients.export',
  'segments.manage',
  'funnel.read',
  'funnel.write',
  'planning.read',
  'planning.write',
  // Sales staff open the same reports and see the figures of their own scope.
  'analytics.read',
  // Sales staff see the campaigns and the figures of their own clients in them.
  'campaigns.read',
];

const ALL: readonly Permission[] = PERMISSIONS;

function except(list: readonly Permission[], removed: readonly Permission[]): Permission[] {
  return list.filter((p) => !removed.includes(p));
}

/**
 * Role → permissions. The single source of truth for the API's guards and for the
 * web client's navigation; a snapshot test in the API makes any change visible.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: ALL,
  // The commercial director sees and steers everything but leaves system
  // administration (accounts, reference structure, pipeline set-up, jobs, queues, calendar) to admin.
  director: except(ALL, ['users.manage', 'departments.manage', 'funnel.configure', 'jobs.run', 'queues.manage', 'reference.manage', 'calendar.manage', 'integrations.manage']),
  sales_head: [
    ...SALES_WORK,
    'clients.reassign',
    'clients.import',
    'clients.confirm_duplicate',
    'funnel.reopen',
    'planning.team',
    'plans.manage',
    'campaigns.read',
    'marketing.read',
    'service.read',
    'quality.read',
    'complaints.read',
    'complaints.answer',
    'analytics.read',
    'competitors.manage',
    'users.read',
  ],
  // Sales and service staff read the complaints in their reach (own clients; equipment or
  // addressed to them) and answer the quality officer's requests. Sales staff also read the
  // service data of their clients (installations, equipment, contracts, visits) without
  // changing it: a late installation is theirs to explain.
  sales_manager: [...SALES_WORK, 'service.read', 'complaints.read', 'complaints.answer'],
  sales_assistant: [...SALES_WORK, 'service.read', 'complaints.read', 'complaints.answer'],
  service: ['clients.read', 'service.read', 'service.write', 'planning.read', 'planning.write', 'complaints.read', 'complaints.answer'],
  marketing: ['clients.read', 'clients.export', 'segments.manage', 'campaigns.read', 'marketing.read', 'marketing.write', 'analytics.read', 'competitors.manage'],
  // Quality reads the equipment registry (and the unit's service history) to name the unit
  // a complaint or a survey answer is about; it changes nothing there.
  quality: ['clients.read', 'service.read', 'quality.read', 'quality.write', 'complaints.read', 'complaints.answer', 'planning.read', 'planning.write'],
  // Legal works the complaint requests addressed to it; they reach «Мои дела» as tasks
  // (SPEC: legal staff work their own tasks and tasks given to them).
  legal: ['quality.read', 'complaints.read', 'complaints.answer', 'planning.read', 'planning.write'],
};

export function permissionsOf(role: Role): readonly Permission[] {
  return [...new Set([...EVERY_STAFF, ...ROLE_PERMISSIONS[role]])];
}

export function can(role: Role, permission: Permission): boolean {
  return permissionsOf(role).includes(permission);
}
