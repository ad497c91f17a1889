import { moscowDay, moscowInstant, workingWindow } from '@polar/business-time';
import { subtractWorkingDays } from '@polar/calendar';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { complaintDeadline, processingMinutes } from '../../modules/quality/complaint-rules';

type Status = 'draft' | 'new' | 'in_progress' | 'answered' | 'closed' | 'rejected';

interface DemoComplaint {
  status: Status;
  /** Working days before today it arrived, and at what Moscow time. */
  daysAgo: number;
  at: string;
  subject: 'employee' | 'equipment' | 'deal' | 'other';
  text: string;
  channel: 'phone' | 'email' | 'site' | 'visit' | 'survey';
  answer?: string;
  callback?: string;
  decision?: 'upheld' | 'partial' | 'explained' | 'unfounded';
  decisionNote?: string;
  rejection?: string;
  /** Finished this many working days after arrival (closed and rejected ones). */
  tookDays?: number;
  request?: { department: 'legal' | 'service' | 'sales'; question: string; answer?: string };
}

const COMPLAINTS: DemoComplaint[] = [
  { status: 'new', daysAgo: 0, at: '10:20', subject: 'employee', channel: 'phone', text: 'Менеджер обещал перезвонить с расчётом стоимости и пропал на неделю' },
  {
    status: 'in_progress',
    daysAgo: 1,
    at: '14:05',
    subject: 'equipment',
    channel: 'email',
    text: 'Холодильная витрина после монтажа не держит +2 °C, товар пришлось убрать',
    request: { department: 'service', question: 'Проверьте, пожалуйста, журнал сервисных визитов и состояние витрины' },
  },
  {
    status: 'answered',
    daysAgo: 2,
    at: '11:30',
    subject: 'deal',
    channel: 'site',
    text: 'В счёте стоимость монтажа выше, чем в коммерческом предложении',
    answer: 'Разница — доплата за монтаж в выходной день по просьбе клиента; направили расшифровку',
    request: { department: 'legal', question: 'Соответствует ли условие о доплате договору поставки?', answer: 'Да, п. 4.3 договора предусматривает доплату за работы в выходные дни' },
  },
  {
    status: 'closed',
    daysAgo: 8,
    at: '09:40',
    subject: 'employee',
    channel: 'visit',
    text: 'Монтажники оставили мусор в торговом зале',
    answer: 'Принесли извинения, бригаде сделано замечание, уборку оплатили мы',
    callback: 'Клиент принял извинения, претензий больше нет',
    decision: 'upheld',
    decisionNote: 'Бригаде сделано замечание',
    tookDays: 2,
    request: { department: 'service', question: 'Кто был в бригаде и почему не убрали за собой?', answer: 'Бригада Петрова, торопились на следующий объект; проведён инструктаж' },
  },
  {
    // Closed, but a working day past its deadline: the breach stays on record.
    status: 'closed',
    daysAgo: 12,
    at: '16:10',
    subject: 'equipment',
    channel: 'phone',
    text: 'Морозильный ларь шумит сильнее, чем заявлено в паспорте',
    answer: 'Замерили уровень шума: в пределах паспорта; отрегулировали опоры',
    callback: 'Клиент согласен, шум уменьшился после регулировки',
    decision: 'explained',
    tookDays: 4,
  },
  {
    status: 'rejected',
    daysAgo: 6,
    at: '12:00',
    subject: 'other',
    channel: 'email',
    text: 'Не устраивает цена на сервисное обслуживание',
    rejection: 'Не жалоба: цена по действующему прайсу, передано менеджеру как запрос на скидку',
    tookDays: 1,
  },
  // Still open and past its deadline: red in the inbox.
  { status: 'in_progress', daysAgo: 5, at: '10:00', subject: 'other', channel: 'phone', text: 'Доставка оборудования сорвана дважды, клиент терпит убытки' },
];

const QUESTIONS = [
  { id: 'q1', kind: 'rating', text: 'Оцените работу менеджера', required: true, about: 'employee' },
  { id: 'q2', kind: 'rating', text: 'Оцените работу установленного оборудования', required: false, about: 'equipment' },
  { id: 'q3', kind: 'nps', text: 'Насколько вероятно, что вы порекомендуете «Лидер» коллегам?', required: true, about: null },
  { id: 'q4', kind: 'single', text: 'Монтаж выполнен в срок?', options: ['Да', 'Нет'], required: false, about: null },
  { id: 'q5', kind: 'multiple', text: 'Что вам понравилось?', options: ['Цена', 'Сроки', 'Сервис', 'Монтаж'], required: false, about: null },
  { id: 'q6', kind: 'text', text: 'Что нам улучшить?', required: false, about: null },
];

/**
 * The quality department of «Лидер»: complaints in every state (new, in progress with a
 * request to the service department, answered after the legal service's answer, closed in
 * time with the call back and decision, closed late — a breach on record —, rejected, one
 * open past its deadline, and a draft opened by a low survey rating), and the questionnaire
 * «Качество обслуживания» with phone and e-mail answers (ratings and NPS) and one e-mail link
 * still waiting. Relative to `now` on the production calendar; skipped when complaints exist.
 */
export async function seedDemoQuality(em: EntityManager, now: Date): Promise<{ complaints: number }> {
  const [{ exists }] = await em.query(`SELECT EXISTS (SELECT 1 FROM complaints) AS exists`);
  if (exists) return { complaints: 0 };
  const user = async (email: string): Promise<string | null> => (await em.query(`SELECT id FROM users WHERE email = $1`, [email]))[0]?.id ?? null;
  const officer = await user('quality@lider.test');
  const legal = await user('legal@lider.test');
  const engineer = await user('service1@lider.test');
  if (!officer || !legal || !engineer) return { complaints: 0 };
  const today = moscowDay(now);
  // The first client of every manager (manager1 first: the new complaint is about one of theirs).
  const clients: Array<{ id: string; manager_id: string }> = await em.query(
    `SELECT DISTINCT ON (u.email) c.id, c.manager_id FROM clients c JOIN users u ON u.id = c.manager_id
      WHERE c.archived_at IS NULL AND u.role = 'sales_manager' ORDER BY u.email, c.name`,
  );
  if (!clients.length) return { complaints: 0 };
  const unitOf = async (clientId: string) =>
    (await em.query(`SELECT e.id, e.product_id, p.name || ' № ' || e.serial_number AS label FROM equipment_units e JOIN products p ON p.id = e.product_id WHERE e.client_id = $1 ORDER BY e.serial_number LIMIT 1`, [clientId]))[0] as
      | { id: string; product_id: string; label: string }
      | undefined;
  const dealOf = async (clientId: string) => (await em.query(`SELECT id FROM deals WHERE client_id = $1 ORDER BY created_at LIMIT 1`, [clientId]))[0]?.id as string | undefined;
  const units: Array<{ clientId: string; managerId: string; unit: { id: string; product_id: string; label: string } }> = [];
  for (const c of clients) {
    const unit = await unitOf(c.id);
    if (unit) units.push({ clientId: c.id, managerId: c.manager_id, unit });
  }

  let created = 0;
  for (const [i, d] of COMPLAINTS.entries()) {
    // Equipment complaints go to clients with a unit; the others spread over the managers' clients.
    const withUnit = d.subject === 'equipment' ? units[i % Math.max(1, units.length)] : undefined;
    const client = withUnit ? { id: withUnit.clientId, manager_id: withUnit.managerId } : clients[i % clients.length];
    const deal = d.subject === 'deal' ? await dealOf(client.id) : undefined;
    const subject = d.subject === 'equipment' && !withUnit ? 'other' : d.subject === 'deal' && !deal ? 'other' : d.subject;
    // Today's complaint arrived at least half an hour ago, whatever the hour of the seed.
    const receivedAt = new Date(Math.min(moscowInstant(subtractWorkingDays(today, d.daysAgo), d.at).getTime(), now.getTime() - 30 * 60_000));
    const deadline = complaintDeadline(receivedAt, 3);
    const finished = d.status === 'closed' || d.status === 'rejected';
    const finishedAt = finished ? workingWindow(subtractWorkingDays(today, d.daysAgo - (d.tookDays ?? 1)))!.start : null;
    const closedAt = finishedAt ? new Date(finishedAt.getTime() + 3 * 3_600_000) : null;
    const minutes = closedAt ? processingMinutes(receivedAt, closedAt) : null;
    const breachedAt = closedAt && closedAt > deadline.at ? closedAt : d.status !== 'draft' && !finished && now > deadline.at ? deadline.at : null;
    const answeredAt = d.answer ? (closedAt ? new Date(closedAt.getTime() - 2 * 3_600_000) : new Date(Math.min(now.getTime(), receivedAt.getTime() + 26 * 3_600_000))) : null;
    const [row]: Array<{ id: string; number: number }> = await em.query(
      `INSERT INTO complaints (client_id, subject_kind, subject_employee_id, subject_equipment_id, subject_product_id, subject_equipment_label, subject_deal_id, subject_text,
                               description, channel, received_at, deadline_days, deadline_day, deadline_at, status, officer_id, answer, answered_at,
                               callback_by, callback_at, callback_outcome, decision, decision_note, rejection_reason, closed_at, working_minutes, calendar_minutes,
                               breached_at, escalated_at, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 3, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $15, $11)
       RETURNING id, number`,
      [
        client.id,
        subject,
        subject === 'employee' ? client.manager_id : null,
        subject === 'equipment' ? withUnit!.unit.id : null,
        subject === 'equipment' ? withUnit!.unit.product_id : null,
        subject === 'equipment' ? withUnit!.unit.label : null,
        subject === 'deal' ? deal : null,
        subject === 'other' ? d.text.split(',')[0].slice(0, 120) : null,
        d.text,
        d.channel,
        receivedAt,
        deadline.day,
        deadline.at,
        d.status,
        officer,
        d.answer ?? null,
        answeredAt,
        d.callback ? officer : null,
        d.callback && closedAt ? new Date(closedAt.getTime() - 3_600_000) : null,
        d.callback ?? null,
        d.decision ?? null,
        d.decisionNote ?? null,
        d.rejection ?? null,
        closedAt,
        minutes?.working ?? null,
        minutes?.calendar ?? null,
        breachedAt,
        // Breached ones were escalated by the watchdog on their day; the demo does not repeat it.
        breachedAt,
      ],
    );
    created++;
    if (d.request) {
      const addressee = d.request.department === 'legal' ? legal : d.request.department === 'service' ? engineer : client.manager_id;
      const askedAt = new Date(receivedAt.getTime() + 3_600_000);
      const dueDay = subtractWorkingDays(today, Math.max(0, d.daysAgo - 1));
      const dueAt = workingWindow(dueDay)!.end;
      const answered = d.request.answer != null;
      const [task] = await em.query(
        `INSERT INTO tasks (type, subject, description, client_id, assignee_id, due_at, priority, status, source, result, completed_at, author_id, version)
         VALUES ('other', $1, $2, $3, $4, $5, 'high', $6, 'complaint_request', $7, $8, $9, 1) RETURNING id`,
        [
          `Запрос отдела качества по жалобе №${row.number}`,
          `${d.request.question}\n\nОтветить в карточке жалобы: /quality/complaints/${row.id}`,
          client.id,
          addressee,
          dueAt,
          answered ? 'done' : 'planned',
          d.request.answer ?? null,
          answered ? answeredAt ?? now : null,
          officer,
        ],
      );
      await em.query(
        `INSERT INTO complaint_requests (complaint_id, department, addressee_id, question, deadline_day, deadline_at, status, answer, answered_at, answered_by, task_id, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [row.id, d.request.department, addressee, d.request.question, dueDay, dueAt, answered ? 'answered' : 'open', d.request.answer ?? null, answered ? answeredAt ?? now : null, answered ? addressee : null, task.id, officer, askedAt],
      );
    }
  }

  // The questionnaire and its answers: by phone (entered by the officer) and through personal e-mail links.
  const [survey] = await em.query(
    `INSERT INTO surveys (title, description, questions, status, low_rating_threshold, created_by) VALUES ($1, $2, $3, 'active', 2, $4) RETURNING id`,
    ['Качество обслуживания', 'Ежемесячный опрос клиентов о работе менеджеров, монтаже и оборудовании', JSON.stringify(QUESTIONS), officer],
  );
  const answers: Array<{ channel: 'phone' | 'email'; q1: number; q2?: number; q3: number; q4?: string; q5?: string[]; q6?: string }> = [
    { channel: 'phone', q1: 5, q2: 5, q3: 10, q4: 'Да', q5: ['Сервис', 'Монтаж'] },
    { channel: 'phone', q1: 4, q2: 4, q3: 8, q4: 'Да', q5: ['Цена'] },
    { channel: 'email', q1: 5, q3: 9, q4: 'Да', q5: ['Сроки', 'Сервис'], q6: 'Присылайте напоминание о сервисном визите за день' },
    { channel: 'email', q1: 3, q2: 4, q3: 6, q4: 'Нет', q6: 'Монтаж перенесли на два дня' },
    // A low rating: the draft complaint below.
    { channel: 'phone', q1: 2, q2: 3, q3: 3, q4: 'Нет', q6: 'Менеджер долго не отвечал на звонки' },
  ];
  for (const [i, a] of answers.entries()) {
    const c = clients[(i + 1) % clients.length];
    const unit = units.find((u) => u.clientId === c.id)?.unit ?? null;
    const at = moscowInstant(subtractWorkingDays(today, 3 + i * 2), '15:00');
    const { channel, ...given } = a;
    // The equipment question answered: the answer is about the client's unit.
    const about = given.q2 != null ? unit : null;
    let invitationId: string | null = null;
    if (channel === 'email') {
      const [inv] = await em.query(
        `INSERT INTO survey_invitations (survey_id, client_id, channel, email, token, expires_at, answered_at, created_at) VALUES ($1, $2, 'email', $3, $4, $5, $6, $7) RETURNING id`,
        [survey.id, c.id, `client${i + 1}@example.ru`, randomBytes(24).toString('base64url'), new Date(at.getTime() + 14 * 86_400_000), at, new Date(at.getTime() - 86_400_000)],
      );
      invitationId = inv.id;
    }
    const [response] = await em.query(
      `INSERT INTO survey_responses (survey_id, invitation_id, client_id, channel, answers, employee_id, equipment_id, equipment_product_id, equipment_label, entered_by, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [survey.id, invitationId, c.id, channel, JSON.stringify(given), c.manager_id, about?.id ?? null, about?.product_id ?? null, about?.label ?? null, channel === 'phone' ? officer : null, at],
    );
    if (a.q1 <= 2) {
      const deadline = complaintDeadline(at, 3);
      const [draft] = await em.query(
        `INSERT INTO complaints (client_id, subject_kind, subject_employee_id, description, channel, received_at, deadline_days, deadline_day, deadline_at, status, officer_id, survey_response_id, created_by, created_at)
         VALUES ($1, 'employee', $2, $3, 'survey', $4, 3, $5, $6, 'draft', $7, $8, $7, $4) RETURNING id`,
        [c.id, c.manager_id, `Низкая оценка в опросе «Качество обслуживания»:\nОцените работу менеджера — ${a.q1}\n${a.q6 ?? ''}`.trim(), at, deadline.day, deadline.at, officer, response.id],
      );
      await em.query(`UPDATE survey_responses SET complaint_id = $2 WHERE id = $1`, [response.id, draft.id]);
      created++;
    }
  }
  // A personal link sent and not answered yet.
  await em.query(`INSERT INTO survey_invitations (survey_id, client_id, channel, email, token, expires_at, created_at) VALUES ($1, $2, 'email', $3, $4, $5, $6)`, [
    survey.id,
    clients[0].id,
    'zakupki@example.ru',
    randomBytes(24).toString('base64url'),
    new Date(now.getTime() + 10 * 86_400_000),
    new Date(now.getTime() - 4 * 86_400_000),
  ]);
  return { complaints: created };
}
