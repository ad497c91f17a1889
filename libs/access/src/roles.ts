/**
 * The nine staff roles of Polar CRM (SPEC.md "Roles and access").
 * The order is the order the web client lists them in.
 */
export const ROLES = [
  'admin',
  'director',
  'sales_head',
  'sales_manager',
  'sales_assistant',
  'service',
  'marketing',
  'quality',
  'legal',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
