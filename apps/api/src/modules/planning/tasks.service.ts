import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { moscowDay, moscowDayRange, moscowDaysRange } from '@polar/business-time';
import { addWorkingDays } from '@polar/calendar';
import { can, mayAccess, ROLE_CLIENT_SCOPE } from '@polar/access';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { Clock } from '../../common/context/clock';
import { NotFoundError, RuleViolationError, StaleVersionError } from '../../common/errors/domain-error';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import { AccessService } from '../../common/access/access.service';
import { EventBus } from '../../common/events';
import type {
  CompleteTaskDto,
  CreateFromTemplateDto,
  CreateTaskDto,
  EmployeeStatsDto,
  StatsQueryDto,
  TaskDto,
  TaskListQueryDto,
  TeamDayDto,
  UpdateTaskDto,
} from './dto/planning.dto';
import { Task } from './entities/task.entity';
import { refreshCalendarOverrides } from '../calendar/calendar-overrides';
import { moscowTime, TASK_TEMPLATES } from './task-templates';

/** Tasks, the team's day and contact statistics («Мои дела» is MyDayService's). */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /**
   * Tasks a user may see (the rule is `reachOf(…, 'task', …)` in @polar/access): their
   * own and given ones; sales staff also those on the clients in scope; heads all.
   */
  scoped(user: AuthenticatedUser, em: EntityManager = this.dataSource.manager): SelectQueryBuilder<Task> {
    const qb = em
      .getRepository(Task)
      .createQueryBuilder('t')
      .leftJoinAndSelect('t.client', 'c')
      .leftJoinAndSelect('t.assignee', 'a')
      .leftJoinAndSelect('t.author', 'au');
    return this.access.narrow(qb, user, 'task', 'see', { assignee: 't.assignee_id', author: 't.author_id', clientManager: 'c.manager_id' });
  }

  async list(query: TaskListQueryDto, user: AuthenticatedUser): Promise<Page<TaskDto>> {
    const qb = this.scoped(user);
    if (query.assigneeId) qb.andWhere('t.assignee_id = :assigneeId', { assigneeId: query.assigneeId });
    if (query.authorId) qb.andWhere('t.author_id = :authorId', { authorId: query.authorId });
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    if (query.type) qb.andWhere('t.type = :type', { type: query.type });
    if (query.clientId) qb.andWhere('t.client_id = :clientId', { clientId: query.clientId });
    if (query.dealId) qb.andWhere('t.deal_id = :dealId', { dealId: query.dealId });
    if (query.invoiceId) qb.andWhere('t.invoice_id = :invoiceId', { invoiceId: query.invoiceId });
    if (query.overdue) qb.andWhere(`t.status = 'planned' AND t.due_at < :now`, { now: this.clock.now() });
    const due = moscowDaysRange(query.dueFrom, query.dueTo);
    if (due.from) qb.andWhere('t.due_at >= :dueFrom', { dueFrom: due.from });
    if (due.to) qb.andWhere('t.due_at < :dueTo', { dueTo: due.to });
    const total = await qb.clone().getCount();
    const rows = await qb.orderBy('t.due_at', 'ASC').addOrderBy('t.id').offset((query.page - 1) * query.pageSize).limit(query.pageSize).getMany();
    return pageOf(rows.map((t) => this.map(t, user)), total, query);
  }

  async get(id: string, user: AuthenticatedUser, em?: EntityManager): Promise<Task> {
    await this.access.require(user, 'task', id, 'see', { em });
    const task = await this.scoped(user, em).andWhere('t.id = :id', { id }).getOne();
    if (!task) throw new NotFoundError('Task');
    return task;
  }

  async getDto(id: string, user: AuthenticatedUser): Promise<TaskDto> {
    return this.map(await this.get(id, user), user);
  }

  async create(input: CreateTaskDto & { templateCode?: string; source?: string }, user: AuthenticatedUser): Promise<TaskDto> {
    const id = await this.dataSource.transaction(async (em) => {
      const assigneeId = await this.resolveAssignee(em, user, input.assigneeId);
      const links = await this.checkLinks(em, user, input);
      const task = await em.save(
        em.create(Task, {
          type: input.type,
          subject: input.subject,
          description: input.description ?? null,
          goal: input.goal ?? null,
          clientId: links.clientId,
          contactId: input.contactId ?? null,
          dealId: input.dealId ?? null,
          invoiceId: input.invoiceId ?? null,
          assigneeId,
          authorId: user.id,
          dueAt: new Date(input.dueAt),
          priority: input.priority ?? 'normal',
          status: 'planned',
          result: null,
          completedAt: null,
          templateCode: input.templateCode ?? null,
          source: input.source ?? 'manual',
        }),
      );
      await this.events.publish(em, {
        type: 'task.created',
        payload: { ...taskRef(task), dueAt: task.dueAt.toISOString(), assigneeId, source: task.source },
        audit: { action: 'create', entityType: 'task', entityId: task.id, after: { subject: task.subject, assigneeId, dueAt: task.dueAt } },
      });
      return task.id;
    });
    return this.getDto(id, user);
  }

  async createFromTemplate(code: string, input: CreateFromTemplateDto, user: AuthenticatedUser): Promise<TaskDto> {
    const template = TASK_TEMPLATES.find((t) => t.code === code);
    if (!template) throw new NotFoundError('Task template');
    const today = moscowDay(this.clock.now());
    // The due day counts working days: take calendar changes made on any instance into account.
    await refreshCalendarOverrides(this.dataSource.manager);
    return this.create(
      {
        type: template.type,
        subject: template.name,
        clientId: input.clientId,
        dealId: input.dealId,
        invoiceId: input.invoiceId,
        assigneeId: input.assigneeId,
        goal: input.goal ?? null,
        dueAt: input.dueAt ?? moscowTime(addWorkingDays(today, template.dueInDays), '10:00').toISOString(),
        templateCode: template.code,
        source: 'template',
      },
      user,
    );
  }

  async update(id: string, input: UpdateTaskDto, user: AuthenticatedUser): Promise<TaskDto> {
    await this.dataSource.transaction(async (em) => {
      const task = await this.lock(em, id, user, input.version);
      if (task.status !== 'planned') throw new RuleViolationError('task_closed', 'A done or cancelled task cannot be changed');
      const before = { subject: task.subject, dueAt: task.dueAt, priority: task.priority, assigneeId: task.assigneeId, goal: task.goal };
      if (input.subject !== undefined) task.subject = input.subject;
      if (input.description !== undefined) task.description = input.description;
      if (input.goal !== undefined) task.goal = input.goal;
      if (input.priority !== undefined) task.priority = input.priority;
      if (input.dueAt !== undefined) task.dueAt = new Date(input.dueAt);
      if (input.assigneeId !== undefined) task.assigneeId = await this.resolveAssignee(em, user, input.assigneeId);
      await em.save(task);
      const audit = { action: 'update', entityType: 'task', entityId: id, before, after: { subject: task.subject, dueAt: task.dueAt, priority: task.priority, assigneeId: task.assigneeId, goal: task.goal } };
      if (task.dueAt.getTime() !== before.dueAt.getTime()) {
        await this.events.publish(em, { type: 'task.rescheduled', payload: { ...taskRef(task), fromDueAt: before.dueAt.toISOString(), toDueAt: task.dueAt.toISOString() }, audit });
      } else {
        await this.events.publish(em, { type: 'task.updated', payload: taskRef(task), audit });
      }
    });
    return this.getDto(id, user);
  }

  async complete(id: string, input: CompleteTaskDto, user: AuthenticatedUser): Promise<TaskDto> {
    return this.close(id, input.version, 'done', input.result, user);
  }

  async cancel(id: string, version: number, reason: string | undefined, user: AuthenticatedUser): Promise<TaskDto> {
    return this.close(id, version, 'cancelled', reason ?? null, user);
  }

  private async close(id: string, version: number, status: 'done' | 'cancelled', result: string | null, user: AuthenticatedUser): Promise<TaskDto> {
    await this.dataSource.transaction(async (em) => {
      const task = await this.lock(em, id, user, version);
      if (task.status !== 'planned') throw new RuleViolationError('task_closed', 'The task is already done or cancelled');
      task.status = status;
      task.result = result;
      task.completedAt = this.clock.now();
      await em.save(task);
      const audit = { action: status === 'done' ? 'complete' : 'cancel', entityType: 'task', entityId: id, before: { status: 'planned' }, after: { status, result } };
      if (status === 'done') await this.events.publish(em, { type: 'task.done', payload: { ...taskRef(task), result }, audit });
      else await this.events.publish(em, { type: 'task.cancelled', payload: { ...taskRef(task), reason: result }, audit });
    });
    return this.getDto(id, user);
  }

  /** Every employee's planned / done / overdue for a day, in two queries. */
  async teamDay(date: string | undefined, user: AuthenticatedUser): Promise<TeamDayDto> {
    const day = date ?? moscowDay(this.clock.now());
    const { from: start, to: end } = moscowDayRange(day);
    const now = this.clock.now();
    const members: Array<{ id: string; full_name: string; role: string; planned: number; done: number; overdue: number }> = await this.dataSource.query(
      `SELECT u.id, u.full_name, u.role,
              -- what was planned for the day, whether done by now or still open: plan versus fact
              count(t.id) FILTER (WHERE t.status IN ('planned', 'done') AND t.due_at >= $1 AND t.due_at < $2)::int AS planned,
              count(t.id) FILTER (WHERE t.status = 'done' AND t.completed_at >= $1 AND t.completed_at < $2)::int AS done,
              count(t.id) FILTER (WHERE t.status = 'planned' AND t.due_at < least($2, $3))::int AS overdue
         FROM users u LEFT JOIN tasks t ON t.assignee_id = u.id
        WHERE u.is_active AND u.role IN ('sales_head', 'sales_manager', 'sales_assistant', 'service', 'marketing', 'quality')
        GROUP BY u.id ORDER BY u.role, u.full_name`,
      [start, end, now],
    );
    const items = await this.dataSource
      .getRepository(Task)
      .createQueryBuilder('t')
      .leftJoinAndSelect('t.client', 'c')
      .leftJoinAndSelect('t.assignee', 'a')
      .leftJoinAndSelect('t.author', 'au')
      .where(`(t.status = 'planned' AND t.due_at < :end) OR (t.status = 'done' AND t.completed_at >= :start AND t.completed_at < :end)`, { start, end })
      .andWhere('t.assignee_id IN (:...ids)', { ids: members.length ? members.map((m) => m.id) : ['00000000-0000-0000-0000-000000000000'] })
      .orderBy('t.due_at')
      .limit(5000)
      .getMany();
    return {
      date: day,
      members: members.map((m) => ({
        userId: m.id,
        fullName: m.full_name,
        role: m.role,
        planned: m.planned,
        done: m.done,
        overdue: m.overdue,
        items: items.filter((t) => t.assigneeId === m.id).slice(0, 50).map((t) => this.map(t, user)),
      })),
    };
  }

  /** Done, overdue and planned contacts per employee for any period (SQL aggregate). */
  async stats(query: StatsQueryDto, user: AuthenticatedUser): Promise<EmployeeStatsDto[]> {
    const start = moscowDayRange(query.from).from;
    const end = moscowDayRange(query.to).to;
    // Without the team permission you see your own figures only.
    const userId = can(user.role, 'planning.team') ? (query.userId ?? null) : user.id;
    const rows: Array<{ id: string; full_name: string; done: number; overdue: number; planned: number }> = await this.dataSource.query(
      `SELECT u.id, u.full_name,
              count(t.id) FILTER (WHERE t.status = 'done' AND t.completed_at >= $1 AND t.completed_at < $2)::int AS done,
              count(t.id) FILTER (WHERE t.status = 'planned' AND t.due_at >= $1 AND t.due_at < $2 AND t.due_at < $3)::int AS overdue,
              count(t.id) FILTER (WHERE t.status = 'planned' AND t.due_at >= $1 AND t.due_at < $2 AND t.due_at >= $3)::int AS planned
         FROM users u JOIN tasks t ON t.assignee_id = u.id
        WHERE ($4::uuid IS NULL OR u.id = $4::uuid)
        GROUP BY u.id ORDER BY u.full_name`,
      [start, end, this.clock.now(), userId],
    );
    return rows.map((r) => ({ userId: r.id, fullName: r.full_name, done: r.done, overdue: r.overdue, planned: r.planned }));
  }

  /** Only those who work the task change it (404 out of sight, 403 for someone else's task in sight). */
  private async lock(em: EntityManager, id: string, user: AuthenticatedUser, version: number): Promise<Task> {
    await this.access.require(user, 'task', id, 'change', { em });
    const task = await em.findOne(Task, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!task) throw new NotFoundError('Task');
    if (task.version !== version) throw new StaleVersionError('Task', version, task.version);
    return task;
  }

  /** Heads give tasks to anyone; an assistant to the managers assisted; others to themselves. */
  private async resolveAssignee(em: EntityManager, user: AuthenticatedUser, requested?: string): Promise<string> {
    if (!requested || requested === user.id) return user.id;
    const allowed = can(user.role, 'planning.team') || (ROLE_CLIENT_SCOPE[user.role] === 'assisted' && user.assistedManagerIds.includes(requested));
    if (!allowed) throw new RuleViolationError('assignee_not_allowed', 'You may give tasks only to yourself', [{ field: 'assigneeId', message: 'Not allowed' }]);
    const [row] = await em.query(`SELECT 1 FROM users WHERE id = $1 AND is_active`, [requested]);
    if (!row) throw new RuleViolationError('assignee_not_found', 'No such active user', [{ field: 'assigneeId', message: 'No such active user' }]);
    return requested;
  }

  /**
   * Linked records must be visible to the caller; the client follows from a deal,
   * invoice or contact. A link the caller may not see answers exactly like one that
   * does not exist (404 naming the field), so the answer reveals nothing.
   */
  private async checkLinks(em: EntityManager, user: AuthenticatedUser, input: { clientId?: string; dealId?: string; invoiceId?: string; contactId?: string }): Promise<{ clientId: string | null }> {
    let clientId = input.clientId ?? null;
    if (clientId) await this.access.require(user, 'client', clientId, 'see', { em, field: 'clientId' });
    const links = [
      ['deal', input.dealId, 'dealId'],
      ['invoice', input.invoiceId, 'invoiceId'],
      ['contact', input.contactId, 'contactId'],
    ] as const;
    for (const [kind, id, field] of links) {
      if (!id) continue;
      const linked = await this.access.require(user, kind, id, 'see', { em, field });
      if (clientId && clientId !== linked.clientId) throw new RuleViolationError('link_mismatch', `${field} belongs to another client`, [{ field, message: 'Belongs to another client' }]);
      clientId = linked.clientId ?? null;
    }
    return { clientId };
  }

  /** The task as the API shows it to `user` (canChange: may they edit, complete or cancel it). */
  map(t: Task, user: AuthenticatedUser): TaskDto {
    return {
      id: t.id,
      type: t.type,
      subject: t.subject,
      description: t.description,
      goal: t.goal,
      clientId: t.clientId,
      clientName: t.client?.name ?? null,
      contactId: t.contactId,
      dealId: t.dealId,
      invoiceId: t.invoiceId,
      assigneeId: t.assigneeId,
      assigneeName: t.assignee?.fullName ?? null,
      authorId: t.authorId,
      authorName: t.author?.fullName ?? null,
      dueAt: t.dueAt.toISOString(),
      priority: t.priority,
      status: t.status,
      overdue: t.status === 'planned' && t.dueAt.getTime() < this.clock.now().getTime(),
      result: t.result,
      completedAt: t.completedAt?.toISOString() ?? null,
      templateCode: t.templateCode,
      source: t.source,
      createdAt: t.createdAt.toISOString(),
      version: t.version,
      canChange: mayAccess(user, 'task', 'change', { assignee: t.assigneeId, author: t.authorId, clientManager: t.client?.managerId ?? null }),
    };
  }
}

function taskRef(t: Task): { taskId: string; clientId: string | null; type: Task['type']; subject: string } {
  return { taskId: t.id, clientId: t.clientId, type: t.type, subject: t.subject };
}
