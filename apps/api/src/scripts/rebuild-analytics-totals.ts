/**
 * `pnpm --filter @polar/api run analytics:rebuild-totals`: recomputes the analytics summary
 * rows (analytics_revenue_days, analytics_open_deals, analytics_funnel_deals, analytics_funnel_stays)
 * from the payments, deals and stage history. Needed
 * only after they were written with raw SQL (bulk loads, restores); the payment, deal and
 * reassignment events keep the rows current otherwise.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { parseConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { openDatabase } from '../database/database-runtime';
import { rebuildAnalyticsTotals } from '../modules/analytics/analytics-totals';

async function main() {
  const db = await openDatabase(parseConfig());
  const ds = new DataSource(dataSourceOptions(db.target));
  try {
    await ds.initialize();
    const started = Date.now();
    const rows = await ds.transaction((em) => rebuildAnalyticsTotals(em));
    console.log(`analytics totals rebuilt: ${rows.revenueDays} revenue day row(s), ${rows.openDeals} open deal row(s), ${rows.funnelDeals} funnel deal row(s), ${rows.funnelStays} stage stay row(s) in ${Date.now() - started} ms`);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await db.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
