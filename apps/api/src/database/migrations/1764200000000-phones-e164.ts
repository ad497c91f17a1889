import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Normalised phones move from bare digits (`74951234567`) to E.164 (`+74951234567`),
 * the form @polar/ru-ids gives for every phone the API and the web client accept,
 * so search and duplicate detection keep matching the numbers already stored.
 */
export class PhonesE1641764200000000 implements MigrationInterface {
  name = 'PhonesE1641764200000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['clients', 'client_contacts']) {
      await q.query(
        `UPDATE "${table}" SET phones_normalized = ARRAY(SELECT DISTINCT '+' || p FROM unnest(phones_normalized) AS p)
          WHERE cardinality(phones_normalized) > 0 AND EXISTS (SELECT 1 FROM unnest(phones_normalized) AS p WHERE p NOT LIKE '+%')`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['clients', 'client_contacts']) {
      await q.query(`UPDATE "${table}" SET phones_normalized = ARRAY(SELECT ltrim(p, '+') FROM unnest(phones_normalized) AS p) WHERE cardinality(phones_normalized) > 0`);
    }
  }
}
