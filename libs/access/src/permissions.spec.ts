import { can, permissionsOf, ROLE_PERMISSIONS } from './permissions';
import { ROLES } from './roles';
import { ROLE_CLIENT_SCOPE } from './scope';

describe('role → permissions', () => {
  it('is a visible diff whenever it changes', () => {
    const matrix = Object.fromEntries(ROLES.map((r) => [r, [...permissionsOf(r)].sort()]));
    expect(matrix).toMatchSnapshot();
  });

  it('keeps account administration with admin only', () => {
    expect(ROLES.filter((r) => can(r, 'users.manage'))).toEqual(['admin']);
  });

  it('lets management and the sales head reassign clients, not managers themselves', () => {
    expect(ROLES.filter((r) => can(r, 'clients.reassign'))).toEqual(['admin', 'director', 'sales_head']);
  });

  it('gives every role a scope and a permission list', () => {
    for (const role of ROLES) {
      expect(ROLE_PERMISSIONS[role]).toBeDefined();
      expect(ROLE_CLIENT_SCOPE[role]).toBeDefined();
    }
    expect(ROLE_CLIENT_SCOPE.sales_manager).toBe('own');
    expect(ROLE_CLIENT_SCOPE.sales_assistant).toBe('assisted');
  });
});
