import { ApiProperty } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { TIMELINE_KINDS, type TimelineKind } from '../timeline-kinds';

/**
 * OpenAPI schemas of the timeline payloads, one per kind, mirroring TimelinePayloads
 * (timeline-kinds.ts). They are generated from this table so the contract and the
 * type stay side by side; a kind without a schema fails to compile.
 */
const text: SchemaObject = { type: 'string' };
const nullableText: SchemaObject = { type: 'string', nullable: true };
const id: SchemaObject = { type: 'string', format: 'uuid' };
const money: SchemaObject = { type: 'string', example: '1234567.89', description: 'Decimal string, 2 places' };
const day: SchemaObject = { type: 'string', format: 'date' };
const nullableDay: SchemaObject = { type: 'string', format: 'date', nullable: true };
const instant: SchemaObject = { type: 'string', format: 'date-time' };
const taskType: SchemaObject = { type: 'string', enum: ['call', 'meeting', 'email', 'visit', 'other'] };
const changes: SchemaObject = {
  type: 'object',
  description: 'old → new per changed field',
  additionalProperties: { type: 'object', properties: { from: {}, to: {} } },
};

type Props = Record<string, SchemaObject & { optional?: boolean }>;
const deal = { dealId: id, title: text, amount: money };
const moved = { ...deal, fromStageName: text, toStageName: text, comment: nullableText };
const proposal = { dealId: id, number: text, total: money };

const PAYLOADS: Record<TimelineKind, Props> = {
  note: { text },
  client_created: { name: text, source: { type: 'string', enum: ['import'], optional: true } },
  client_updated: { changes },
  client_archived: {},
  client_restored: {},
  reassigned: { fromManagerId: id, fromManagerName: text, toManagerId: id, toManagerName: text, reason: text },
  contact_added: { fullName: text, position: nullableText },
  contact_updated: { fullName: text, changes },
  contact_removed: { fullName: text },
  dossier_updated: { changes },
  deal_created: { ...deal, stageName: text },
  deal_stage_changed: moved,
  deal_won: moved,
  deal_lost: { ...moved, lossReasonName: nullableText },
  deal_reopened: moved,
  proposal_created: proposal,
  proposal_sent: proposal,
  proposal_accepted: proposal,
  proposal_rejected: proposal,
  contract_signed: { dealId: id, number: text, amount: money, signedOn: day, installationDeadline: nullableDay },
  invoice_issued: { dealId: id, number: text, amount: money, dueDate: day },
  invoice_cancelled: { number: text, amount: money },
  payment_received: { number: text, amount: money, paidAmount: money, invoiceAmount: money, fullyPaid: { type: 'boolean' } },
  installation_created: { dealId: id, dealTitle: text, contractId: id, contractNumber: text, deadline: nullableDay },
  installation_done: { installationId: id, finishedOn: day, deadline: nullableDay, late: { type: 'boolean' }, slipCode: nullableText, slipReason: nullableText, units: { type: 'integer' } },
  service_visit_done: { visitId: id, doneOn: day, workDone: text, unitLabel: nullableText, signatoryName: nullableText },
  complaint_received: { complaintId: id, number: { type: 'integer' }, subjectKind: { type: 'string', enum: ['employee', 'equipment', 'deal', 'other'] }, channel: text, deadlineAt: instant },
  complaint_closed: {
    complaintId: id,
    number: { type: 'integer' },
    outcome: { type: 'string', enum: ['closed', 'rejected'] },
    decision: { type: 'string', enum: ['upheld', 'partial', 'explained', 'unfounded'], nullable: true },
    breached: { type: 'boolean' },
  },
  task_planned: { taskId: id, type: taskType, subject: text, dueAt: instant, assigneeId: id, source: text },
  task_rescheduled: { taskId: id, type: taskType, subject: text, fromDueAt: instant, toDueAt: instant },
  task_done: { taskId: id, type: taskType, subject: text, result: nullableText },
  task_cancelled: { taskId: id, type: taskType, subject: text, reason: nullableText },
  lead_received: {
    dealId: id,
    source: { type: 'string', enum: ['website', 'call'] },
    matched: { type: 'boolean', description: 'The lead matched a client already in the base' },
    contactName: nullableText,
    phone: nullableText,
    email: nullableText,
    message: nullableText,
  },
  call: {
    callId: id,
    direction: { type: 'string', enum: ['incoming', 'outgoing'] },
    missed: { type: 'boolean' },
    phone: { type: 'string', example: '+74951234567' },
    durationSeconds: { type: 'integer' },
    recordingUrl: nullableText,
    startedAt: instant,
  },
  email_received: { emailId: id, fromAddress: text, fromName: nullableText, subject: text, excerpt: { type: 'string', description: 'The first 500 characters of the text' } },
};

const pascal = (kind: string) => kind.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());

function payloadClass(kind: TimelineKind): new () => object {
  const cls = { [`Timeline${pascal(kind)}Payload`]: class {} }[`Timeline${pascal(kind)}Payload`];
  for (const [name, { optional, ...schema }] of Object.entries(PAYLOADS[kind])) {
    ApiProperty({ ...schema, required: !optional } as Parameters<typeof ApiProperty>[0])(cls.prototype, name);
  }
  return cls;
}

/** The payload schema class of every kind, in TIMELINE_KINDS order. */
export const TIMELINE_PAYLOAD_CLASSES: ReadonlyArray<{ kind: TimelineKind; cls: new () => object }> = TIMELINE_KINDS.map((kind) => ({ kind, cls: payloadClass(kind) }));
