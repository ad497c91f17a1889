import type { Schemas } from '@polar/api-client';
import type { TimelineEventDto } from '@/api/types';
import { t } from '@/i18n';
import { EMPTY, formatDate, formatDateTime, formatMoney, formatPhone } from '@/utils/format';
import { changeRows, fieldLabel, type ChangeRow, type TimelineLookups } from '@/features/clients/lib/timeline';

/**
 * How a client's history is shown. The server stores a kind and a typed payload per
 * entry (no sentences); here each kind becomes a title and a few detail lines in the
 * reader's language, with money as `1 234 567,89 ₽` from the exact decimal string.
 */

export type TimelineKind = TimelineEventDto['kind'];

/** The payload type of each kind, from the generated API schema. */
interface Payloads {
  note: Schemas['TimelineNotePayload'];
  client_created: Schemas['TimelineClientCreatedPayload'];
  client_updated: Schemas['TimelineClientUpdatedPayload'];
  client_archived: Schemas['TimelineClientArchivedPayload'];
  client_restored: Schemas['TimelineClientRestoredPayload'];
  reassigned: Schemas['TimelineReassignedPayload'];
  contact_added: Schemas['TimelineContactAddedPayload'];
  contact_updated: Schemas['TimelineContactUpdatedPayload'];
  contact_removed: Schemas['TimelineContactRemovedPayload'];
  dossier_updated: Schemas['TimelineDossierUpdatedPayload'];
  deal_created: Schemas['TimelineDealCreatedPayload'];
  deal_stage_changed: Schemas['TimelineDealStageChangedPayload'];
  deal_won: Schemas['TimelineDealWonPayload'];
  deal_lost: Schemas['TimelineDealLostPayload'];
  deal_reopened: Schemas['TimelineDealReopenedPayload'];
  proposal_created: Schemas['TimelineProposalCreatedPayload'];
  proposal_sent: Schemas['TimelineProposalSentPayload'];
  proposal_accepted: Schemas['TimelineProposalAcceptedPayload'];
  proposal_rejected: Schemas['TimelineProposalRejectedPayload'];
  contract_signed: Schemas['TimelineContractSignedPayload'];
  invoice_issued: Schemas['TimelineInvoiceIssuedPayload'];
  invoice_cancelled: Schemas['TimelineInvoiceCancelledPayload'];
  payment_received: Schemas['TimelinePaymentReceivedPayload'];
  installation_created: Schemas['TimelineInstallationCreatedPayload'];
  installation_done: Schemas['TimelineInstallationDonePayload'];
  service_visit_done: Schemas['TimelineServiceVisitDonePayload'];
  complaint_received: Schemas['TimelineComplaintReceivedPayload'];
  complaint_closed: Schemas['TimelineComplaintClosedPayload'];
  task_planned: Schemas['TimelineTaskPlannedPayload'];
  task_rescheduled: Schemas['TimelineTaskRescheduledPayload'];
  task_done: Schemas['TimelineTaskDonePayload'];
  task_cancelled: Schemas['TimelineTaskCancelledPayload'];
  lead_received: Schemas['TimelineLeadReceivedPayload'];
  call: Schemas['TimelineCallPayload'];
  email_received: Schemas['TimelineEmailReceivedPayload'];
}

export type EventTone = 'note' | 'create' | 'update' | 'archive' | 'contact' | 'dossier' | 'reassign' | 'deal' | 'document' | 'money' | 'task' | 'lead' | 'call' | 'email' | 'other';

export interface EventDetail {
  label: string;
  value: string;
}

export interface EventView {
  title: string;
  tone: EventTone;
  /** The note's text. */
  text: string | null;
  /** Field changes (client, contact). */
  changes: ChangeRow[];
  /** Names of the changed dossier sections (their texts are long). */
  changedSections: string[];
  /** Why a client was reassigned. */
  reason: string | null;
  /** Further lines: a call's result, a deal's loss reason, a due date… */
  details: EventDetail[];
  /** A link to open (a call's recording). */
  link: { label: string; href: string } | null;
}

/**
 * Old rows (converted by a migration) may miss a field whose record was gone:
 * every value is read defensively and shown as «—» when absent.
 */
function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function orEmpty(value: unknown): string {
  return str(value) || EMPTY;
}

function money(value: unknown): string {
  return typeof value === 'string' ? formatMoney(value) : EMPTY;
}

/** Talk time as «2 мин 14 с» / «2 min 14 s». */
function duration(value: unknown): string {
  const total = typeof value === 'number' && value > 0 ? Math.round(value) : 0;
  const min = Math.floor(total / 60);
  const sec = total % 60;
  return min ? t('clients.timeline.duration.minSec', { min, sec }) : t('clients.timeline.duration.sec', { sec });
}

function day(value: unknown): string {
  return typeof value === 'string' && value ? formatDate(value) : EMPTY;
}

const TASK_TYPES = ['call', 'meeting', 'email', 'visit', 'other'] as const;

function taskType(value: unknown): (typeof TASK_TYPES)[number] {
  return TASK_TYPES.find((type) => type === value) ?? 'other';
}

const k = (key: string, params: Record<string, unknown> = {}) => t(`clients.timeline.kinds.${key}`, params);
const label = (key: string) => t(`clients.timeline.details.${key}`);

function detail(key: string, value: unknown): EventDetail[] {
  const text = str(value).trim();
  return text ? [{ label: label(key), value: text }] : [];
}

type Describe<K extends TimelineKind> = (p: Partial<Payloads[K]>, lookups: TimelineLookups) => Partial<EventView> & { title: string; tone: EventTone };

const DESCRIBE: { [K in TimelineKind]: Describe<K> } = {
  note: (p) => ({ title: k('note'), tone: 'note', text: str(p.text) }),
  client_created: (p) => ({ title: k(p.source === 'import' ? 'client_imported' : 'client_created'), tone: 'create' }),
  client_updated: (p, lookups) => ({ title: k('client_updated'), tone: 'update', changes: changeRows(p.changes, lookups, 'client') }),
  client_archived: () => ({ title: k('client_archived'), tone: 'archive' }),
  client_restored: () => ({ title: k('client_restored'), tone: 'archive' }),
  reassigned: (p) => ({
    title: k('reassigned', { from: orEmpty(p.fromManagerName), to: orEmpty(p.toManagerName) }),
    tone: 'reassign',
    reason: str(p.reason) || null,
  }),
  contact_added: (p) => ({ title: k('contact_added', { name: orEmpty(p.fullName) }), tone: 'contact' }),
  contact_updated: (p, lookups) => ({ title: k('contact_updated', { name: orEmpty(p.fullName) }), tone: 'contact', changes: changeRows(p.changes, lookups, 'contact') }),
  contact_removed: (p) => ({ title: k('contact_removed', { name: orEmpty(p.fullName) }), tone: 'contact' }),
  dossier_updated: (p) => ({
    title: k('dossier_updated'),
    tone: 'dossier',
    changedSections: p.changes && typeof p.changes === 'object' ? Object.keys(p.changes).map((f) => fieldLabel(f, 'dossier')) : [],
  }),
  deal_created: (p) => ({ title: k('deal_created', { title: orEmpty(p.title), amount: money(p.amount) }), tone: 'deal', details: detail('stage', p.stageName) }),
  deal_stage_changed: (p) => ({
    title: k('deal_stage_changed', { title: orEmpty(p.title), from: orEmpty(p.fromStageName), to: orEmpty(p.toStageName) }),
    tone: 'deal',
    details: detail('comment', p.comment),
  }),
  deal_won: (p) => ({ title: k('deal_won', { title: orEmpty(p.title), amount: money(p.amount) }), tone: 'deal' }),
  deal_lost: (p) => ({ title: k('deal_lost', { title: orEmpty(p.title) }), tone: 'deal', details: [...detail('lossReason', p.lossReasonName), ...detail('comment', p.comment)] }),
  deal_reopened: (p) => ({ title: k('deal_reopened', { title: orEmpty(p.title), to: orEmpty(p.toStageName) }), tone: 'deal', details: detail('comment', p.comment) }),
  proposal_created: (p) => ({ title: k('proposal_created', { number: orEmpty(p.number), amount: money(p.total) }), tone: 'document' }),
  proposal_sent: (p) => ({ title: k('proposal_sent', { number: orEmpty(p.number), amount: money(p.total) }), tone: 'document' }),
  proposal_accepted: (p) => ({ title: k('proposal_accepted', { number: orEmpty(p.number), amount: money(p.total) }), tone: 'document' }),
  proposal_rejected: (p) => ({ title: k('proposal_rejected', { number: orEmpty(p.number) }), tone: 'document' }),
  contract_signed: (p) => ({
    title: k('contract_signed', { number: orEmpty(p.number), amount: money(p.amount) }),
    tone: 'document',
    details: p.installationDeadline ? [{ label: label('installationDeadline'), value: day(p.installationDeadline) }] : [],
  }),
  invoice_issued: (p) => ({ title: k('invoice_issued', { number: orEmpty(p.number), amount: money(p.amount), due: day(p.dueDate) }), tone: 'money' }),
  invoice_cancelled: (p) => ({ title: k('invoice_cancelled', { number: orEmpty(p.number), amount: money(p.amount) }), tone: 'money' }),
  payment_received: (p) => ({
    title: k(p.fullyPaid ? 'invoice_paid' : 'payment_received', { number: orEmpty(p.number), amount: money(p.amount) }),
    tone: 'money',
  }),
  installation_created: (p) => ({
    title: k('installation_created', { title: orEmpty(p.dealTitle), contract: orEmpty(p.contractNumber) }),
    tone: 'document',
    details: p.deadline ? [{ label: label('installationDeadline'), value: day(p.deadline) }] : [],
  }),
  installation_done: (p) => ({
    title: k(p.late ? 'installation_done_late' : 'installation_done', { units: String(p.units ?? 0) }),
    tone: 'document',
    details: [
      { label: label('finishedOn'), value: day(p.finishedOn) },
      ...(p.deadline ? [{ label: label('installationDeadline'), value: day(p.deadline) }] : []),
      ...(p.late && p.slipCode ? [{ label: label('slipReason'), value: [t(`service.slip.${p.slipCode}`), p.slipReason].filter(Boolean).join(': ') }] : []),
    ],
  }),
  service_visit_done: (p) => ({
    title: k('service_visit_done', { unit: orEmpty(p.unitLabel) }),
    text: p.workDone ?? null,
    tone: 'task',
    details: p.signatoryName ? [{ label: label('signatory'), value: p.signatoryName }] : [],
  }),
  complaint_received: (p) => ({
    title: k('complaint_received', { number: str(p.number), subject: p.subjectKind ? t(`quality.subject.${p.subjectKind}`) : EMPTY }),
    tone: 'other',
    details: [
      ...(p.channel ? [{ label: label('channel'), value: t(`quality.channel.${p.channel}`) }] : []),
      ...(p.deadlineAt ? [{ label: label('due'), value: formatDateTime(p.deadlineAt) }] : []),
    ],
  }),
  complaint_closed: (p) => ({
    title: k(p.outcome === 'rejected' ? 'complaint_rejected' : p.breached ? 'complaint_closed_late' : 'complaint_closed', { number: str(p.number) }),
    tone: 'other',
    details: p.decision ? [{ label: label('decision'), value: t(`quality.decision.${p.decision}`) }] : [],
  }),
  task_planned: (p) => ({
    title: k(`task_planned.${taskType(p.type)}`, { subject: orEmpty(p.subject) }),
    tone: 'task',
    details: p.dueAt ? [{ label: label('due'), value: formatDateTime(p.dueAt) }] : [],
  }),
  task_rescheduled: (p) => ({
    title: k('task_rescheduled', { subject: orEmpty(p.subject) }),
    tone: 'task',
    details: [{ label: label('due'), value: `${p.fromDueAt ? formatDateTime(p.fromDueAt) : EMPTY} → ${p.toDueAt ? formatDateTime(p.toDueAt) : EMPTY}` }],
  }),
  task_done: (p) => ({ title: k(`task_done.${taskType(p.type)}`, { subject: orEmpty(p.subject) }), tone: 'task', details: detail('result', p.result) }),
  task_cancelled: (p) => ({ title: k('task_cancelled', { subject: orEmpty(p.subject) }), tone: 'task', details: detail('reason', p.reason) }),
  lead_received: (p) => ({
    title: k(p.source === 'call' ? 'lead_received.call' : 'lead_received.website', { name: orEmpty(p.contactName) }),
    tone: 'lead',
    text: p.message ?? null,
    details: [...detail('phone', p.phone ? formatPhone(p.phone) : ''), ...detail('email', p.email)],
  }),
  call: (p) => ({
    title: k(`call.${p.direction === 'outgoing' ? 'outgoing' : 'incoming'}${p.missed ? '_missed' : ''}`, { duration: duration(p.durationSeconds) }),
    tone: 'call',
    details: detail('phone', p.phone ? formatPhone(p.phone) : ''),
    link: typeof p.recordingUrl === 'string' && /^https?:\/\//i.test(p.recordingUrl) ? { label: label('recording'), href: p.recordingUrl } : null,
  }),
  email_received: (p) => ({
    title: k('email_received', { subject: orEmpty(p.subject) }),
    tone: 'email',
    text: p.excerpt ?? null,
    details: detail('from', p.fromName ? `${p.fromName} <${str(p.fromAddress)}>` : p.fromAddress),
  }),
};

/** Everything the history list shows for one entry. */
export function describeEvent(event: TimelineEventDto, lookups: TimelineLookups): EventView {
  const view: EventView = { title: '', tone: 'other', text: null, changes: [], changedSections: [], reason: null, details: [], link: null };
  const describe = DESCRIBE[event.kind] as Describe<TimelineKind> | undefined;
  // A kind newer than this client (the API shipped first): say that something happened.
  if (!describe) return { ...view, title: k('unknown') };
  const payload = (event.payload && typeof event.payload === 'object' ? event.payload : {}) as Partial<Payloads[TimelineKind]>;
  return { ...view, ...describe(payload, lookups) };
}
