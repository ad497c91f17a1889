/** Amounts are decimal strings ('1234567.89'), never floats. Days are 'YYYY-MM-DD'. */

interface DealRef {
  dealId: string;
  clientId: string;
  title: string;
  /** The deal's amount after the change. */
  amount: string;
}

interface StageRef {
  stageId: string;
  stageName: string;
}

/** Events of the sales funnel (module `funnel`). */
export interface FunnelEvents {
  'deal.created': DealRef & { managerId: string; stage: StageRef };
  /** Title, amount, lines, dates… changed (no stage change). */
  'deal.updated': DealRef;
  /** Moved between open stages. */
  'deal.moved': DealRef & { from: StageRef; to: StageRef; comment: string | null };
  'deal.won': DealRef & { from: StageRef; to: StageRef; managerId: string };
  /** `competitorId`: who the client went to, if named (analytics links the deal to them). */
  'deal.lost': DealRef & { from: StageRef; to: StageRef; lossReasonId: string; lossReasonName: string | null; comment: string | null; competitorId: string | null };
  /** A won or lost deal brought back to an open stage. */
  'deal.reopened': DealRef & { from: StageRef; to: StageRef; comment: string | null };
  /**
   * The deal entered the hand-over stage with a signed contract: the service
   * department must get an installation job in the same transaction.
   */
  'deal.handed_over': { dealId: string; clientId: string; title: string; contractId: string; contractNumber: string; installationDeadline: string | null };
  'proposal.created': { proposalId: string; dealId: string; clientId: string; number: string; total: string };
  'proposal.updated': { proposalId: string; dealId: string; clientId: string; number: string; total: string };
  'proposal.sent': { proposalId: string; dealId: string; clientId: string; number: string; total: string };
  'proposal.accepted': { proposalId: string; dealId: string; clientId: string; number: string; total: string };
  'proposal.rejected': { proposalId: string; dealId: string; clientId: string; number: string; total: string };
  'contract.created': { contractId: string; dealId: string; clientId: string; number: string; amount: string };
  'contract.updated': { contractId: string; dealId: string; clientId: string; number: string; amount: string; installationDeadline: string | null };
  'contract.signed': { contractId: string; dealId: string; clientId: string; number: string; amount: string; signedOn: string; installationDeadline: string | null };
  'invoice.issued': { invoiceId: string; dealId: string; clientId: string; number: string; amount: string; issueDate: string; dueDate: string };
  'invoice.cancelled': { invoiceId: string; clientId: string; number: string; amount: string };
  /** The invoice's status changed to paid (its last payment covered it). */
  'invoice.paid': { invoiceId: string; clientId: string; number: string; amount: string };
  'payment.received': {
    paymentId: string;
    invoiceId: string;
    clientId: string;
    number: string;
    amount: string;
    paidOn: string;
    /** Paid in total after this payment. */
    paidAmount: string;
    invoiceAmount: string;
    fullyPaid: boolean;
  };
}
