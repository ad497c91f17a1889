/**
 * `pnpm --filter @polar/api run funnel:rebuild-totals`: recomputes the funnel board's summary
 * rows (deal_stage_totals) from the deals. Needed only after deals were written with raw
 * SQL (bulk loads, restores); the deal events keep the rows current otherwise.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { parseConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { openDatabase } from '../database/database-runtime';
import { rebuildDealTotals } from '../modules/funnel/deal-totals';

async function main() {
  const db = await openDatabase(parseConfig());
  const ds = new DataSource(dataSourceOptions(db.target));
  try {
    await ds.initialize();
    const started = Date.now();
    const rows = await ds.transaction((em) => rebuildDealTotals(em));
    console.log(`deal_stage_totals rebuilt: ${rows} row(s) in ${Date.now() - started} ms`);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await db.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
