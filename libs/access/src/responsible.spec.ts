import { ROLES } from './roles';
import { isResponsibleManagerRole, mayBeResponsibleManager, RESPONSIBLE_MANAGER_ROLES } from './responsible';

describe('who may be a responsible manager', () => {
  it('is an active sales manager or sales head, nobody else', () => {
    expect(ROLES.filter((role) => mayBeResponsibleManager({ role, isActive: true }))).toEqual(['sales_head', 'sales_manager']);
    expect(RESPONSIBLE_MANAGER_ROLES).toEqual(['sales_manager', 'sales_head']);
  });

  it('refuses a deactivated account even of the right role', () => {
    expect(mayBeResponsibleManager({ role: 'sales_manager', isActive: false })).toBe(false);
    expect(mayBeResponsibleManager({ role: 'sales_head', isActive: false })).toBe(false);
  });

  it('refuses assistants, admins and unknown roles', () => {
    expect(isResponsibleManagerRole('sales_assistant')).toBe(false);
    expect(isResponsibleManagerRole('admin')).toBe(false);
    expect(isResponsibleManagerRole('SALES_MANAGER')).toBe(false);
    expect(isResponsibleManagerRole(undefined)).toBe(false);
  });
});
