import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { moscowDayRange } from '@polar/business-time';
import { reachOf } from '@polar/access';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { Clock } from '../../common/context/clock';
import { ConflictError, DomainError, RuleViolationError, StaleVersionError, ValidationFailedError } from '../../common/errors/domain-error';
import { EventBus } from '../../common/events';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { WorkQueue } from '../queue/work-queue.service';
import { SURVEY_MAIL_QUEUE } from './survey-mail';
import { ComplaintsService, type EquipmentSubject } from './complaints.service';
import type {
  CreateSurveyDto,
  InvitationDto,
  InviteResultDto,
  PhoneResponseDto,
  PublicSurveyDto,
  ResponseDto,
  ResultsQueryDto,
  SurveyDto,
  SurveyQuestionDto,
  SurveyResultsDto,
  UpdateSurveyDto,
} from './dto/survey.dto';
import { type Answers, checkAnswers, lowRatings, npsOf, questionProblems, questionResult, subjectFigures } from './survey-rules';

type Row = Record<string, unknown>;
const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());

/**
 * Client surveys (SPEC §6): questionnaires, personal e-mail links answered once before
 * they expire on a public page, phone answers entered by the quality officer, results per
 * question, employee and equipment with NPS. A low rating opens a complaint draft.
 *
 * Sending: each e-mail invitation is mailed by the work queue (SurveyMailer) with
 * marketing's SMTP transport, skipping addresses on its suppression list; `mailState` says
 * how it went, and the link stays visible for the officer either way.
 */
@Injectable()
export class SurveysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly complaints: ComplaintsService,
    private readonly auditLog: AuditService,
    private readonly queue: WorkQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(user: AuthenticatedUser): Promise<SurveyDto[]> {
    if (reachOf(user, 'survey', 'see') !== 'all') return [];
    const rows: Row[] = await this.dataSource.query(`${SURVEY_SELECT} ORDER BY s.status = 'archived', s.created_at DESC LIMIT 500`);
    return rows.map(mapSurvey);
  }

  async get(id: string, user: AuthenticatedUser): Promise<SurveyDto> {
    await this.access.require(user, 'survey', id);
    return this.load(this.dataSource.manager, id);
  }

  async create(input: CreateSurveyDto, user: AuthenticatedUser): Promise<SurveyDto> {
    const problems = questionProblems(input.questions);
    if (problems.length) throw new ValidationFailedError(problems);
    const id = await this.dataSource.transaction(async (em) => {
      const [row]: Array<{ id: string }> = await em.query(
        `INSERT INTO surveys (title, description, questions, low_rating_threshold, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [input.title, input.description ?? null, JSON.stringify(input.questions.map(cleanQuestion)), input.lowRatingThreshold ?? 2, user.id],
      );
      await this.audit(em, 'create', row.id, null, { title: input.title, questions: input.questions.length });
      return row.id;
    });
    return this.load(this.dataSource.manager, id);
  }

  async update(id: string, input: UpdateSurveyDto, user: AuthenticatedUser): Promise<SurveyDto> {
    await this.dataSource.transaction(async (em) => {
      await this.access.require(user, 'survey', id, 'change', { em });
      const [s]: Row[] = await em.query(`SELECT s.*, (SELECT count(*)::int FROM survey_responses r WHERE r.survey_id = s.id) AS answered FROM surveys s WHERE s.id = $1 FOR UPDATE`, [id]);
      if (s.version !== input.version) throw new StaleVersionError('Survey', input.version, s.version as number);
      if (input.questions) {
        if ((s.answered as number) > 0) throw new RuleViolationError('survey_answered', 'Questions cannot change once clients have answered; make a new survey', [{ field: 'questions', message: 'Already answered' }]);
        const problems = questionProblems(input.questions);
        if (problems.length) throw new ValidationFailedError(problems);
      }
      const set: Row = {
        title: input.title,
        description: input.description,
        questions: input.questions ? JSON.stringify(input.questions.map(cleanQuestion)) : undefined,
        status: input.status,
        low_rating_threshold: input.lowRatingThreshold,
      };
      const columns = Object.keys(set).filter((c) => set[c] !== undefined);
      if (columns.length) {
        await em.query(`UPDATE surveys SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')}, version = version + 1, updated_at = now() WHERE id = $1`, [id, ...columns.map((c) => set[c])]);
      }
      await this.audit(em, 'update', id, Object.fromEntries(columns.map((c) => [c, c === 'questions' ? '…' : s[c]])), Object.fromEntries(columns.map((c) => [c, c === 'questions' ? '…' : set[c]])));
    });
    return this.load(this.dataSource.manager, id);
  }

  /** E-mail invitations: a personal token per client, valid for the configured days; clients without an e-mail are listed back. */
  async invite(id: string, clientIds: string[], user: AuthenticatedUser): Promise<InviteResultDto> {
    return this.dataSource.transaction(async (em) => {
      await this.access.require(user, 'survey', id, 'change', { em });
      const survey = await this.load(em, id);
      if (survey.status !== 'active') throw new RuleViolationError('survey_not_active', 'Only an active survey can be sent', [{ field: 'status', message: survey.status }]);
      const unique = [...new Set(clientIds)];
      for (const [i, clientId] of unique.entries()) await this.access.require(user, 'client', clientId, 'see', { em, field: `clientIds.${i}` });
      // The primary contact's first e-mail, else any contact's, else the client's own.
      const targets: Array<{ client_id: string; contact_id: string | null; email: string | null }> = await em.query(
        `SELECT c.id AS client_id, ct.id AS contact_id, coalesce(ct.emails[1], c.emails[1]) AS email
           FROM clients c
           LEFT JOIN LATERAL (SELECT x.id, x.emails FROM client_contacts x WHERE x.client_id = c.id AND cardinality(x.emails) > 0 ORDER BY x.is_primary DESC, x.created_at LIMIT 1) ct ON TRUE
          WHERE c.id = ANY($1::uuid[])`,
        [unique],
      );
      const withEmail = targets.filter((t) => t.email);
      const expiresAt = new Date(this.clock.now().getTime() + this.config.quality.surveyLinkDays * 86_400_000);
      const rows = withEmail.map((t) => ({ client_id: t.client_id, contact_id: t.contact_id, email: t.email, token: randomBytes(24).toString('base64url') }));
      const created: Array<{ id: string }> = rows.length
        ? await em.query(
            `INSERT INTO survey_invitations (survey_id, client_id, contact_id, channel, email, token, expires_at, created_at, mail_state)
             SELECT $1, r.client_id, r.contact_id, 'email', r.email, r.token, $3, $4, 'queued' FROM jsonb_to_recordset($2::jsonb) AS r(client_id uuid, contact_id uuid, email text, token text)
             RETURNING id`,
            [id, JSON.stringify(rows), expiresAt, this.clock.now()],
          )
        : [];
      if (created.length) await this.audit(em, 'invite', id, null, { invited: created.length, channel: 'email' });
      // Mailed after the commit by the work queue (SurveyMailer), past the suppression list.
      for (const c of created) await this.queue.enqueue(em, SURVEY_MAIL_QUEUE, { invitationId: c.id }, { key: `survey-mail:${c.id}` });
      return {
        created: await this.invitationsByIds(em, created.map((c) => c.id)),
        withoutEmail: targets.filter((t) => !t.email).map((t) => t.client_id),
        emailed: created.length > 0,
      };
    });
  }

  async invitations(id: string, user: AuthenticatedUser): Promise<InvitationDto[]> {
    await this.access.require(user, 'survey', id);
    const rows: Row[] = await this.dataSource.query(`${INVITATION_SELECT} WHERE i.survey_id = $1 ORDER BY i.created_at DESC, i.id LIMIT 1000`, [id]);
    return rows.map((r) => this.mapInvitation(r));
  }

  private async invitationsByIds(em: EntityManager, ids: string[]): Promise<InvitationDto[]> {
    if (!ids.length) return [];
    const rows: Row[] = await em.query(`${INVITATION_SELECT} WHERE i.id = ANY($1::uuid[]) ORDER BY c.name, i.id`, [ids]);
    return rows.map((r) => this.mapInvitation(r));
  }

  /** Answers taken by phone by the quality officer (the monthly survey task, or any client call). */
  async phoneResponse(id: string, input: PhoneResponseDto, user: AuthenticatedUser): Promise<ResponseDto> {
    // The unit is checked by the service module before the transaction (it reads on its own connection).
    const equipment = input.equipmentId ? await this.complaints.equipmentUnit(input.equipmentId, input.clientId, user, 'equipmentId') : null;
    return this.dataSource.transaction(async (em) => {
      await this.access.require(user, 'survey', id, 'change', { em });
      await this.access.require(user, 'client', input.clientId, 'see', { em, field: 'clientId' });
      if (input.employeeId) {
        const [u] = await em.query(`SELECT id FROM users WHERE id = $1`, [input.employeeId]);
        if (!u) throw new DomainError(404, 'not_found', 'User not found', [{ field: 'employeeId', message: 'Not found' }]);
      }
      let invitationId: string | null = null;
      if (input.invitationId) {
        const [inv]: Row[] = await em.query(`SELECT * FROM survey_invitations WHERE id = $1 AND survey_id = $2 FOR UPDATE`, [input.invitationId, id]);
        if (!inv || inv.client_id !== input.clientId) throw new DomainError(404, 'not_found', 'Invitation not found', [{ field: 'invitationId', message: 'Not an invitation of this client to this survey' }]);
        if (inv.answered_at) throw new ConflictError('already_answered', 'This invitation is already answered');
        invitationId = inv.id as string;
      }
      return this.saveResponse(em, id, { clientId: input.clientId, invitationId, channel: 'phone', raw: input.answers, employeeId: input.employeeId ?? null, equipment, enteredBy: user.id });
    });
  }

  /** The public page's view of a token: the questions and whether it can still be answered. */
  async publicGet(token: string): Promise<PublicSurveyDto> {
    const [row]: Row[] = await this.dataSource.query(
      `SELECT s.title, s.description, s.questions, i.answered_at, i.expires_at FROM survey_invitations i JOIN surveys s ON s.id = i.survey_id WHERE i.token = $1`,
      [token],
    );
    if (!row) throw new DomainError(404, 'not_found', 'Survey link not found');
    return {
      title: row.title as string,
      description: (row.description as string | null) ?? null,
      questions: row.questions as SurveyQuestionDto[],
      state: row.answered_at ? 'answered' : this.expired(row) ? 'expired' : 'open',
    };
  }

  /** One answer per token, before it expires; no sign-in (the token is the proof). */
  async publicAnswer(token: string, raw: Record<string, unknown>): Promise<ResponseDto> {
    return this.dataSource.transaction(async (em) => {
      const [inv]: Row[] = await em.query(`SELECT * FROM survey_invitations WHERE token = $1 FOR UPDATE`, [token]);
      if (!inv) throw new DomainError(404, 'not_found', 'Survey link not found');
      if (inv.answered_at) throw new ConflictError('already_answered', 'This survey has already been answered');
      if (this.expired(inv)) throw new RuleViolationError('link_expired', 'The survey link has expired', [{ field: 'token', message: 'Expired' }]);
      return this.saveResponse(em, inv.survey_id as string, { clientId: inv.client_id as string, invitationId: inv.id as string, channel: 'email', raw, employeeId: null, equipment: null, enteredBy: null });
    });
  }

  private expired(row: Row): boolean {
    return row.expires_at != null && new Date(row.expires_at as string).getTime() <= this.clock.now().getTime();
  }

  private async saveResponse(
    em: EntityManager,
    surveyId: string,
    r: { clientId: string; invitationId: string | null; channel: 'email' | 'phone'; raw: Record<string, unknown>; employeeId: string | null; equipment: EquipmentSubject | null; enteredBy: string | null },
  ): Promise<ResponseDto> {
    const survey = await this.load(em, surveyId);
    if (survey.status === 'archived') throw new RuleViolationError('survey_archived', 'The survey is closed', [{ field: 'status', message: 'archived' }]);
    const { answers, problems } = checkAnswers(survey.questions, r.raw);
    if (problems.length) throw new ValidationFailedError(problems);
    const now = this.clock.now();
    const [row]: Array<{ id: string }> = await em.query(
      `INSERT INTO survey_responses (survey_id, invitation_id, client_id, channel, answers, employee_id, equipment_id, entered_by, submitted_at, equipment_product_id, equipment_label)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [surveyId, r.invitationId, r.clientId, r.channel, JSON.stringify(answers), r.employeeId, r.equipment?.id ?? null, r.enteredBy, now, r.equipment?.productId ?? null, r.equipment?.label ?? null],
    );
    if (r.invitationId) await em.query(`UPDATE survey_invitations SET answered_at = $2 WHERE id = $1`, [r.invitationId, now]);
    let complaintId: string | null = null;
    const low = lowRatings(survey.questions, answers, survey.lowRatingThreshold);
    if (low.length) {
      const texts = survey.questions.filter((q) => q.kind === 'text' && typeof answers[q.id] === 'string').map((q) => `${q.text}: ${String(answers[q.id])}`);
      complaintId = await this.complaints.openDraftFromSurvey(em, {
        clientId: r.clientId,
        employeeId: r.employeeId,
        equipment: r.equipment,
        surveyTitle: survey.title,
        description: [`Низкая оценка в опросе «${survey.title}»:`, ...low.map((q) => `${q.text} — ${String(answers[q.id])}`), ...texts].join('\n'),
        receivedAt: now,
        responseId: row.id,
        actorId: r.enteredBy,
      });
      await em.query(`UPDATE survey_responses SET complaint_id = $2 WHERE id = $1`, [row.id, complaintId]);
    }
    await this.events.publish(em, {
      type: 'survey.answered',
      actorId: r.enteredBy,
      payload: { surveyId, responseId: row.id, clientId: r.clientId, channel: r.channel, complaintId },
      audit: { action: 'answer', entityType: 'survey', entityId: surveyId, after: { responseId: row.id, channel: r.channel, complaintId } },
    });
    return { id: row.id, surveyId, clientId: r.clientId, channel: r.channel, complaintId, submittedAt: now.toISOString() };
  }

  async results(id: string, query: ResultsQueryDto, user: AuthenticatedUser): Promise<SurveyResultsDto> {
    await this.access.require(user, 'survey', id);
    const survey = await this.load(this.dataSource.manager, id);
    type Response = {
      answers: Answers;
      employee_id: string | null;
      employee_name: string | null;
      equipment_id: string | null;
      equipment_label: string | null;
      equipment_product_id: string | null;
      model_name: string | null;
    };
    const rows: Response[] = await this.dataSource.query(
      `SELECT r.answers, r.employee_id, u.full_name AS employee_name, r.equipment_id::text AS equipment_id, r.equipment_label,
              r.equipment_product_id::text AS equipment_product_id, pm.name AS model_name
         FROM survey_responses r LEFT JOIN users u ON u.id = r.employee_id
         -- The catalogue's model names (reference data every module reads).
         LEFT JOIN products pm ON pm.id = r.equipment_product_id
        WHERE r.survey_id = $1 AND ($2::timestamptz IS NULL OR r.submitted_at >= $2) AND ($3::timestamptz IS NULL OR r.submitted_at < $3)
        ORDER BY r.submitted_at DESC LIMIT 20000`,
      [id, query.from ? moscowDayRange(query.from).from : null, query.to ? moscowDayRange(query.to).to : null],
    );
    const all = rows.map((r) => r.answers);
    const npsScores = survey.questions.filter((q) => q.kind === 'nps').flatMap((q) => all.map((a) => a[q.id]).filter((v): v is number => typeof v === 'number'));
    const LABELS = { employee_id: 'employee_name', equipment_id: 'equipment_label', equipment_product_id: 'model_name' } as const;
    const groupBy = (key: keyof typeof LABELS) => {
      const groups = new Map<string, typeof rows>();
      for (const r of rows) if (r[key]) groups.set(r[key]!, [...(groups.get(r[key]!) ?? []), r]);
      return [...groups].map(([k, list]) => ({
        key: k,
        label: list[0][LABELS[key]],
        responses: list.length,
        ...subjectFigures(survey.questions, list.map((x) => x.answers)),
      }));
    };
    return {
      surveyId: id,
      responses: rows.length,
      nps: npsOf(npsScores),
      questions: survey.questions.map((q) => questionResult(q, all)),
      byEmployee: groupBy('employee_id'),
      byEquipment: groupBy('equipment_id'),
      byEquipmentModel: groupBy('equipment_product_id'),
    };
  }

  private async load(em: EntityManager, id: string): Promise<SurveyDto> {
    const [row]: Row[] = await em.query(`${SURVEY_SELECT} WHERE s.id = $1`, [id]);
    if (!row) throw new DomainError(404, 'not_found', 'Survey not found');
    return mapSurvey(row);
  }

  private mapInvitation(r: Row): InvitationDto {
    return {
      id: r.id as string,
      clientId: r.client_id as string,
      clientName: r.client_name as string,
      channel: r.channel as 'email' | 'phone',
      email: (r.email as string | null) ?? null,
      link: r.token ? `${this.config.quality.publicBaseUrl}/survey/${String(r.token)}` : null,
      expiresAt: iso(r.expires_at),
      answeredAt: iso(r.answered_at),
      taskId: (r.task_id as string | null) ?? null,
      mailState: (r.mail_state as InvitationDto['mailState']) ?? null,
      createdAt: iso(r.created_at)!,
    };
  }

  /** Questionnaires are configuration no other module reacts to: their history goes to the audit log directly. */
  private async audit(em: EntityManager, action: string, id: string, before: object | null, after: object): Promise<void> {
    await this.auditLog.record(em, { action, entityType: 'survey', entityId: id, before, after });
  }
}

const SURVEY_SELECT = `
  SELECT s.*, (SELECT count(*)::int FROM survey_invitations i WHERE i.survey_id = s.id) AS invited,
         (SELECT count(*)::int FROM survey_responses r WHERE r.survey_id = s.id) AS answered
    FROM surveys s`;

const INVITATION_SELECT = `SELECT i.*, c.name AS client_name FROM survey_invitations i JOIN clients c ON c.id = i.client_id`;

function cleanQuestion(q: SurveyQuestionDto): SurveyQuestionDto {
  return {
    id: q.id,
    kind: q.kind,
    text: q.text,
    ...(q.kind === 'single' || q.kind === 'multiple' ? { options: q.options } : {}),
    required: q.required,
    about: q.about ?? null,
  };
}

function mapSurvey(r: Row): SurveyDto {
  return {
    id: r.id as string,
    title: r.title as string,
    description: (r.description as string | null) ?? null,
    status: r.status as SurveyDto['status'],
    questions: r.questions as SurveyQuestionDto[],
    lowRatingThreshold: r.low_rating_threshold as number,
    invited: r.invited as number,
    answered: r.answered as number,
    createdAt: iso(r.created_at)!,
    version: r.version as number,
  };
}
