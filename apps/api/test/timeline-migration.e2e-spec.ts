import { DataSource } from 'typeorm';
import { dataSourceOptions, type DatabaseTarget } from '../src/database/data-source-options';
import { EmbeddedPostgres } from '../src/database/embedded';
import { MIGRATIONS } from '../src/database/migrations';
import { TimelinePayloads1764100000000 } from '../src/database/migrations/1764100000000-timeline-payloads';
import { onServer, serverUrl, uniqueDbName } from './setup/template-db';

/**
 * Old history rows (a title sentence + a thin payload) keep showing after the timeline
 * migration: their data moves into the payload, from the title or from the records
 * they are about. Runs the migrations before it on an empty database, writes rows as
 * the old code did, then applies it.
 */
describe('timeline migration: old rows become kind + payload', () => {
  let ds: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    let target: DatabaseTarget;
    const url = process.env.DATABASE_URL;
    if (url) {
      const name = uniqueDbName('polar_tlmig');
      await onServer(url, `CREATE DATABASE "${name}"`);
      target = { url: serverUrl(url, name), poolMax: 2 };
      close = () => onServer(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } else {
      const pg = await EmbeddedPostgres.start({ dataDir: null });
      target = { url: pg.url, poolMax: 1 };
      close = () => pg.stop();
    }
    const before = MIGRATIONS.filter((m) => Number(m.name.slice(-13)) < 1764100000000);
    ds = await new DataSource({ ...dataSourceOptions(target), migrations: before }).initialize();
    await ds.runMigrations();
  });
  afterAll(async () => {
    await ds?.destroy();
    await close?.();
  });

  it('moves names, titles, subjects and amounts into the payloads and drops the sentences', async () => {
    const q = (sql: string, params: unknown[] = []) => ds.query(sql, params);
    const [user] = await q(`INSERT INTO users (email, full_name, role, password_hash, version) VALUES ('m@t.test', 'Смирнов А. П.', 'sales_manager', 'x', 1) RETURNING id`);
    const [client] = await q(`INSERT INTO clients (kind, name, name_normalized, manager_id, version) VALUES ('legal_entity', 'ООО «Старое»', 'ооо старое', $1, 1) RETURNING id`, [user.id]);
    const [stage] = await q(`SELECT id FROM pipeline_stages ORDER BY sort_order LIMIT 1`);
    const [deal] = await q(`INSERT INTO deals (client_id, title, manager_id, stage_id, probability, amount, version) VALUES ($1, 'Витрины для зала', $2, $3, 10, 1234567.89, 1) RETURNING id`, [
      client.id,
      user.id,
      stage.id,
    ]);
    const [contract] = await q(`INSERT INTO contracts (deal_id, number, amount, version) VALUES ($1, 'Д-2026-00001', 1234567.89, 1) RETURNING id`, [deal.id]);
    const [invoice] = await q(
      `INSERT INTO invoices (client_id, deal_id, number, issue_date, due_date, amount, paid_amount, version) VALUES ($1, $2, 'СЧ-2026-00001', '2026-11-01', '2026-12-01', 1000.00, 1000.00, 1) RETURNING id`,
      [client.id, deal.id],
    );
    const [task] = await q(
      `INSERT INTO tasks (type, subject, assignee_id, due_at, status, result, source, version) VALUES ('call', 'Уточнить дату монтажа', $1, '2026-12-01T07:00:00Z', 'done', 'Монтаж 15 декабря', 'manual', 1) RETURNING id`,
      [user.id],
    );
    const [job] = await q(`INSERT INTO installation_jobs (deal_id, contract_id, client_id, version) VALUES ($1, $2, $3, 1) RETURNING id`, [deal.id, contract.id, client.id]);
    const legacy: Array<[kind: string, title: string, payload: object, subjectType: string | null, subjectId: string | null]> = [
      ['contact_updated', 'Изменено контактное лицо: Иванова Мария Сергеевна', { changes: { position: { from: null, to: 'Директор' } } }, 'contact', null],
      ['deal_won', 'Сделка выиграна: Витрины для зала', { dealId: deal.id, fromStageName: 'A', toStageName: 'B', amount: '1234567.89', comment: null }, 'deal', deal.id],
      ['task_done', 'Звонок выполнен(а): Уточнить дату монтажа', { taskId: task.id, type: 'call', result: 'Монтаж 15 декабря' }, 'task', task.id],
      ['task_planned', 'Звонок запланирован: Уточнить дату монтажа', { taskId: task.id, source: 'payment_call' }, 'task', task.id],
      ['installation_created', 'Передано в монтаж: Витрины для зала (договор Д-2026-00001)', { dealId: deal.id, contractId: contract.id, deadline: null }, 'installation', job.id],
      ['payment_received', 'Счёт СЧ-2026-00001 оплачен полностью', { number: 'СЧ-2026-00001', amount: '1000.00', paidAmount: '1000.00', invoiceAmount: '1000.00' }, 'invoice', invoice.id],
      ['client_created', 'Клиент создан', { name: 'ООО «Старое»', source: 'demo' }, null, null],
    ];
    for (const [kind, title, payload, subjectType, subjectId] of legacy) {
      await q(`INSERT INTO timeline_events (client_id, kind, title, payload, subject_type, subject_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
        client.id,
        kind,
        title,
        JSON.stringify(payload),
        subjectType,
        subjectId,
      ]);
    }

    const runner = ds.createQueryRunner();
    try {
      await new TimelinePayloads1764100000000().up(runner);
    } finally {
      await runner.release();
    }

    const rows: Array<{ kind: string; payload: Record<string, unknown> }> = await q(`SELECT kind, payload FROM timeline_events ORDER BY id`);
    const of = (kind: string) => rows.find((r) => r.kind === kind)!.payload;
    expect(of('contact_updated')).toMatchObject({ fullName: 'Иванова Мария Сергеевна' });
    expect(of('deal_won')).toMatchObject({ title: 'Витрины для зала', amount: '1234567.89' });
    expect(of('task_done')).toMatchObject({ type: 'call', subject: 'Уточнить дату монтажа', result: 'Монтаж 15 декабря' });
    expect(of('task_planned')).toMatchObject({ type: 'call', subject: 'Уточнить дату монтажа', dueAt: '2026-12-01T07:00:00.000Z', source: 'manual' });
    expect(of('installation_created')).toMatchObject({ dealTitle: 'Витрины для зала', contractNumber: 'Д-2026-00001' });
    expect(of('payment_received')).toMatchObject({ fullyPaid: true });
    expect(of('client_created')).toEqual({ name: 'ООО «Старое»' });
    const columns: Array<{ column_name: string }> = await q(`SELECT column_name FROM information_schema.columns WHERE table_name = 'timeline_events'`);
    expect(columns.map((c) => c.column_name)).not.toContain('title');
  });
});
