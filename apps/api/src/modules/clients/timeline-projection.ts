import { Injectable } from '@nestjs/common';
import { type DomainEvent, type DomainEventType, EventBus } from '../../common/events';
import type { NewTimelineEntry } from './timeline-kinds';
import { TimelineService } from './timeline.service';

type Projection = { [T in DomainEventType]?: (event: DomainEvent<T>) => NewTimelineEntry[] };

const deal = (dealId: string) => ({ subjectType: 'deal', subjectId: dealId });
const stages = (p: { from: { stageName: string }; to: { stageName: string } }) => ({ fromStageName: p.from.stageName, toStageName: p.to.stageName });

/**
 * Which domain events appear in a client's history, and as what. Events not listed
 * (deal.updated, proposal.updated, invoice.paid…) are audit-only. This table imports
 * only the event catalogue, so the clients module stays at the bottom.
 */
const PROJECTION: Projection = {
  'client.created': ({ payload: p }) => [{ clientId: p.clientId, kind: 'client_created', payload: { name: p.name } }],
  'clients.imported': ({ payload: p }) => p.clients.map((c) => ({ clientId: c.clientId, kind: 'client_created', payload: { name: c.name, source: 'import' } })),
  'client.updated': ({ payload: p }) => [{ clientId: p.clientId, kind: 'client_updated', payload: { changes: p.changes } }],
  'client.archived': ({ payload: p }) => [{ clientId: p.clientId, kind: 'client_archived', payload: {} }],
  'client.restored': ({ payload: p }) => [{ clientId: p.clientId, kind: 'client_restored', payload: {} }],
  'clients.reassigned': ({ payload: p }) =>
    p.moves.map((m) => ({
      clientId: m.clientId,
      kind: 'reassigned',
      payload: { fromManagerId: m.fromManagerId, fromManagerName: m.fromManagerName, toManagerId: p.toManagerId, toManagerName: p.toManagerName, reason: p.reason },
    })),
  'contact.created': ({ payload: p }) => [
    { clientId: p.clientId, kind: 'contact_added', subjectType: 'contact', subjectId: p.contactId, payload: { fullName: p.fullName, position: p.position } },
  ],
  'contact.updated': ({ payload: p }) => [
    { clientId: p.clientId, kind: 'contact_updated', subjectType: 'contact', subjectId: p.contactId, payload: { fullName: p.fullName, changes: p.changes } },
  ],
  'contact.removed': ({ payload: p }) => [{ clientId: p.clientId, kind: 'contact_removed', subjectType: 'contact', subjectId: p.contactId, payload: { fullName: p.fullName } }],
  'dossier.updated': ({ payload: p }) => [{ clientId: p.clientId, kind: 'dossier_updated', payload: { changes: p.changes } }],
  'deal.created': ({ payload: p }) => [
    { clientId: p.clientId, kind: 'deal_created', ...deal(p.dealId), payload: { dealId: p.dealId, title: p.title, amount: p.amount, stageName: p.stage.stageName } },
  ],
  'deal.moved': ({ payload: p }) => [
    { clientId: p.clientId, kind: 'deal_stage_changed', ...deal(p.dealId), payload: { dealId: p.dealId, title: p.title, amount: p.amount, ...stages(p), comment: p.comment } },
  ],
  'deal.won': ({ payload: p }) => [
    { clientId: p.clientId, kind: 'deal_won', ...deal(p.dealId), payload: { dealId: p.dealId, title: p.title, amount: p.amount, ...stages(p), comment: null } },
  ],
  'deal.lost': ({ payload: p }) => [
    {
      clientId: p.clientId,
      kind: 'deal_lost',
      ...deal(p.dealId),
      payload: { dealId: p.dealId, title: p.title, amount: p.amount, ...stages(p), lossReasonName: p.lossReasonName, comment: p.comment },
    },
  ],
  'deal.reopened': ({ payload: p }) => [
    { clientId: p.clientId, kind: 'deal_reopened', ...deal(p.dealId), payload: { dealId: p.dealId, title: p.title, amount: p.amount, ...stages(p), comment: p.comment } },
  ],
  'proposal.created': ({ payload: p }) => [proposal('proposal_created', p)],
  'proposal.sent': ({ payload: p }) => [proposal('proposal_sent', p)],
  'proposal.accepted': ({ payload: p }) => [proposal('proposal_accepted', p)],
  'proposal.rejected': ({ payload: p }) => [proposal('proposal_rejected', p)],
  'contract.signed': ({ payload: p }) => [
    {
      clientId: p.clientId,
      kind: 'contract_signed',
      subjectType: 'contract',
      subjectId: p.contractId,
      payload: { dealId: p.dealId, number: p.number, amount: p.amount, signedOn: p.signedOn, installationDeadline: p.installationDeadline },
    },
  ],
  'invoice.issued': ({ payload: p }) => [
    { clientId: p.clientId, kind: 'invoice_issued', subjectType: 'invoice', subjectId: p.invoiceId, payload: { dealId: p.dealId, number: p.number, amount: p.amount, dueDate: p.dueDate } },
  ],
  'invoice.cancelled': ({ payload: p }) => [
    { clientId: p.clientId, kind: 'invoice_cancelled', subjectType: 'invoice', subjectId: p.invoiceId, payload: { number: p.number, amount: p.amount } },
  ],
  'payment.received': ({ payload: p }) => [
    {
      clientId: p.clientId,
      kind: 'payment_received',
      subjectType: 'invoice',
      subjectId: p.invoiceId,
      payload: { number: p.number, amount: p.amount, paidAmount: p.paidAmount, invoiceAmount: p.invoiceAmount, fullyPaid: p.fullyPaid },
    },
  ],
  'installation.created': ({ payload: p }) => [
    {
      clientId: p.clientId,
      kind: 'installation_created',
      subjectType: 'installation',
      subjectId: p.installationId,
      payload: { dealId: p.dealId, dealTitle: p.dealTitle, contractId: p.contractId, contractNumber: p.contractNumber, deadline: p.deadline },
    },
  ],
  'installation.done': ({ payload: p }) => [
    {
      clientId: p.clientId,
      kind: 'installation_done',
      subjectType: 'installation',
      subjectId: p.installationId,
      payload: { installationId: p.installationId, finishedOn: p.finishedOn, deadline: p.deadline, late: p.late, slipCode: p.slipCode, slipReason: p.slipReason, units: p.units.length },
    },
  ],
  'service_visit.done': ({ payload: p }) => [
    {
      clientId: p.clientId,
      kind: 'service_visit_done',
      subjectType: 'service_visit',
      subjectId: p.visitId,
      payload: { visitId: p.visitId, doneOn: p.doneOn, workDone: p.workDone, unitLabel: p.unitLabel, signatoryName: p.signatoryName },
    },
  ],
  // A complaint enters the history when it is registered (a draft from a survey is not one
  // yet) and when it is finished, closed with its decision or rejected.
  'complaint.created': ({ payload: p }) => (p.status === 'draft' ? [] : [complaintReceived(p)]),
  'complaint.changed': ({ payload: p }) => {
    if (p.action === 'register') return [complaintReceived(p)];
    if (p.action !== 'close' && p.action !== 'reject') return [];
    return [
      {
        clientId: p.clientId,
        kind: 'complaint_closed',
        subjectType: 'complaint',
        subjectId: p.complaintId,
        payload: { complaintId: p.complaintId, number: p.number, outcome: p.action === 'close' ? 'closed' : 'rejected', decision: p.decision, breached: p.breached },
      },
    ];
  },
  'task.created': ({ payload: p }) =>
    p.clientId
      ? [
          {
            clientId: p.clientId,
            kind: 'task_planned',
            subjectType: 'task',
            subjectId: p.taskId,
            payload: { taskId: p.taskId, type: p.type, subject: p.subject, dueAt: p.dueAt, assigneeId: p.assigneeId, source: p.source },
          },
        ]
      : [],
  'tasks.generated': ({ payload: p }) =>
    p.tasks.flatMap((t) =>
      t.clientId
        ? [
            {
              clientId: t.clientId,
              kind: 'task_planned' as const,
              subjectType: 'task',
              subjectId: t.taskId,
              payload: { taskId: t.taskId, type: t.type, subject: t.subject, dueAt: t.dueAt, assigneeId: t.assigneeId, source: p.source },
            },
          ]
        : [],
    ),
  'task.rescheduled': ({ payload: p }) =>
    p.clientId
      ? [
          {
            clientId: p.clientId,
            kind: 'task_rescheduled',
            subjectType: 'task',
            subjectId: p.taskId,
            payload: { taskId: p.taskId, type: p.type, subject: p.subject, fromDueAt: p.fromDueAt, toDueAt: p.toDueAt },
          },
        ]
      : [],
  'task.done': ({ payload: p }) =>
    p.clientId
      ? [{ clientId: p.clientId, kind: 'task_done', subjectType: 'task', subjectId: p.taskId, payload: { taskId: p.taskId, type: p.type, subject: p.subject, result: p.result } }]
      : [],
  'task.cancelled': ({ payload: p }) =>
    p.clientId
      ? [
          {
            clientId: p.clientId,
            kind: 'task_cancelled',
            subjectType: 'task',
            subjectId: p.taskId,
            payload: { taskId: p.taskId, type: p.type, subject: p.subject, reason: p.reason },
          },
        ]
      : [],
  'lead.received': ({ payload: p }) => [
    {
      clientId: p.clientId,
      kind: 'lead_received',
      ...deal(p.dealId),
      payload: { dealId: p.dealId, source: p.source, matched: p.matched, contactName: p.contactName, phone: p.phone, email: p.email, message: p.message },
    },
  ],
  'call.recorded': ({ payload: p }) => [
    {
      clientId: p.clientId,
      kind: 'call',
      subjectType: 'call',
      subjectId: p.callId,
      payload: { callId: p.callId, direction: p.direction, missed: p.missed, phone: p.phone, durationSeconds: p.durationSeconds, recordingUrl: p.recordingUrl, startedAt: p.startedAt },
    },
  ],
  'email.received': ({ payload: p }) => [
    {
      clientId: p.clientId,
      kind: 'email_received',
      subjectType: 'email',
      subjectId: p.emailId,
      payload: { emailId: p.emailId, fromAddress: p.fromAddress, fromName: p.fromName, subject: p.subject, excerpt: p.excerpt },
    },
  ],
};

function complaintReceived(p: { complaintId: string; clientId: string; number: number; subjectKind: string; channel: string; deadlineAt: string }): NewTimelineEntry {
  return {
    clientId: p.clientId,
    kind: 'complaint_received',
    subjectType: 'complaint',
    subjectId: p.complaintId,
    payload: { complaintId: p.complaintId, number: p.number, subjectKind: p.subjectKind, channel: p.channel, deadlineAt: p.deadlineAt },
  };
}

function proposal(
  kind: 'proposal_created' | 'proposal_sent' | 'proposal_accepted' | 'proposal_rejected',
  p: { proposalId: string; dealId: string; clientId: string; number: string; total: string },
): NewTimelineEntry {
  return { clientId: p.clientId, kind, subjectType: 'proposal', subjectId: p.proposalId, payload: { dealId: p.dealId, number: p.number, total: p.total } };
}

/** The timeline as a subscriber: every projected event becomes history in its transaction. */
@Injectable()
export class TimelineProjection {
  constructor(
    private readonly bus: EventBus,
    private readonly timeline: TimelineService,
  ) {}

  register(): void {
    for (const type of Object.keys(PROJECTION) as DomainEventType[]) {
      const project = PROJECTION[type] as (event: DomainEvent) => NewTimelineEntry[];
      this.bus.subscribe(
        type,
        async (em, event) => {
          const entries = project(event).map((entry) => ({ ...entry, actorId: event.actorId }));
          await this.timeline.addMany(em, entries);
        },
        'clients.timeline',
      );
    }
  }
}
