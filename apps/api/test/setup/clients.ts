import type { TestApp } from './test-app';
import { bearer } from './test-app';

/** Creates a client through the API as the given user and returns its body. */
export async function createClient(t: TestApp, token: string, body: Record<string, unknown>): Promise<Record<string, unknown> & { id: string; version: number }> {
  const res = await t.http.post('/api/clients').set(bearer(token)).send({ kind: 'legal_entity', ...body });
  if (res.status !== 201) throw new Error(`create client failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Any demo client of a manager (by e-mail), straight from the database. */
export async function clientOf(t: TestApp, managerEmail: string): Promise<{ id: string; name: string; inn: string | null }> {
  const [row] = await t.sql.query(
    `SELECT c.id, c.name, c.inn FROM clients c JOIN users u ON u.id = c.manager_id
      WHERE u.email = $1 AND c.archived_at IS NULL AND c.inn IS NOT NULL ORDER BY c.name LIMIT 1`,
    [managerEmail],
  );
  return row;
}

/** Valid INNs for test clients that exist nowhere in the demo data. */
export const FRESH_INNS = ['7736050003', '7707083893', '7702070139', '7728168971', '7710140679'];
