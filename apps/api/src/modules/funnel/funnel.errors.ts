import { DomainError, RuleViolationError } from '../../common/errors/domain-error';
import { MOVE_REFUSAL_MESSAGES, type MoveRefusal } from './deal-transitions';

export const moveRefused = (code: MoveRefusal) =>
  new RuleViolationError(code, MOVE_REFUSAL_MESSAGES[code], code === 'loss_reason_required' ? [{ field: 'lossReasonId', message: 'A loss reason and a comment are required' }] : undefined);
export const signedContractRequired = () =>
  new RuleViolationError('signed_contract_required', 'Hand-over to installation needs a signed contract for this deal');
export const stageNotFound = () => new RuleViolationError('stage_not_found', 'No such stage', [{ field: 'stageId', message: 'No such stage' }]);
export const productNotFound = (i: number) =>
  new RuleViolationError('product_not_found', 'A line refers to a product that does not exist or is inactive', [{ field: `lines.${i}.productId`, message: 'No such active product' }]);
export const lineDescriptionRequired = (i: number) =>
  new RuleViolationError('line_description_required', 'A line without a product needs a description and a price', [{ field: `lines.${i}.description`, message: 'description and unitPrice are required without a product' }]);
export const overpayment = (outstanding: string) =>
  new RuleViolationError('overpayment', `The payment exceeds the outstanding amount (${outstanding})`, [{ field: 'amount', message: `At most ${outstanding}` }]);
export const invoiceClosed = () => new RuleViolationError('invoice_closed', 'The invoice is paid or cancelled');
export const invoiceTargetRequired = () =>
  new RuleViolationError('invoice_target_required', 'Give the deal or the contract being invoiced', [{ field: 'dealId', message: 'dealId or contractId is required' }]);
export const dueBeforeIssue = () =>
  new RuleViolationError('due_before_issue', 'The due date is before the issue date', [{ field: 'dueDate', message: 'Must not be before issueDate' }]);
export const contractNotDraft = () => new RuleViolationError('contract_not_draft', 'Only a draft contract can be signed or changed');
export const proposalTransition = (from: string, to: string) =>
  new RuleViolationError('proposal_transition', `A ${from} proposal cannot become ${to}`);
export const proposalNotDraft = () => new RuleViolationError('proposal_not_draft', 'Only a draft proposal can be edited');
export const managerNotAllowed = () =>
  new DomainError(422, 'manager_not_allowed', 'The responsible manager must be an active sales manager or head', [{ field: 'managerId', message: 'Not an active sales manager' }]);
/** A deal with lines is priced by them: a typed amount that differs is refused, not silently dropped. */
export const amountFromLines = (total: string) =>
  new RuleViolationError('amount_from_lines', `A deal with lines costs their total (${total}); change the lines instead`, [
    { field: 'amount', message: `The lines total ${total}` },
  ]);
