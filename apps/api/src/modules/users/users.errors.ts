import { ConflictError, RuleViolationError } from '../../common/errors/domain-error';

export const emailTaken = () =>
  new ConflictError('duplicate', 'A user with this e-mail already exists', [{ field: 'email', message: 'This e-mail is already used' }]);
export const cannotChangeOwnAccount = () =>
  new RuleViolationError('own_account', 'You cannot deactivate yourself or change your own role');
export const notAnAssistant = () =>
  new RuleViolationError('not_an_assistant', 'Only sales assistants can be assigned managers', [{ field: 'managerIds', message: 'The user is not a sales assistant' }]);
export const notSalesManagers = (ids: string[]) =>
  new RuleViolationError('not_sales_managers', `These users are not active sales managers: ${ids.join(', ')}`, [
    { field: 'managerIds', message: 'Every id must be an active sales manager' },
  ]);
export const departmentNotFound = () =>
  new RuleViolationError('department_not_found', 'The department does not exist', [{ field: 'departmentId', message: 'No such department' }]);
