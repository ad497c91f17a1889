import type { DataSource } from 'typeorm';
import { PasswordHasher } from '../../common/auth/password-hasher';
import { DEMO_PASSWORD, seedDemoStaff } from './demo-staff';
import { seedDemoClients } from './seed-clients';
import { seedDemoCompany } from './seed-company';
import { rebuildDealTotals } from '../../modules/funnel/deal-totals';
import { rebuildAnalyticsTotals } from '../../modules/analytics/analytics-totals';
import { seedDemoFunnel } from './seed-funnel';
import { seedDemoMarketing } from './seed-marketing';
import { seedDemoPlanning } from './seed-planning';
import { seedDemoQuality } from './seed-quality';
import { seedDemoService } from './seed-service';

export interface SeedResult {
  staffCreated: number;
  clientsCreated: number;
  dealsCreated: number;
  tasksCreated: number;
}

/**
 * Loads the "Лидер" demo data: staff, clients with contacts and dossiers, the funnel. Each
 * module adds its part here as it lands. Everything runs in one transaction, and
 * each part only adds what is missing.
 */
export async function seedDemo(ds: DataSource, now = new Date()): Promise<SeedResult> {
  const hash = await new PasswordHasher().hash(DEMO_PASSWORD);
  return ds.transaction(async (em) => {
    const staff = await seedDemoStaff(em, hash);
    await seedDemoCompany(em);
    const clients = await seedDemoClients(em, now);
    const funnel = await seedDemoFunnel(em, now);
    // The seed writes deals with SQL, past the deal events that keep the board's totals.
    if (funnel.deals) await rebuildDealTotals(em);
    const planning = await seedDemoPlanning(em, now);
    await seedDemoMarketing(em, now);
    await seedDemoService(em, now);
    // After the service registry: complaints and survey answers name its equipment units.
    await seedDemoQuality(em, now);
    // Likewise past the payment and deal events that keep the analytics summaries.
    await rebuildAnalyticsTotals(em);
    return { staffCreated: staff.created, clientsCreated: clients.created, dealsCreated: funnel.deals, tasksCreated: planning.tasks };
  });
}

/** True when nobody can sign in yet: the first start of a fresh database. */
export async function isDatabaseEmpty(ds: DataSource): Promise<boolean> {
  const [row] = await ds.query(`SELECT NOT EXISTS (SELECT 1 FROM users) AS empty`);
  return row.empty === true;
}
