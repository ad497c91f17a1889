/**
 * The client portfolio (seed 004, «Аналитика» 1), read-only SQL.
 *
 * Reads (never writes): clients, users (manager names), payments, invoices, deals,
 * deal_lines, products, product_groups.
 *
 * A page of clients is chosen first (keyset on name, id: no OFFSET), then the figures
 * are computed for those clients only, so a page costs the same at any depth.
 * A purchase is a deal won; the first purchase is the first payment (or, without
 * payments, the first deal won); ripening runs from the first contact (the client's
 * creation or their first deal, whichever came first) to the first payment.
 */
import type { EntityManager } from 'typeorm';

const MONEY = 'numeric(16,2)::text';

export interface PortfolioFilter {
  q: string | null;
  region: string | null;
  city: string | null;
  managerId: string | null;
  buyersOnly: boolean;
  after: { name: string; id: string } | null;
  limit: number;
}

export function clientsPage(em: EntityManager, scope: string[] | null, f: PortfolioFilter) {
  return em.query(
    `SELECT c.id, c.name, c.region, c.city, c.manager_id, u.full_name AS manager_name, c.created_at
       FROM clients c JOIN users u ON u.id = c.manager_id
      WHERE c.archived_at IS NULL
        AND ($1::uuid[] IS NULL OR c.manager_id = ANY($1::uuid[]))
        AND ($2::text IS NULL OR c.name ILIKE '%' || $2 || '%')
        AND ($3::text IS NULL OR c.region = $3)
        AND ($4::text IS NULL OR c.city = $4)
        AND ($5::uuid IS NULL OR c.manager_id = $5::uuid)
        AND (NOT $6 OR EXISTS (SELECT 1 FROM invoices i JOIN payments p ON p.invoice_id = i.id WHERE i.client_id = c.id))
        AND ($7::text IS NULL OR (c.name, c.id) > ($7::text, $8::uuid))
      ORDER BY c.name, c.id
      LIMIT $9`,
    [scope, f.q, f.region, f.city, f.managerId, f.buyersOnly, f.after?.name ?? null, f.after?.id ?? null, f.limit],
  ) as Promise<Array<{ id: string; name: string; region: string | null; city: string | null; manager_id: string; manager_name: string; created_at: Date }>>;
}

export function figures(em: EntityManager, clientIds: string[]) {
  return em.query(
    `WITH ids AS (SELECT unnest($1::uuid[]) AS id),
     pay AS (
       SELECT i.client_id, min(p.paid_on) AS first_paid, sum(p.amount) AS paid
         FROM invoices i JOIN payments p ON p.invoice_id = i.id WHERE i.client_id IN (SELECT id FROM ids) GROUP BY i.client_id
     ), won AS (
       SELECT d.client_id, count(*) AS purchases, sum(d.amount) AS amount,
              min((d.closed_at AT TIME ZONE 'Europe/Moscow')::date) AS first_won,
              max((d.closed_at AT TIME ZONE 'Europe/Moscow')::date) AS last_won
         FROM deals d WHERE d.status = 'won' AND d.client_id IN (SELECT id FROM ids) GROUP BY d.client_id
     ), firstdeal AS (
       SELECT d.client_id, min(d.created_at) AS first_deal FROM deals d WHERE d.client_id IN (SELECT id FROM ids) GROUP BY d.client_id
     ), buys AS (
       SELECT x.client_id, array_agg(x.name ORDER BY x.amount DESC, x.name) AS groups
         FROM (SELECT d.client_id, g.name, sum(l.line_total) AS amount
                 FROM deals d JOIN deal_lines l ON l.deal_id = d.id JOIN products pr ON pr.id = l.product_id JOIN product_groups g ON g.id = pr.group_id
                WHERE d.status = 'won' AND d.client_id IN (SELECT id FROM ids)
                GROUP BY d.client_id, g.name) x
        GROUP BY x.client_id
     )
     SELECT ids.id,
            to_char(coalesce(pay.first_paid, won.first_won), 'YYYY-MM-DD') AS first_purchase,
            coalesce(won.purchases, 0)::int AS purchases,
            CASE WHEN won.purchases > 1 THEN round((won.last_won - won.first_won)::numeric / (won.purchases - 1), 1)::text END AS days_between,
            CASE WHEN won.purchases > 0 THEN round(won.amount / won.purchases, 2)::${MONEY} END AS average_check,
            coalesce(pay.paid, 0)::${MONEY} AS paid,
            (pay.first_paid - (LEAST(c.created_at, coalesce(fd.first_deal, c.created_at)) AT TIME ZONE 'Europe/Moscow')::date)::int AS ripening_days,
            coalesce(buys.groups, '{}') AS groups
       FROM ids JOIN clients c ON c.id = ids.id
       LEFT JOIN pay ON pay.client_id = ids.id LEFT JOIN won ON won.client_id = ids.id
       LEFT JOIN firstdeal fd ON fd.client_id = ids.id LEFT JOIN buys ON buys.client_id = ids.id`,
    [clientIds],
  ) as Promise<Array<{ id: string; first_purchase: string | null; purchases: number; days_between: string | null; average_check: string | null; paid: string; ripening_days: number | null; groups: string[] }>>;
}
