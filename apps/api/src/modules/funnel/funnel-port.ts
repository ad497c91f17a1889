import { Injectable } from '@nestjs/common';
import { monthPeriod } from '@polar/business-time';
import type { EntityManager } from 'typeorm';
import { nextDocumentNumber } from './numbering';

/** An unpaid invoice that may need a payment-control call. */
export interface PaymentCallCandidate {
  invoiceId: string;
  clientId: string;
  number: string;
  /** 'YYYY-MM-DD'. */
  dueDate: string;
  /** Still owed, a decimal string. */
  outstanding: string;
}

/** A manager's sales figures for one Moscow month. */
export interface MonthActuals {
  /** Payments received on the manager's clients' invoices, a decimal string. */
  revenue: string;
  /** Deals of the manager won in the month. */
  wonDeals: number;
}

/**
 * What other modules may ask of (or tell) the funnel without touching its tables:
 * planning builds payment-control calls and plan actuals from it, service lists
 * show deal titles and contract numbers. Every method takes the caller's EntityManager (or runs on its own connection
 * for plain reads) and is set-based: one statement, whatever the number of records.
 */
@Injectable()
export class FunnelPort {
  /** Deal titles and contract numbers by id, for lists of other modules (installation jobs): two queries for a page. */
  async documentLabels(em: EntityManager, dealIds: readonly string[], contractIds: readonly string[]): Promise<{ dealTitles: Map<string, string>; contractNumbers: Map<string, string> }> {
    const deals: Array<{ id: string; title: string }> = dealIds.length ? await em.query(`SELECT id, title FROM deals WHERE id = ANY($1::uuid[])`, [dealIds]) : [];
    const contracts: Array<{ id: string; number: string }> = contractIds.length
      ? await em.query(`SELECT id, number FROM contracts WHERE id = ANY($1::uuid[])`, [contractIds])
      : [];
    return { dealTitles: new Map(deals.map((d) => [d.id, d.title])), contractNumbers: new Map(contracts.map((k) => [k.id, k.number])) };
  }

  /**
   * The next gap-free number of another module's document kind (a service contract
   * СО-2026-00001): the funnel's document counter, in the caller's transaction, so a
   * rolled-back document gives its number back.
   */
  nextNumber(em: EntityManager, kind: string, prefix: string, year: number): Promise<string> {
    return nextDocumentNumber(em, kind, prefix, year);
  }

  /**
   * Unpaid (fully or partly) invoices due between two days inclusive, in invoice-id
   * order: a page of `limit` after `afterInvoiceId` (keyset), one indexed query.
   */
  async unpaidInvoicesDueBetween(
    em: EntityManager,
    from: string,
    to: string,
    page: { afterInvoiceId?: string | null; limit?: number } = {},
  ): Promise<PaymentCallCandidate[]> {
    const rows: Array<{ id: string; client_id: string; number: string; due_date: string; outstanding: string }> = await em.query(
      `SELECT i.id, i.client_id, i.number, i.due_date::text AS due_date, (i.amount - i.paid_amount)::numeric(16,2)::text AS outstanding
         FROM invoices i
        WHERE i.status IN ('issued', 'partly_paid') AND i.paid_amount < i.amount
          AND i.due_date >= $1::date AND i.due_date <= $2::date
          AND ($3::uuid IS NULL OR i.id > $3::uuid)
        ORDER BY i.id
        LIMIT $4`,
      [from, to, page.afterInvoiceId ?? null, page.limit ?? 2_147_483_647],
    );
    return rows.map((r) => ({ invoiceId: r.id, clientId: r.client_id, number: r.number, dueDate: r.due_date, outstanding: r.outstanding }));
  }

  /**
   * Clients who paid exactly one invoice ever (the quality department's "new clients
   * with one purchase"), with the day of that payment; one grouped query.
   */
  async clientsWithOnePaidInvoice(em: EntityManager): Promise<Array<{ clientId: string; paidOn: string }>> {
    const rows: Array<{ client_id: string; paid_on: string }> = await em.query(
      `SELECT i.client_id, coalesce((max(i.paid_at) AT TIME ZONE 'Europe/Moscow')::date, max(i.issue_date))::text AS paid_on
         FROM invoices i
        WHERE i.status = 'paid'
        GROUP BY i.client_id
       HAVING count(*) = 1
        ORDER BY i.client_id`,
    );
    return rows.map((r) => ({ clientId: r.client_id, paidOn: r.paid_on }));
  }

  /**
   * Stores the status of unpaid invoices past their due date as overdue (the nightly
   * job asks for it; reads compute it on the fly anyway). Returns how many changed.
   */
  async markOverdueInvoices(em: EntityManager, today: string): Promise<number> {
    const result: [unknown[], number] = await em.query(
      `UPDATE invoices SET status = 'overdue', version = version + 1, updated_at = now()
        WHERE status IN ('issued', 'partly_paid') AND due_date < $1`,
      [today],
    );
    return result[1];
  }

  /**
   * Revenue (payments on the manager's clients' invoices, by payment day) and won deals
   * of a manager in the Moscow month starting on `monthStart` ('YYYY-MM-01').
   */
  async monthActuals(em: EntityManager, managerId: string, monthStart: string): Promise<MonthActuals> {
    // The client's responsible manager decides whose revenue a payment is: the funnel
    // joins clients for it as it does for record scope.
    // Month boundaries (days and Moscow instants) from @polar/business-time, not SQL time-zone math.
    const month = monthPeriod(String(monthStart).slice(0, 7));
    const [row] = await em.query(
      `WITH bounds AS (SELECT $2::date AS d0, $3::date AS d1, $4::timestamptz AS t0, $5::timestamptz AS t1)
       SELECT
         (SELECT coalesce(sum(p.amount), 0)::numeric(16,2)::text FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN clients c ON c.id = i.client_id, bounds b
           WHERE c.manager_id = $1 AND p.paid_on >= b.d0 AND p.paid_on < b.d1) AS revenue,
         (SELECT count(*)::int FROM deals d, bounds b WHERE d.manager_id = $1 AND d.status = 'won' AND d.closed_at >= b.t0 AND d.closed_at < b.t1) AS won`,
      [managerId, month.first, month.next, month.from, month.to],
    );
    return { revenue: row.revenue as string, wonDeals: row.won as number };
  }
}
