import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { Clock } from '../../common/context/clock';
import { DomainError, RuleViolationError, StaleVersionError } from '../../common/errors/domain-error';
import { EventBus } from '../../common/events';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { refreshCalendarOverrides } from '../calendar/calendar-overrides';
import { FunnelPort } from '../funnel/funnel-port';
import { EquipmentService } from '../service/equipment.service';
import { complaintDeadline, type ComplaintStatus, mayMove, processingMinutes } from './complaint-rules';
import { COMPLAINT_COLUMNS, COMPLAINT_JOINS, COMPLAINT_REACH_COLUMNS, iso, mapComplaint, mapRequest, type Row } from './complaint-rows';
import type {
  AnswerComplaintDto,
  CallbackDto,
  CloseComplaintDto,
  ComplaintDetailDto,
  ComplaintDto,
  ComplaintListQueryDto,
  CreateComplaintDto,
  QualityNoticeDto,
  QualityPersonDto,
  RejectComplaintDto,
  UpdateComplaintDto,
} from './dto/complaint.dto';

/** An equipment unit as a complaint keeps it: the unit, its model, and how it read when the complaint arrived. */
export interface EquipmentSubject {
  id: string;
  productId: string;
  label: string;
}

/**
 * Complaints (SPEC §6): arrival with its deadline of N working days, the state machine
 * new → in progress → answered → closed (or rejected with a reason), the call back and the
 * decision closing requires, processing time in working and calendar hours. The requests
 * to departments are ComplaintRequestsService; the row mapping is complaint-rows.ts.
 */
@Injectable()
export class ComplaintsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly funnel: FunnelPort,
    private readonly equipment: EquipmentService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(query: ComplaintListQueryDto, user: AuthenticatedUser): Promise<Page<ComplaintDto>> {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (query.status) {
      where.push('k.status = :status');
      params.status = query.status;
    }
    if (query.state === 'open') where.push(`k.status IN ('draft', 'new', 'in_progress', 'answered')`);
    if (query.state === 'done') where.push(`k.status IN ('closed', 'rejected')`);
    if (query.clientId) {
      where.push('k.client_id = :clientId');
      params.clientId = query.clientId;
    }
    if (query.subjectKind) {
      where.push('k.subject_kind = :subjectKind');
      params.subjectKind = query.subjectKind;
    }
    if (query.equipmentUnitId) {
      where.push('k.subject_equipment_id = :equipmentUnitId');
      params.equipmentUnitId = query.equipmentUnitId;
    }
    const qb = this.dataSource.createQueryBuilder().from('complaints', 'k').innerJoin('clients', 'c', 'c.id = k.client_id').select('k.id', 'id');
    for (const w of where) qb.andWhere(w, params);
    this.access.narrow(qb, user, 'complaint', 'see', COMPLAINT_REACH_COLUMNS);
    // Not an entity query: count by hand (getCount needs entity metadata).
    const total = Number((await qb.clone().select('count(*)::int', 'n').getRawOne<{ n: number }>())?.n ?? 0);
    // Open ones first, nearest deadline first; finished ones after, latest first.
    const ids: Array<{ id: string }> = await qb
      .orderBy(`CASE WHEN k.status IN ('closed', 'rejected') THEN 1 ELSE 0 END`, 'ASC')
      .addOrderBy(`CASE WHEN k.status IN ('closed', 'rejected') THEN NULL ELSE k.deadline_at END`, 'ASC', 'NULLS LAST')
      .addOrderBy('k.received_at', 'DESC')
      .addOrderBy('k.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getRawMany();
    const rows = await this.rowsByIds(this.dataSource.manager, ids.map((r) => r.id));
    return pageOf(await this.mapMany(rows), total, query);
  }

  async get(id: string, user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    await this.access.require(user, 'complaint', id);
    return this.detail(this.dataSource.manager, id);
  }

  async create(input: CreateComplaintDto, user: AuthenticatedUser, options: { em?: EntityManager; status?: 'draft' | 'new'; channel?: 'survey'; surveyResponseId?: string } = {}): Promise<ComplaintDetailDto> {
    // Asked of the service module before the transaction: it reads on its own connection.
    const unit = input.subjectKind === 'equipment' ? await this.equipmentUnit(input.subjectEquipmentId!, input.clientId, user, 'subjectEquipmentId') : null;
    const work = async (em: EntityManager) => {
      await this.access.require(user, 'client', input.clientId, 'see', { em, field: 'clientId' });
      const receivedAt = input.receivedAt ? new Date(input.receivedAt) : this.clock.now();
      if (receivedAt.getTime() > this.clock.now().getTime() + 60_000) throw new RuleViolationError('received_in_future', 'A complaint cannot arrive in the future', [{ field: 'receivedAt', message: 'In the future' }]);
      await this.checkSubject(em, input);
      if (input.contactId) await this.checkContact(em, input.clientId, input.contactId);
      const officerId = input.officerId ?? (user.permissions.includes('quality.write') ? user.id : await this.defaultOfficer(em));
      if (input.officerId) await this.checkStaff(em, input.officerId, ['quality'], 'officerId');
      await refreshCalendarOverrides(em);
      const days = this.config.quality.complaintDeadlineDays;
      const deadline = complaintDeadline(receivedAt, days);
      const status = options.status ?? 'new';
      const [row]: Array<{ id: string; number: number }> = await em.query(
        `INSERT INTO complaints (client_id, contact_id, subject_kind, subject_employee_id, subject_equipment_id, subject_deal_id, subject_text,
                                 description, channel, received_at, deadline_days, deadline_day, deadline_at, status, officer_id, survey_response_id, created_by,
                                 subject_product_id, subject_equipment_label)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id, number`,
        [
          input.clientId,
          input.contactId ?? null,
          input.subjectKind,
          input.subjectKind === 'employee' ? input.subjectEmployeeId : null,
          input.subjectKind === 'equipment' ? input.subjectEquipmentId : null,
          input.subjectKind === 'deal' ? input.subjectDealId : null,
          input.subjectText ?? null,
          input.description,
          options.channel ?? input.channel,
          receivedAt,
          days,
          deadline.day,
          deadline.at,
          status,
          officerId,
          options.surveyResponseId ?? null,
          user.id,
          unit?.productId ?? null,
          unit?.label ?? null,
        ],
      );
      await this.events.publish(em, {
        type: 'complaint.created',
        payload: { complaintId: row.id, clientId: input.clientId, number: row.number, subjectKind: input.subjectKind, channel: options.channel ?? input.channel, deadlineAt: deadline.at.toISOString(), status },
        audit: { action: 'create', entityType: 'complaint', entityId: row.id, after: { ...input, status, deadlineDay: deadline.day } },
      });
      return row.id;
    };
    const id = options.em ? await work(options.em) : await this.dataSource.transaction(work);
    return this.detail(options.em ?? this.dataSource.manager, id);
  }

  /**
   * A complaint draft opened by a low survey rating, in the survey's transaction (also for
   * an anonymous public answer: no user). About the employee or equipment the answers were
   * about, else "other". The officer registers it (→ new) or rejects it.
   */
  async openDraftFromSurvey(
    em: EntityManager,
    d: { clientId: string; employeeId: string | null; equipment: EquipmentSubject | null; surveyTitle: string; description: string; receivedAt: Date; responseId: string; actorId: string | null },
  ): Promise<string> {
    await refreshCalendarOverrides(em);
    const days = this.config.quality.complaintDeadlineDays;
    const deadline = complaintDeadline(d.receivedAt, days);
    const kind = d.employeeId ? 'employee' : d.equipment ? 'equipment' : 'other';
    const [row]: Array<{ id: string; number: number }> = await em.query(
      `INSERT INTO complaints (client_id, subject_kind, subject_employee_id, subject_equipment_id, subject_text, description, channel, received_at,
                               deadline_days, deadline_day, deadline_at, status, officer_id, survey_response_id, created_by, subject_product_id, subject_equipment_label)
       VALUES ($1, $2, $3, $4, $5, $6, 'survey', $7, $8, $9, $10, 'draft', $11, $12, $13, $14, $15) RETURNING id, number`,
      [d.clientId, kind, d.employeeId, kind === 'equipment' ? d.equipment!.id : null, kind === 'other' ? `Опрос «${d.surveyTitle}»`.slice(0, 500) : null, d.description, d.receivedAt, days, deadline.day, deadline.at, await this.defaultOfficer(em), d.responseId, d.actorId, kind === 'equipment' ? d.equipment!.productId : null, kind === 'equipment' ? d.equipment!.label : null],
    );
    await this.events.publish(em, {
      type: 'complaint.created',
      actorId: d.actorId,
      payload: { complaintId: row.id, clientId: d.clientId, number: row.number, subjectKind: kind, channel: 'survey', deadlineAt: deadline.at.toISOString(), status: 'draft' },
      audit: { action: 'create', entityType: 'complaint', entityId: row.id, after: { status: 'draft', channel: 'survey', surveyResponseId: d.responseId } },
    });
    return row.id;
  }

  async update(id: string, input: UpdateComplaintDto, user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    return this.change(id, input.version, user, 'update', async (em, k) => {
      if (k.status === 'closed' || k.status === 'rejected') throw new RuleViolationError('complaint_finished', 'A finished complaint cannot be edited', [{ field: 'status', message: 'Finished' }]);
      if (input.officerId) await this.checkStaff(em, input.officerId, ['quality'], 'officerId');
      if (input.contactId) await this.checkContact(em, k.client_id as string, input.contactId);
      return {
        description: input.description,
        subject_text: input.subjectText,
        officer_id: input.officerId,
        contact_id: input.contactId,
      };
    });
  }

  /** draft → new (a draft from a survey becomes a complaint), new → in progress. */
  async move(id: string, to: 'new' | 'in_progress', version: number, user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    return this.change(id, version, user, to === 'new' ? 'register' : 'start', async (_em, k) => {
      this.assertMove(k.status as ComplaintStatus, to);
      return { status: to };
    });
  }

  async answer(id: string, input: AnswerComplaintDto, user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    return this.change(id, input.version, user, 'answer', async (_em, k) => {
      this.assertMove(k.status as ComplaintStatus, 'answered');
      return { status: 'answered', answer: input.answer, answered_at: this.clock.now() };
    });
  }

  async callback(id: string, input: CallbackDto, user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    return this.change(id, input.version, user, 'callback', async (em, k) => {
      if (['draft', 'closed', 'rejected'].includes(k.status as string)) {
        throw new RuleViolationError('invalid_status', `A call back cannot be recorded on a ${String(k.status)} complaint`, [{ field: 'status', message: String(k.status) }]);
      }
      const at = new Date(input.at);
      if (at.getTime() > this.clock.now().getTime() + 60_000) throw new RuleViolationError('callback_in_future', 'The call back has not happened yet', [{ field: 'at', message: 'In the future' }]);
      if (at.getTime() < new Date(k.received_at as string).getTime()) throw new RuleViolationError('callback_before_complaint', 'The call back is before the complaint arrived', [{ field: 'at', message: 'Before the complaint' }]);
      if (input.byId) await this.checkStaff(em, input.byId, null, 'byId');
      return { callback_by: input.byId ?? user.id, callback_at: at, callback_outcome: input.outcome };
    });
  }

  /** Closing needs an answer given, a recorded call back and a decision; it stores the processing time. */
  async close(id: string, input: CloseComplaintDto, user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    return this.change(id, input.version, user, 'close', async (_em, k) => {
      this.assertMove(k.status as ComplaintStatus, 'closed');
      if (!k.callback_at) {
        throw new RuleViolationError('callback_required', 'Record the call back to the client (who, when, outcome) before closing the complaint', [
          { field: 'callback', message: 'No call back recorded' },
        ]);
      }
      return { status: 'closed', decision: input.decision, decision_note: input.decisionNote ?? null, ...this.finishing(k) };
    });
  }

  async reject(id: string, input: RejectComplaintDto, user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    return this.change(id, input.version, user, 'reject', async (_em, k) => {
      this.assertMove(k.status as ComplaintStatus, 'rejected');
      return { status: 'rejected', rejection_reason: input.reason, ...this.finishing(k) };
    });
  }

  /** Processing time to now, and the breach mark when the deadline has passed (it stays). */
  private finishing(k: Row): Row {
    const now = this.clock.now();
    const minutes = processingMinutes(new Date(k.received_at as string), now);
    const late = now.getTime() > new Date(k.deadline_at as string).getTime();
    return { closed_at: now, working_minutes: minutes.working, calendar_minutes: minutes.calendar, breached_at: k.breached_at ?? (late ? now : null) };
  }


  /** Active staff the officer may name as a complaint's subject or ask for input (with their role, for the department). */
  async people(): Promise<QualityPersonDto[]> {
    const rows: Array<{ id: string; full_name: string; role: string; position: string | null }> = await this.dataSource.query(
      `SELECT id, full_name, role, position FROM users WHERE is_active ORDER BY full_name LIMIT 2000`,
    );
    return rows.map((r) => ({ id: r.id, fullName: r.full_name, role: r.role, position: r.position }));
  }

  /** The escalations sent to me (the notification list of the quality module). */
  async myNotices(user: AuthenticatedUser): Promise<QualityNoticeDto[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT e.id, e.item_kind, e.complaint_id, k.number, e.reason, e.created_at
         FROM quality_escalations e JOIN complaints k ON k.id = e.complaint_id
        WHERE e.recipient_id = $1 ORDER BY e.created_at DESC LIMIT 100`,
      [user.id],
    );
    return rows.map((r) => ({
      id: r.id as string,
      itemKind: r.item_kind as 'complaint' | 'request',
      complaintId: r.complaint_id as string,
      complaintNumber: r.number as number,
      reason: r.reason as QualityNoticeDto['reason'],
      createdAt: iso(r.created_at)!,
    }));
  }

  // ---------- helpers ----------

  /**
   * One change under the version check: locks the row, lets `decide` return the columns
   * to set (undefined = unchanged), writes them with version + 1 and publishes the change
   * with its audit entry.
   */
  private async change(id: string, version: number, user: AuthenticatedUser, action: string, decide: (em: EntityManager, k: Row) => Promise<Row>): Promise<ComplaintDetailDto> {
    await this.dataSource.transaction(async (em) => {
      const k = await this.lockForChange(em, id, user);
      if (k.version !== version) throw new StaleVersionError('Complaint', version, k.version as number);
      const set = Object.fromEntries(Object.entries(await decide(em, k)).filter(([, v]) => v !== undefined));
      const columns = Object.keys(set);
      if (columns.length) {
        await em.query(
          `UPDATE complaints SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')}, version = version + 1, updated_at = now() WHERE id = $1`,
          [id, ...columns.map((c) => set[c])],
        );
      }
      const before = Object.fromEntries(columns.map((c) => [c, k[c] ?? null]));
      await this.events.publish(em, {
        type: 'complaint.changed',
        payload: {
          complaintId: id,
          clientId: k.client_id as string,
          number: k.number as number,
          action,
          status: (set.status ?? k.status) as string,
          subjectKind: k.subject_kind as string,
          channel: k.channel as string,
          deadlineAt: new Date(k.deadline_at as string).toISOString(),
          decision: ((set.decision ?? k.decision) as string | null) ?? null,
          breached: (set.breached_at ?? k.breached_at) != null,
        },
        audit: { action, entityType: 'complaint', entityId: id, before, after: set },
      });
    });
    return this.detail(this.dataSource.manager, id);
  }

  /** The complaint row, locked, when the user may change complaints (the quality department); 404 out of sight. */
  async lockForChange(em: EntityManager, id: string, user: AuthenticatedUser): Promise<Row> {
    await this.access.require(user, 'complaint', id, 'see', { em });
    if (!user.permissions.includes('quality.write')) throw new DomainError(403, 'forbidden', 'Only the quality department changes complaints');
    const [k]: Row[] = await em.query(`SELECT * FROM complaints WHERE id = $1 FOR UPDATE`, [id]);
    return k;
  }

  private assertMove(from: ComplaintStatus, to: ComplaintStatus): void {
    if (!mayMove(from, to)) throw new RuleViolationError('invalid_transition', `A ${from} complaint cannot become ${to}`, [{ field: 'status', message: `${from} → ${to} is not allowed` }]);
  }

  /**
   * The equipment unit a complaint (or a survey answer) is about, through the service
   * module: 404 naming `field` when there is no such unit in the user's reach, 422 when it
   * stands at another client.
   */
  async equipmentUnit(unitId: string, clientId: string, user: AuthenticatedUser, field: string): Promise<EquipmentSubject> {
    let unit: Awaited<ReturnType<EquipmentService['get']>>;
    try {
      unit = await this.equipment.get(unitId, user);
    } catch (e) {
      if (e instanceof DomainError && e.status === 404) throw new DomainError(404, 'not_found', 'Equipment unit not found', [{ field, message: 'No such equipment unit' }]);
      throw e;
    }
    if (unit.clientId !== clientId) throw new RuleViolationError('equipment_of_other_client', 'The equipment unit stands at another client', [{ field, message: 'Another client' }]);
    return { id: unit.id, productId: unit.productId, label: `${unit.model} № ${unit.serialNumber}`.slice(0, 300) };
  }

  private async checkSubject(em: EntityManager, input: CreateComplaintDto): Promise<void> {
    if (input.subjectKind === 'employee') await this.checkStaff(em, input.subjectEmployeeId!, null, 'subjectEmployeeId');
    if (input.subjectKind === 'deal') {
      // The client is in the user's sight already; a deal of that client is then too.
      const deal = await this.access.facts('deal', input.subjectDealId!, em);
      if (!deal) throw new DomainError(404, 'not_found', 'Deal not found', [{ field: 'subjectDealId', message: 'Not found' }]);
      if (deal.clientId !== input.clientId) throw new RuleViolationError('deal_of_other_client', 'The deal belongs to another client', [{ field: 'subjectDealId', message: 'Another client' }]);
    }
  }

  private async checkContact(em: EntityManager, clientId: string, contactId: string): Promise<void> {
    const [row] = await em.query(`SELECT client_id FROM client_contacts WHERE id = $1`, [contactId]);
    if (!row || row.client_id !== clientId) throw new DomainError(404, 'not_found', 'Contact not found', [{ field: 'contactId', message: 'Not a contact of this client' }]);
  }

  /** An active staff member (of one of `roles` when given); otherwise 422 naming the field. */
  async checkStaff(em: EntityManager, userId: string, roles: readonly string[] | null, field: string): Promise<void> {
    const [row] = await em.query(`SELECT role FROM users WHERE id = $1 AND is_active`, [userId]);
    if (!row) throw new DomainError(404, 'not_found', 'User not found', [{ field, message: 'No such active user' }]);
    if (roles && !roles.includes(row.role)) throw new RuleViolationError('wrong_department', `This person does not work in that department`, [{ field, message: `Expected one of: ${roles.join(', ')}` }]);
  }

  /** The quality officer by default: the first active member of the quality department. */
  async defaultOfficer(em: EntityManager): Promise<string | null> {
    const [row] = await em.query(`SELECT id FROM users WHERE role = 'quality' AND is_active ORDER BY created_at, email LIMIT 1`);
    return row?.id ?? null;
  }

  private async rowsByIds(em: EntityManager, ids: readonly string[]): Promise<Row[]> {
    if (!ids.length) return [];
    const rows: Row[] = await em.query(`SELECT ${COMPLAINT_COLUMNS} ${COMPLAINT_JOINS} WHERE k.id = ANY($1::uuid[])`, [ids]);
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    return ids.map((id) => byId.get(id)!).filter(Boolean);
  }

  private async mapMany(rows: Row[]): Promise<ComplaintDto[]> {
    const dealIds = [...new Set(rows.map((r) => r.subject_deal_id).filter((v): v is string => typeof v === 'string'))];
    const labels = dealIds.length ? await this.funnel.documentLabels(this.dataSource.manager, dealIds, []) : { dealTitles: new Map<string, string>() };
    const now = this.clock.now();
    return rows.map((r) => mapComplaint(r, now, labels.dealTitles.get(r.subject_deal_id as string) ?? null));
  }

  async detail(em: EntityManager, id: string): Promise<ComplaintDetailDto> {
    const [row] = await this.rowsByIds(em, [id]);
    if (!row) throw new DomainError(404, 'not_found', 'Complaint not found');
    const [dto] = await this.mapMany([row]);
    const requests: Row[] = await em.query(
      `SELECT r.*, a.full_name AS addressee_name, ab.full_name AS answered_by_name
         FROM complaint_requests r JOIN users a ON a.id = r.addressee_id LEFT JOIN users ab ON ab.id = r.answered_by
        WHERE r.complaint_id = $1 ORDER BY r.created_at, r.id`,
      [id],
    );
    const now = this.clock.now();
    return { ...dto, requests: requests.map((r) => mapRequest(r, now)) };
  }
}
