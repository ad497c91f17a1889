import type { Changes, TaskType } from '../../common/events';

/**
 * The kinds of client history and the data each carries. The server stores only
 * this (kind + payload); the web client turns it into words in the reader's language.
 * Amounts are decimal strings, days 'YYYY-MM-DD', instants ISO strings.
 * Rows written before 2026-11 were converted by migration 1764100000000.
 */
export interface TimelinePayloads {
  note: { text: string };
  client_created: { name: string; source?: 'import' };
  client_updated: { changes: Changes };
  client_archived: Record<string, never>;
  client_restored: Record<string, never>;
  reassigned: { fromManagerId: string; fromManagerName: string; toManagerId: string; toManagerName: string; reason: string };
  contact_added: { fullName: string; position: string | null };
  contact_updated: { fullName: string; changes: Changes };
  contact_removed: { fullName: string };
  dossier_updated: { changes: Changes };
  deal_created: { dealId: string; title: string; amount: string; stageName: string };
  deal_stage_changed: { dealId: string; title: string; amount: string; fromStageName: string; toStageName: string; comment: string | null };
  deal_won: { dealId: string; title: string; amount: string; fromStageName: string; toStageName: string; comment: string | null };
  deal_lost: { dealId: string; title: string; amount: string; fromStageName: string; toStageName: string; lossReasonName: string | null; comment: string | null };
  deal_reopened: { dealId: string; title: string; amount: string; fromStageName: string; toStageName: string; comment: string | null };
  proposal_created: { dealId: string; number: string; total: string };
  proposal_sent: { dealId: string; number: string; total: string };
  proposal_accepted: { dealId: string; number: string; total: string };
  proposal_rejected: { dealId: string; number: string; total: string };
  contract_signed: { dealId: string; number: string; amount: string; signedOn: string; installationDeadline: string | null };
  invoice_issued: { dealId: string; number: string; amount: string; dueDate: string };
  invoice_cancelled: { number: string; amount: string };
  payment_received: { number: string; amount: string; paidAmount: string; invoiceAmount: string; fullyPaid: boolean };
  installation_created: { dealId: string; dealTitle: string; contractId: string; contractNumber: string; deadline: string | null };
  installation_done: { installationId: string; finishedOn: string; deadline: string | null; late: boolean; slipCode: string | null; slipReason: string | null; units: number };
  service_visit_done: { visitId: string; doneOn: string; workDone: string; unitLabel: string | null; signatoryName: string | null };
  complaint_received: { complaintId: string; number: number; subjectKind: string; channel: string; deadlineAt: string };
  complaint_closed: { complaintId: string; number: number; outcome: 'closed' | 'rejected'; decision: string | null; breached: boolean };
  task_planned: { taskId: string; type: TaskType; subject: string; dueAt: string; assigneeId: string; source: string };
  task_rescheduled: { taskId: string; type: TaskType; subject: string; fromDueAt: string; toDueAt: string };
  task_done: { taskId: string; type: TaskType; subject: string; result: string | null };
  task_cancelled: { taskId: string; type: TaskType; subject: string; reason: string | null };
  lead_received: { dealId: string; source: 'website' | 'call'; matched: boolean; contactName: string | null; phone: string | null; email: string | null; message: string | null };
  call: { callId: string; direction: 'incoming' | 'outgoing'; missed: boolean; phone: string; durationSeconds: number; recordingUrl: string | null; startedAt: string };
  email_received: { emailId: string; fromAddress: string; fromName: string | null; subject: string; excerpt: string };
}

export type TimelineKind = keyof TimelinePayloads;

export const TIMELINE_KINDS = [
  'note',
  'client_created',
  'client_updated',
  'client_archived',
  'client_restored',
  'reassigned',
  'contact_added',
  'contact_updated',
  'contact_removed',
  'dossier_updated',
  'deal_created',
  'deal_stage_changed',
  'deal_won',
  'deal_lost',
  'deal_reopened',
  'proposal_created',
  'proposal_sent',
  'proposal_accepted',
  'proposal_rejected',
  'contract_signed',
  'invoice_issued',
  'invoice_cancelled',
  'payment_received',
  'installation_created',
  'installation_done',
  'service_visit_done',
  'complaint_received',
  'complaint_closed',
  'task_planned',
  'task_rescheduled',
  'task_done',
  'task_cancelled',
  'lead_received',
  'call',
  'email_received',
] as const satisfies readonly TimelineKind[];

/** One history entry to write: a kind and its payload, about a record of the client. */
export type NewTimelineEntry = {
  [K in TimelineKind]: {
    clientId: string;
    kind: K;
    payload: TimelinePayloads[K];
    /** The record the entry is about (a contact, a deal, an invoice…), if any. */
    subjectType?: string | null;
    subjectId?: string | null;
    /** Defaults to the signed-in user of the request; null for system entries. */
    actorId?: string | null;
  };
}[TimelineKind];
