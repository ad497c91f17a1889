import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { clientManagersOf } from '@polar/access';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { RuleViolationError } from '../../common/errors/domain-error';
import { type Page, pageOf } from '../../common/pagination/page.dto';
import { ClientsDirectory } from '../clients/clients-directory';
import { ABC, type AbcXyzClientDto, type AbcXyzClientsQueryDto, type AbcXyzDto, type AbcXyzQueryDto, XYZ } from './dto/abc-xyz.dto';

export interface Thresholds {
  a: number;
  b: number;
  x: number;
  y: number;
}

/**
 * ABC/XYZ of the clients by the payments received in [from, to].
 *
 * - ABC: clients ranked by their payments; a client is A while the clients ranked above
 *   it hold less than `a` % (80) of all payments, B while less than `a + b` % (95), else C.
 * - XYZ: the coefficient of variation (population standard deviation / mean) of the
 *   client's payments per calendar month of the period, months without payments
 *   counting as zero: X up to `x` % (10), Y up to `y` % (25), else Z.
 * Clients without payments in the period have no class. Everything is one SQL query.
 */
export function classesSql(params: { from: number; to: number; managers: number; a: number; b: number; x: number; y: number }): string {
  const p = (n: number) => `$${n}`;
  return `
    WITH months AS (SELECT generate_series(date_trunc('month', ${p(params.from)}::date), date_trunc('month', ${p(params.to)}::date), interval '1 month')::date AS month),
         paid AS (SELECT v.client_id, date_trunc('month', p.paid_on)::date AS month, sum(p.amount) AS amount
                    FROM payments p JOIN invoices v ON v.id = p.invoice_id JOIN clients c ON c.id = v.client_id
                   WHERE p.paid_on BETWEEN ${p(params.from)} AND ${p(params.to)} AND (${p(params.managers)}::uuid[] IS NULL OR c.manager_id = ANY(${p(params.managers)}::uuid[]))
                   GROUP BY 1, 2),
         per_client AS (SELECT cl.client_id, sum(coalesce(paid.amount, 0)) AS total,
                               stddev_pop(coalesce(paid.amount, 0)) / nullif(avg(coalesce(paid.amount, 0)), 0) * 100 AS cv
                          FROM (SELECT DISTINCT client_id FROM paid) cl CROSS JOIN months m
                          LEFT JOIN paid ON paid.client_id = cl.client_id AND paid.month = m.month
                         GROUP BY cl.client_id),
         ranked AS (SELECT client_id, total, cv,
                           coalesce(sum(total) OVER (ORDER BY total DESC, client_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) * 100 / sum(total) OVER () AS before_share,
                           total * 100 / sum(total) OVER () AS share,
                           sum(total) OVER () AS grand
                      FROM per_client)
    SELECT client_id, total, share, cv, grand,
           CASE WHEN before_share < ${p(params.a)} THEN 'A' WHEN before_share < ${p(params.a)} + ${p(params.b)} THEN 'B' ELSE 'C' END AS abc,
           CASE WHEN cv <= ${p(params.x)} THEN 'X' WHEN cv <= ${p(params.y)} THEN 'Y' ELSE 'Z' END AS xyz
      FROM ranked`;
}

@Injectable()
export class AbcXyzService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: ClientsDirectory,
  ) {}

  async matrix(q: AbcXyzQueryDto, user: AuthenticatedUser): Promise<AbcXyzDto> {
    const t = thresholds(q);
    const managers = clientManagersOf(user);
    const rows: Array<{ abc: string; xyz: string; clients: number; payments: string; grand: string | null; months: number }> = await this.dataSource.query(
      `WITH classes AS (${classesSql({ from: 1, to: 2, managers: 3, a: 4, b: 5, x: 6, y: 7 })})
       SELECT abc, xyz, count(*)::int AS clients, sum(total)::text AS payments, max(grand)::text AS grand FROM classes GROUP BY abc, xyz`,
      [q.from, q.to, managers, t.a, t.b, t.x, t.y],
    );
    const [{ months }] = await this.dataSource.query(`SELECT ((date_part('year', age(date_trunc('month', $2::date), date_trunc('month', $1::date))) * 12 + date_part('month', age(date_trunc('month', $2::date), date_trunc('month', $1::date)))) + 1)::int AS months`, [q.from, q.to]);
    const cells = ABC.flatMap((abc) =>
      XYZ.map((xyz) => {
        const r = rows.find((x) => x.abc === abc && x.xyz === xyz);
        return { abc, xyz, clients: r?.clients ?? 0, payments: r?.payments ?? '0.00' };
      }),
    );
    return { from: q.from, to: q.to, months, totalPayments: rows[0]?.grand ?? '0.00', cells, scoped: managers !== null };
  }

  async clients(q: AbcXyzClientsQueryDto, user: AuthenticatedUser): Promise<Page<AbcXyzClientDto>> {
    const t = thresholds(q);
    const params: unknown[] = [q.from, q.to, clientManagersOf(user), t.a, t.b, t.x, t.y];
    const where: string[] = [];
    if (q.abc) where.push(`k.abc = $${params.push(q.abc)}`);
    if (q.xyz) where.push(`k.xyz = $${params.push(q.xyz)}`);
    const base = `WITH classes AS (${classesSql({ from: 1, to: 2, managers: 3, a: 4, b: 5, x: 6, y: 7 })})
                  SELECT k.*, c.name FROM classes k JOIN clients c ON c.id = k.client_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM (${base}) s`, params);
    const rows = await this.dataSource.query(`${base} ORDER BY k.total DESC, k.client_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [
      ...params,
      q.pageSize,
      (q.page - 1) * q.pageSize,
    ]);
    return pageOf(
      rows.map((r: Record<string, string | null>) => ({
        clientId: r.client_id!,
        clientName: r.name!,
        abc: r.abc!,
        xyz: r.xyz!,
        payments: r.total!,
        sharePercent: Number(r.share).toFixed(2),
        variationPercent: r.cv === null ? null : Number(r.cv).toFixed(2),
      })),
      total,
      q,
    );
  }

  /** Stores every client's class as of `day` (the year up to the day before); history by day. */
  store(em: EntityManager, day: string): Promise<number> {
    return storeAbcXyz(em, day, this.directory);
  }
}

/**
 * Every client's class as of `day` (the year up to the day before) into the history,
 * and as the client's current class. Also used by the demo seed.
 */
export async function storeAbcXyz(em: EntityManager, day: string, directory: Pick<ClientsDirectory, 'setAbcXyzClasses'>): Promise<number> {
  const rows: Array<{ client_id: string; abc: string; xyz: string }> = await em.query(
    `WITH classes AS (${classesSql({ from: 1, to: 2, managers: 3, a: 4, b: 5, x: 6, y: 7 })})
     INSERT INTO client_abc_xyz (client_id, computed_on, abc, xyz, payments, variation)
     SELECT client_id, $8::date, abc, xyz, total, round(cv, 4) FROM classes
     ON CONFLICT (client_id, computed_on) DO UPDATE SET abc = EXCLUDED.abc, xyz = EXCLUDED.xyz, payments = EXCLUDED.payments, variation = EXCLUDED.variation
     RETURNING client_id, abc, xyz`,
    [yearBefore(day), dayBefore(day), null, 80, 15, 10, 25, day],
  );
  // The current class becomes a client attribute (list filter, segment criterion)
  // through the client base's own write path; see ClientsDirectory.setAbcXyzClasses.
  await directory.setAbcXyzClasses(
    em,
    rows.map((r) => ({ clientId: r.client_id, abc: r.abc, xyz: r.xyz })),
  );
  return rows.length;
}

function thresholds(q: Partial<Thresholds> & { from: string; to: string }): Thresholds {
  if (q.from > q.to) throw new RuleViolationError('period_invalid', 'from must not be after to', [{ field: 'to', message: 'to must not be before from' }]);
  const t = { a: q.a ?? 80, b: q.b ?? 15, x: q.x ?? 10, y: q.y ?? 25 };
  if (t.a + t.b >= 100) throw new RuleViolationError('thresholds_invalid', 'a + b must be below 100', [{ field: 'b', message: 'a + b must be below 100' }]);
  if (t.x >= t.y) throw new RuleViolationError('thresholds_invalid', 'x must be below y', [{ field: 'y', message: 'y must be above x' }]);
  return t;
}

const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const yearBefore = (day: string) => `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`.replace(/-02-29$/, '-02-28');
