import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addWorkingDays, isWorkingDay, moscowDay, workingWindow } from '@polar/business-time';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { Clock } from '../../common/context/clock';
import { DomainError, RuleViolationError, StaleVersionError } from '../../common/errors/domain-error';
import { EventBus } from '../../common/events';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { refreshCalendarOverrides } from '../calendar/calendar-overrides';
import { PlanningPort } from '../planning/planning-port';
import { DEPARTMENT_ROLES } from './complaint-rules';
import { mapRequest, type Row } from './complaint-rows';
import { ComplaintsService } from './complaints.service';
import type { AnswerRequestDto, ComplaintDetailDto, CreateRequestDto, MyRequestDto } from './dto/complaint.dto';

/**
 * Requests to departments (SPEC §6): the quality officer asks legal, service or sales staff
 * for input with their own deadline; each request is a task in the addressee's «Мои дела»,
 * and the answer closes that task. The complaint itself (lock, version, detail) stays with
 * ComplaintsService.
 */
@Injectable()
export class ComplaintRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly complaints: ComplaintsService,
    private readonly access: AccessService,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly planning: PlanningPort,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async createRequest(complaintId: string, input: CreateRequestDto, user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    await this.dataSource.transaction(async (em) => {
      const k = await this.complaints.lockForChange(em, complaintId, user);
      if (!['new', 'in_progress', 'answered'].includes(k.status as string)) {
        throw new RuleViolationError('invalid_status', `Requests are sent on open complaints, this one is ${String(k.status)}`, [{ field: 'status', message: String(k.status) }]);
      }
      await this.complaints.checkStaff(em, input.addresseeId, DEPARTMENT_ROLES[input.department], 'addresseeId');
      await refreshCalendarOverrides(em);
      const now = this.clock.now();
      const day = input.deadlineDay ?? addWorkingDays(moscowDay(now), this.config.quality.requestDeadlineDays);
      if (!isWorkingDay(day)) throw new RuleViolationError('deadline_day_off', 'The deadline must be a working day', [{ field: 'deadlineDay', message: 'Not a working day' }]);
      const deadlineAt = workingWindow(day)!.end;
      if (deadlineAt.getTime() <= now.getTime()) throw new RuleViolationError('deadline_past', 'The deadline has already passed', [{ field: 'deadlineDay', message: 'In the past' }]);
      const [taskId] = await this.planning.createTasks(
        em,
        'complaint_request',
        [
          {
            type: 'other',
            subject: `Запрос отдела качества по жалобе №${String(k.number)}`,
            description: `${input.question}\n\nОтветить в карточке жалобы: /quality/complaints/${complaintId}`,
            clientId: k.client_id as string,
            assigneeId: input.addresseeId,
            dueAt: deadlineAt,
            priority: 'high',
          },
        ],
        user.id,
      );
      const [row]: Array<{ id: string }> = await em.query(
        `INSERT INTO complaint_requests (complaint_id, department, addressee_id, question, deadline_day, deadline_at, task_id, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [complaintId, input.department, input.addresseeId, input.question, day, deadlineAt, taskId, user.id],
      );
      // Asking a department means the complaint is being worked on.
      if (k.status === 'new') await em.query(`UPDATE complaints SET status = 'in_progress', version = version + 1, updated_at = now() WHERE id = $1`, [complaintId]);
      await this.events.publish(em, {
        type: 'complaint.request_created',
        payload: { complaintId, clientId: k.client_id as string, requestId: row.id, addresseeId: input.addresseeId, department: input.department, deadlineAt: deadlineAt.toISOString() },
        audit: { action: 'request', entityType: 'complaint', entityId: complaintId, after: { requestId: row.id, department: input.department, addresseeId: input.addresseeId, deadlineDay: day } },
      });
    });
    return this.complaints.detail(this.dataSource.manager, complaintId);
  }

  /** The addressee (or the quality department) records the answer; the task in «Мои дела» is done with it. */
  async answerRequest(complaintId: string, requestId: string, input: AnswerRequestDto, user: AuthenticatedUser): Promise<ComplaintDetailDto> {
    await this.dataSource.transaction(async (em) => {
      const k = await this.access.require(user, 'complaint', complaintId, 'see', { em });
      const [r]: Row[] = await em.query(`SELECT * FROM complaint_requests WHERE id = $1 AND complaint_id = $2 FOR UPDATE`, [requestId, complaintId]);
      if (!r) throw new DomainError(404, 'not_found', 'Request not found');
      if (r.addressee_id !== user.id && !user.permissions.includes('quality.write')) {
        throw new DomainError(403, 'not_addressee', 'Only the person asked (or the quality department) answers this request');
      }
      if (r.version !== input.version) throw new StaleVersionError('Request', input.version, r.version as number);
      if (r.status !== 'open') throw new RuleViolationError('already_answered', 'The request is already answered', [{ field: 'status', message: 'answered' }]);
      const now = this.clock.now();
      const late = now.getTime() > new Date(r.deadline_at as string).getTime();
      await em.query(
        `UPDATE complaint_requests SET status = 'answered', answer = $2, answered_at = $3, answered_by = $4,
                breached_at = coalesce(breached_at, $5), version = version + 1 WHERE id = $1`,
        [requestId, input.answer, now, user.id, late ? now : null],
      );
      if (r.task_id) await this.planning.completeTasks(em, [r.task_id as string], input.answer, now);
      await this.events.publish(em, {
        type: 'complaint.request_answered',
        payload: { complaintId, clientId: k.clientId as string, requestId, addresseeId: r.addressee_id as string },
        audit: { action: 'request_answer', entityType: 'complaint', entityId: complaintId, before: { requestId, status: 'open' }, after: { requestId, status: 'answered', answer: input.answer } },
      });
    });
    return this.complaints.detail(this.dataSource.manager, complaintId);
  }

  /** Requests addressed to me (open first), for the addressee's own list. */
  async myRequests(user: AuthenticatedUser): Promise<MyRequestDto[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT r.*, a.full_name AS addressee_name, ab.full_name AS answered_by_name, k.number AS complaint_number, c.name AS client_name
         FROM complaint_requests r JOIN complaints k ON k.id = r.complaint_id JOIN clients c ON c.id = k.client_id
         JOIN users a ON a.id = r.addressee_id LEFT JOIN users ab ON ab.id = r.answered_by
        WHERE r.addressee_id = $1
        ORDER BY (r.status = 'open') DESC, r.deadline_at ASC LIMIT 200`,
      [user.id],
    );
    return rows.map((r) => ({ ...mapRequest(r, this.clock.now()), complaintNumber: r.complaint_number as number, clientName: r.client_name as string }));
  }
}
