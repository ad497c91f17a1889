import type { DataSource } from 'typeorm';
import { PasswordHasher } from '../../modules/auth/password-hasher';
import { DEMO_PASSWORD, seedDemoStaff } from './demo-staff';

export interface SeedResult {
  staffCreated: number;
}

/**
 * Loads the "Лидер" demo data. Each module adds its part here as it lands
 * (clients, deals, invoices…). Everything runs in one transaction.
 */
export async function seedDemo(ds: DataSource): Promise<SeedResult> {
  const hash = await new PasswordHasher().hash(DEMO_PASSWORD);
  return ds.transaction(async (em) => {
    const staff = await seedDemoStaff(em, hash);
    return { staffCreated: staff.created };
  });
}

/** True when nobody can sign in yet: the first start of a fresh database. */
export async function isDatabaseEmpty(ds: DataSource): Promise<boolean> {
  const [row] = await ds.query(`SELECT NOT EXISTS (SELECT 1 FROM users) AS empty`);
  return row.empty === true;
}
