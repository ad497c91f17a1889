import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One source of a deal's amount: a deal with lines costs their total. Deals written
 * before the rule was enforced everywhere (raw SQL loads, old imports) are brought in
 * line here, and the summaries that carry amounts (the funnel's, analytics' open deals)
 * are rebuilt when any amount changed. (Kept as SQL
 * here, like the summary's own migration: a migration must not change with the module.)
 */
export class DealAmountFromLines1764790000000 implements MigrationInterface {
  name = 'DealAmountFromLines1764790000000';

  async up(q: QueryRunner): Promise<void> {
    const [row] = await q.query(`
      WITH fixed AS (
        UPDATE deals d SET amount = l.total
          FROM (SELECT deal_id, sum(line_total) AS total FROM deal_lines GROUP BY deal_id) l
         WHERE l.deal_id = d.id AND d.amount <> l.total
        RETURNING d.id)
      SELECT count(*)::int AS n FROM fixed`);
    if (!Number(row.n)) return;
    await q.query(`DELETE FROM deal_stage_totals`);
    await q.query(
      `INSERT INTO deal_stage_totals (stage_id, client_manager_id, manager_id, deal_count, amount, weighted_amount)
       SELECT d.stage_id, c.manager_id, d.manager_id, count(*)::int, sum(d.amount), sum(round(d.amount * d.probability / 100.0, 2))
         FROM deals d JOIN clients c ON c.id = d.client_id
        GROUP BY d.stage_id, c.manager_id, d.manager_id`,
    );
    // analytics' open deals by stage × expected month carry the amounts too
    await q.query(`DELETE FROM analytics_open_deals`);
    await q.query(
      `INSERT INTO analytics_open_deals (stage_id, expected_month, client_manager_id, deal_count, amount, amount_x_probability)
       SELECT d.stage_id, coalesce(to_char(d.expected_close_date, 'YYYY-MM'), ''), c.manager_id, count(*)::int, sum(d.amount), sum(d.amount * d.probability)
         FROM deals d JOIN clients c ON c.id = d.client_id
        WHERE d.status = 'open'
        GROUP BY 1, 2, 3`,
    );
  }

  async down(): Promise<void> {
    // Nothing to undo: the realigned amounts are the correct ones.
  }
}
