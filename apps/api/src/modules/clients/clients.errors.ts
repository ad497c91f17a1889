import { DomainError, RuleViolationError } from '../../common/errors/domain-error';
import type { DuplicateMatchDto } from './dto/client.dto';

export const duplicateClient = (matches: DuplicateMatchDto[]) =>
  new DomainError(409, 'duplicate_client', 'A client with the same INN, phone, e-mail or a very similar name already exists', undefined, { matches });

export const confirmNotAllowed = () =>
  new DomainError(403, 'confirm_duplicate_forbidden', 'Only the sales head, the director or the administrator may create a possible duplicate');

export const managerRequired = () =>
  new RuleViolationError('manager_required', 'Choose the responsible manager', [{ field: 'managerId', message: 'managerId is required' }]);

export const managerNotAllowed = () =>
  new RuleViolationError('manager_not_allowed', 'You may not give this client to that manager', [{ field: 'managerId', message: 'Not a manager you may assign' }]);

export const notAManager = () =>
  new RuleViolationError('not_a_manager', 'The responsible manager must be an active sales manager or sales head', [
    { field: 'managerId', message: 'Not an active sales manager' },
  ]);

export const referenceNotFound = (field: string) =>
  new RuleViolationError('reference_not_found', `${field} does not point to an active entry of its list`, [{ field, message: 'No such entry' }]);

export const innKindMismatch = () =>
  new RuleViolationError('inn_kind_mismatch', 'A legal entity has a 10-digit INN (12 digits for an individual entrepreneur)', [
    { field: 'inn', message: 'INN length does not fit the client kind' },
  ]);

export const reassignTargetMissing = () =>
  new RuleViolationError('nothing_to_reassign', 'Give clientIds or fromManagerId', [{ field: 'clientIds', message: 'clientIds or fromManagerId is required' }]);
