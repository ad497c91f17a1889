import { DataSource } from 'typeorm';
import { EventBus } from '../src/common/events';
import { RuleViolationError } from '../src/common/errors/domain-error';
import { clientOf, createClient, FRESH_INNS } from './setup/clients';
import { bearer, TestApp } from './setup/test-app';

/** Domain events: in-transaction subscribers, the hand-over through an event, typed history. */
describe('domain events', () => {
  let t: TestApp;
  let bus: EventBus;
  let manager1: string;
  let stages: Array<{ id: string; code: string }>;
  const stage = (code: string) => stages.find((s) => s.code === code)!.id;
  const refuse = () => {
    // Any listed code will do: the test checks that a subscriber's refusal reaches the caller.
    throw new RuleViolationError('invalid_transition', 'A test subscriber refused the change');
  };

  beforeAll(async () => {
    t = await TestApp.start();
    bus = t.app.get(EventBus);
    manager1 = (await t.login('manager1@lider.test')).accessToken;
    stages = (await t.http.get('/api/funnel/stages').set(bearer(manager1))).body;
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[]) => ((await t.sql.query(sql, params)) as Array<{ n: number }>)[0].n;

  describe('the bus', () => {
    it('rolls the publisher’s change back when a subscriber fails, and lets it through once the subscriber is gone', async () => {
      const off = bus.subscribe('client.created', async () => refuse(), 'test.refuse');
      const name = 'ООО «Откатится целиком»';
      const refused = await t.http.post('/api/clients').set(bearer(manager1)).send({ kind: 'legal_entity', name, inn: FRESH_INNS[0] });
      off();
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'invalid_transition', message: 'A test subscriber refused the change' });
      // No client, no history, no audit entry: the transaction rolled back as a whole.
      expect(await count(`SELECT count(*)::int AS n FROM clients WHERE name = $1`, [name])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM timeline_events WHERE payload->>'name' = $1`, [name])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'client' AND changes->'name'->>'to' = $1`, [name])).toBe(0);

      const created = await createClient(t, manager1, { name, inn: FRESH_INNS[0] });
      expect(await count(`SELECT count(*)::int AS n FROM timeline_events WHERE client_id = $1 AND kind = 'client_created'`, [created.id])).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'client' AND entity_id = $1 AND action = 'create'`, [created.id])).toBe(1);
    });

    it('runs subscribers on the publisher’s EntityManager: their writes go when the publisher fails later', async () => {
      const client = await clientOf(t, 'manager1@lider.test');
      const ds = t.app.get(DataSource);
      await expect(
        ds.transaction(async (em) => {
          await bus.publish(em, { type: 'client.archived', payload: { clientId: client.id }, actorId: null });
          // The timeline subscriber has written its entry inside this transaction…
          const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM timeline_events WHERE client_id = $1 AND kind = 'client_archived'`, [client.id]);
          expect(n).toBe(1);
          throw new Error('the publisher fails after publishing');
        }),
      ).rejects.toThrow('the publisher fails after publishing');
      // …and it is gone with the rollback.
      expect(await count(`SELECT count(*)::int AS n FROM timeline_events WHERE client_id = $1 AND kind = 'client_archived'`, [client.id])).toBe(0);
    });

    it('refuses to publish outside a transaction', async () => {
      const ds = t.app.get(DataSource);
      await expect(bus.publish(ds.manager, { type: 'client.restored', payload: { clientId: '00000000-0000-0000-0000-000000000000' } })).rejects.toThrow(/outside a transaction/);
    });
  });

  describe('hand-over', () => {
    async function dealReadyForHandover(title: string) {
      const { id: clientId } = await clientOf(t, 'manager1@lider.test');
      let deal = (await t.http.post('/api/deals').set(bearer(manager1)).send({ clientId, title, amount: '250000.00' })).body;
      deal = (await t.http.post(`/api/deals/${deal.id}/move`).set(bearer(manager1)).send({ version: deal.version, stageId: stage('contract') })).body;
      const contract = (await t.http.post('/api/contracts').set(bearer(manager1)).send({ dealId: deal.id, installationDeadline: '2026-12-15' })).body;
      expect((await t.http.post(`/api/contracts/${contract.id}/sign`).set(bearer(manager1)).send({ version: 1, signedOn: '2026-11-20' })).status).toBe(200);
      return { deal, contract };
    }

    it('creates the installation job through the deal.handed_over event, the service module being its subscriber', async () => {
      expect(bus.subscribersOf('deal.handed_over')).toContain('service.installation');
      const { deal, contract } = await dealReadyForHandover('Монтаж камеры через событие');
      const moved = await t.http.post(`/api/deals/${deal.id}/move`).set(bearer(manager1)).send({ version: deal.version, stageId: stage('handover') });
      expect(moved.status).toBe(200);
      const [job] = await t.sql.query(`SELECT id, deadline::text AS deadline, contract_id FROM installation_jobs WHERE deal_id = $1`, [deal.id]);
      expect(job).toMatchObject({ deadline: '2026-12-15', contract_id: contract.id });
      const timeline = (await t.http.get(`/api/clients/${deal.clientId}/timeline?kind=installation_created`).set(bearer(manager1))).body.items;
      expect(timeline[0]).toMatchObject({
        kind: 'installation_created',
        subjectId: job.id,
        payload: { dealId: deal.id, dealTitle: 'Монтаж камеры через событие', contractNumber: contract.number, deadline: '2026-12-15' },
      });
    });

    it('leaves the deal where it was when the installation job cannot be created', async () => {
      const { deal } = await dealReadyForHandover('Монтаж, который не состоится');
      const off = bus.subscribe('installation.created', async () => refuse(), 'test.refuse');
      const moved = await t.http.post(`/api/deals/${deal.id}/move`).set(bearer(manager1)).send({ version: deal.version, stageId: stage('handover') });
      off();
      expect(moved.status).toBe(422);
      expect(await count(`SELECT count(*)::int AS n FROM installation_jobs WHERE deal_id = $1`, [deal.id])).toBe(0);
      const [row] = await t.sql.query(`SELECT stage_id FROM deals WHERE id = $1`, [deal.id]);
      expect(row.stage_id).toBe(stage('contract'));
    });
  });

  describe('typed history', () => {
    it('stores kind + payload with exact amounts and no sentence', async () => {
      const { id: clientId } = await clientOf(t, 'manager1@lider.test');
      // A deal priced by its amount alone: the proposal is for that amount, not 0.00.
      const deal = (await t.http.post('/api/deals').set(bearer(manager1)).send({ clientId, title: 'Витрины для зала', amount: '1234567.89' })).body;
      const proposal = (await t.http.post(`/api/deals/${deal.id}/proposals`).set(bearer(manager1)).send({})).body;
      expect(proposal.total).toBe('1234567.89');
      const invoice = (await t.http.post('/api/invoices').set(bearer(manager1)).send({ dealId: deal.id, amount: '1234567.89', issueDate: '2026-11-20', dueDate: '2027-12-31' })).body;
      await t.http.post(`/api/invoices/${invoice.id}/payments`).set(bearer(manager1)).send({ amount: '1234567.89', paidOn: '2026-11-21' });
      const task = (await t.http.post('/api/tasks').set(bearer(manager1)).send({ type: 'call', subject: 'Уточнить дату монтажа', clientId, dueAt: '2026-12-01T10:00:00+03:00' })).body;
      await t.http.post(`/api/tasks/${task.id}/complete`).set(bearer(manager1)).send({ version: task.version, result: 'Монтаж 15 декабря' });

      const items: Array<{ kind: string; payload: Record<string, unknown>; subjectId: string | null }> = (
        await t.http.get(`/api/clients/${clientId}/timeline?pageSize=10`).set(bearer(manager1))
      ).body.items;
      const of = (kind: string, subjectId: string) => items.find((e) => e.kind === kind && e.subjectId === subjectId);
      expect(items.every((e) => !('title' in e))).toBe(true);
      expect(of('deal_created', deal.id)?.payload).toMatchObject({ title: 'Витрины для зала', amount: '1234567.89' });
      expect(of('proposal_created', proposal.id)?.payload).toEqual({ dealId: deal.id, number: proposal.number, total: '1234567.89' });
      expect(of('invoice_issued', invoice.id)?.payload).toMatchObject({ number: invoice.number, amount: '1234567.89', dueDate: '2027-12-31' });
      expect(of('payment_received', invoice.id)?.payload).toMatchObject({ amount: '1234567.89', fullyPaid: true });
      expect(of('task_done', task.id)?.payload).toEqual({ taskId: task.id, type: 'call', subject: 'Уточнить дату монтажа', result: 'Монтаж 15 декабря' });
      expect(of('task_planned', task.id)?.payload).toMatchObject({ type: 'call', subject: 'Уточнить дату монтажа', dueAt: '2026-12-01T07:00:00.000Z' });
    });
  });
});
