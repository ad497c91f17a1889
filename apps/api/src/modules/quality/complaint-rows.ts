import { moscowDay } from '@polar/business-time';
import { type ComplaintStatus, hoursOf, workingDaysLeft } from './complaint-rules';
import type { ComplaintDto, ComplaintRequestDto } from './dto/complaint.dto';

/**
 * How complaints and their requests are read: the columns and joins of one complaint row,
 * the facts the access rules narrow on, and the mapping of rows to DTOs. Shared by the
 * complaint lifecycle, the department requests and the statistics.
 */
export type Row = Record<string, unknown>;

/** The columns of a complaint as the DTO needs them (k = complaints, c = clients). */
export const COMPLAINT_COLUMNS = `
  k.id, k.number, k.client_id, c.name AS client_name, k.contact_id, ct.full_name AS contact_name,
  k.subject_kind, k.subject_employee_id, se.full_name AS subject_employee_name, k.subject_equipment_id, k.subject_product_id, k.subject_equipment_label,
  k.subject_deal_id, k.subject_text, k.description, k.channel, k.received_at, k.deadline_days,
  k.deadline_day::text AS deadline_day, k.deadline_at, k.status, k.officer_id, o.full_name AS officer_name,
  k.answer, k.answered_at, k.callback_by, cb.full_name AS callback_by_name, k.callback_at, k.callback_outcome,
  k.decision, k.decision_note, k.rejection_reason, k.closed_at, k.working_minutes, k.calendar_minutes,
  k.breached_at, k.escalated_at, k.created_at, k.version`;
export const COMPLAINT_JOINS = `
  FROM complaints k
  JOIN clients c ON c.id = k.client_id
  LEFT JOIN client_contacts ct ON ct.id = k.contact_id
  LEFT JOIN users se ON se.id = k.subject_employee_id
  LEFT JOIN users o ON o.id = k.officer_id
  LEFT JOIN users cb ON cb.id = k.callback_by`;

/** The facts of a complaint the access rules read, as SQL over the query above. */
export const COMPLAINT_REACH_COLUMNS = {
  clientManager: 'c.manager_id',
  subjectKind: 'k.subject_kind',
  requestee: (list: string) => `EXISTS (SELECT 1 FROM complaint_requests rq WHERE rq.complaint_id = k.id AND rq.addressee_id IN ${list})`,
};

export const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());

export function mapComplaint(r: Row, now: Date, dealTitle: string | null): ComplaintDto {
  const deadlineAt = new Date(r.deadline_at as string);
  const finished = r.status === 'closed' || r.status === 'rejected';
  const breached = r.breached_at != null || (!finished && r.status !== 'draft' && now.getTime() > deadlineAt.getTime());
  return {
    id: r.id as string,
    number: r.number as number,
    clientId: r.client_id as string,
    clientName: r.client_name as string,
    contactId: (r.contact_id as string | null) ?? null,
    contactName: (r.contact_name as string | null) ?? null,
    subjectKind: r.subject_kind as ComplaintDto['subjectKind'],
    subjectEmployeeId: (r.subject_employee_id as string | null) ?? null,
    subjectEmployeeName: (r.subject_employee_name as string | null) ?? null,
    subjectEquipmentId: (r.subject_equipment_id as string | null) ?? null,
    subjectEquipmentLabel: (r.subject_equipment_label as string | null) ?? null,
    subjectEquipmentModelId: (r.subject_product_id as string | null) ?? null,
    subjectDealId: (r.subject_deal_id as string | null) ?? null,
    subjectDealTitle: dealTitle,
    subjectText: (r.subject_text as string | null) ?? null,
    description: r.description as string,
    channel: r.channel as ComplaintDto['channel'],
    receivedAt: iso(r.received_at)!,
    deadlineDays: r.deadline_days as number,
    deadlineDay: r.deadline_day as string,
    deadlineAt: deadlineAt.toISOString(),
    workingDaysLeft: workingDaysLeft(finished ? new Date(r.closed_at as string) : now, r.deadline_day as string, deadlineAt),
    status: r.status as ComplaintStatus,
    officerId: (r.officer_id as string | null) ?? null,
    officerName: (r.officer_name as string | null) ?? null,
    answer: (r.answer as string | null) ?? null,
    answeredAt: iso(r.answered_at),
    callbackBy: (r.callback_by as string | null) ?? null,
    callbackByName: (r.callback_by_name as string | null) ?? null,
    callbackAt: iso(r.callback_at),
    callbackOutcome: (r.callback_outcome as string | null) ?? null,
    decision: (r.decision as ComplaintDto['decision']) ?? null,
    decisionNote: (r.decision_note as string | null) ?? null,
    rejectionReason: (r.rejection_reason as string | null) ?? null,
    closedAt: iso(r.closed_at),
    workingHours: hoursOf(r.working_minutes as number | null),
    calendarHours: hoursOf(r.calendar_minutes as number | null),
    breached,
    escalatedAt: iso(r.escalated_at),
    createdAt: iso(r.created_at)!,
    version: r.version as number,
  };
}

export function mapRequest(r: Row, now: Date): ComplaintRequestDto {
  const deadlineAt = new Date(r.deadline_at as string);
  return {
    id: r.id as string,
    complaintId: r.complaint_id as string,
    department: r.department as ComplaintRequestDto['department'],
    addresseeId: r.addressee_id as string,
    addresseeName: r.addressee_name as string,
    question: r.question as string,
    deadlineDay: typeof r.deadline_day === 'string' ? r.deadline_day : moscowDay(deadlineAt),
    deadlineAt: deadlineAt.toISOString(),
    status: r.status as 'open' | 'answered',
    answer: (r.answer as string | null) ?? null,
    answeredAt: iso(r.answered_at),
    answeredByName: (r.answered_by_name as string | null) ?? null,
    taskId: (r.task_id as string | null) ?? null,
    breached: r.breached_at != null || (r.status === 'open' && now.getTime() > deadlineAt.getTime()),
    createdAt: iso(r.created_at)!,
    version: r.version as number,
  };
}
