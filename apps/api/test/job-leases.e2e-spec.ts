import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { JobsService } from '../src/modules/jobs/jobs.service';
import { ChildApi } from './setup/child-api-process';
import { cloneTemplateDatabase, FixedClock, TestApp, type TestDatabase } from './setup/test-app';

/** 25 unpaid invoices due 12.01.2026, whose call day is Friday 26.12.2025; every other invoice cancelled. */
async function invoicesForTheSlot(sql: DataSource): Promise<void> {
  await sql.query(`UPDATE invoices SET status = 'cancelled'`);
  const [client] = await sql.query(`SELECT id FROM clients ORDER BY name LIMIT 1`);
  await sql.query(
    `INSERT INTO invoices (client_id, number, issue_date, due_date, amount, paid_amount, status, version)
     SELECT $1, 'СЧ-LEASE-' || g, '2025-12-01', '2026-01-12', 100, 0, 'issued', 1 FROM generate_series(1, 25) g`,
    [client.id],
  );
}

/** How many payment calls each of those invoices has (invoice number → calls). */
async function callsPerInvoice(sql: DataSource): Promise<number[]> {
  const rows: Array<{ n: number }> = await sql.query(
    `SELECT count(t.id)::int AS n FROM invoices i LEFT JOIN tasks t ON t.invoice_id = i.id AND t.source = 'payment_call'
      WHERE i.number LIKE 'СЧ-LEASE-%' GROUP BY i.id ORDER BY i.number`,
  );
  return rows.map((r) => r.n);
}

const slotRow = async (sql: DataSource) =>
  (await sql.query(`SELECT status, attempts, error, lease_expires_at FROM job_runs WHERE job_name = 'payment-calls' AND slot = '2025-12-26'`))[0];

describe('job slots with a lease', () => {
  describe('in one process', () => {
    let t: TestApp;
    const clock = new FixedClock('2025-12-26T10:00:00+03:00');
    let jobs: JobsService;

    beforeAll(async () => {
      t = await TestApp.start({ clock, env: { JOB_LEASE_SECONDS: '60', JOB_RETRY_PAUSE_SECONDS: '0', JOBS_CHUNK_SIZE: '10' } });
      jobs = t.app.get(JobsService);
      await invoicesForTheSlot(t.sql);
    });
    afterAll(() => t.close());

    it('takes over a slot whose instance died (lease expired), not one that is alive, and finishes it once', async () => {
      // An instance claimed the slot, then died: its row says running, with a lease.
      await t.sql.query(
        `INSERT INTO job_runs (job_name, slot, trigger, status, started_at, lease_token, lease_expires_at, attempts)
         VALUES ('payment-calls', '2025-12-26', 'schedule', 'running', now(), gen_random_uuid(), clock_timestamp() + interval '1 minute', 1)`,
      );
      expect((await jobs.runSlot('payment-calls', 'catch_up')).status).toBe('already_claimed');
      expect(await callsPerInvoice(t.sql)).toEqual(Array(25).fill(0));

      await t.sql.query(`UPDATE job_runs SET lease_expires_at = clock_timestamp() - interval '1 second' WHERE slot = '2025-12-26'`);
      const outcome = await jobs.runSlot('payment-calls', 'catch_up');
      expect(outcome).toMatchObject({ status: 'succeeded', counts: { tasksCreated: 25 } });
      expect(await callsPerInvoice(t.sql)).toEqual(Array(25).fill(1));
      expect(await slotRow(t.sql)).toMatchObject({ status: 'succeeded', attempts: 2, error: null, lease_expires_at: null });

      // A finished slot stays finished.
      expect((await jobs.runSlot('payment-calls', 'schedule')).status).toBe('already_claimed');
    });

    it('tries a failed slot again', async () => {
      await t.sql.query(`UPDATE job_runs SET status = 'failed', error = 'disk full', finished_at = now() - interval '1 minute' WHERE slot = '2025-12-26'`);
      const outcome = await jobs.runSlot('payment-calls', 'catch_up');
      expect(outcome).toMatchObject({ status: 'succeeded', counts: { tasksCreated: 0 } });
      expect(await slotRow(t.sql)).toMatchObject({ status: 'succeeded', attempts: 3, error: null });
      expect(await callsPerInvoice(t.sql)).toEqual(Array(25).fill(1));
    });

    it('a run whose lease was taken over commits nothing more and cannot overwrite the new owner', async () => {
      await t.sql.query(`DELETE FROM tasks WHERE source = 'payment_call'`);
      await t.sql.query(`DELETE FROM job_runs WHERE slot = '2025-12-26'`);
      // After the first chunk, another instance takes the run over (as if this one had stalled).
      jobs.stepProbe = async (_job, runId, step) => {
        if (step === 2) await t.sql.query(`UPDATE job_runs SET lease_token = gen_random_uuid() WHERE id = $1`, [runId]);
      };
      try {
        expect((await jobs.runSlot('payment-calls', 'catch_up')).status).toBe('lease_lost');
      } finally {
        jobs.stepProbe = null;
      }
      // Step 1 (overdue) and step 2 (10 calls) committed; nothing after the take-over.
      expect((await callsPerInvoice(t.sql)).reduce((a, b) => a + b, 0)).toBe(10);
      expect(await slotRow(t.sql)).toMatchObject({ status: 'running' });
    });

    it('a manual run killed mid-way is taken over once its lease expires', async () => {
      await t.sql.query(`DELETE FROM tasks WHERE source = 'payment_call'`);
      const [{ id }] = await t.sql.query(
        `INSERT INTO job_runs (job_name, slot, trigger, status, started_at, lease_token, lease_expires_at, attempts)
         VALUES ('payment-calls', 'manual:killed', 'manual', 'running', $1, gen_random_uuid(), clock_timestamp() - interval '1 second', 1) RETURNING id::text`,
        [new Date('2025-12-26T07:00:00Z')],
      );
      await jobs.sweep();
      const [run] = await t.sql.query(`SELECT status, attempts, counts FROM job_runs WHERE id = $1`, [id]);
      expect(run).toMatchObject({ status: 'succeeded', attempts: 2, counts: { tasksCreated: 25 } });
      expect(await callsPerInvoice(t.sql)).toEqual(Array(25).fill(1));
    });
  });

  describe('an API process killed (SIGKILL) during the payment-call run', () => {
    let db: TestDatabase;
    let sql: DataSource;
    const children: ChildApi[] = [];

    beforeAll(async () => {
      db = await cloneTemplateDatabase();
      // The test's own connection; on the embedded database the children connect to the
      // same PGlite through its socket server (which serialises the sessions' transactions).
      sql = await new DataSource(dataSourceOptions({ ...db.target, poolMax: 1 })).initialize();
      await invoicesForTheSlot(sql);
    });
    afterAll(async () => {
      for (const child of children) await child.kill();
      await sql.destroy();
      await db.close();
    });

    it('another instance completes the slot with exactly one call per invoice', async () => {
      const env = { CHILD_NOW: '2025-12-26T10:00:00+03:00', JOBS_ENABLED: 'true', JOB_LEASE_SECONDS: '2', JOBS_CHUNK_SIZE: '10' };
      // The first instance catches up the 09:00 slot at start and stops after its first
      // chunk of calls (step 1 marks overdue invoices, step 2 creates 10 calls).
      const first = ChildApi.start(db.target, { ...env, CHILD_PAUSE_AFTER_STEP: '2' });
      children.push(first);
      await first.waitFor(/paused payment-calls \d+ 2/);
      expect((await callsPerInvoice(sql)).reduce((a, b) => a + b, 0)).toBe(10);
      await first.kill('SIGKILL');
      expect(await slotRow(sql)).toMatchObject({ status: 'running', attempts: 1 });

      const second = ChildApi.start(db.target, env);
      children.push(second);
      await second.waitFor(/ready \d+/);
      const deadline = Date.now() + 60_000;
      while ((await slotRow(sql)).status !== 'succeeded' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));

      expect(await slotRow(sql)).toMatchObject({ status: 'succeeded', attempts: 2, error: null });
      expect(await callsPerInvoice(sql)).toEqual(Array(25).fill(1));
      const [{ n }] = await sql.query(`SELECT count(*)::int AS n FROM job_runs WHERE job_name = 'payment-calls'`);
      expect(n).toBe(1);
    });
  });
});
