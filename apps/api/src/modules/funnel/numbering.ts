import type { EntityManager } from 'typeorm';

/**
 * The next number of a document kind in a year, e.g. КП-2026-00042. Incremented on a
 * counter row inside the caller's transaction: concurrent callers wait on the row
 * lock and get consecutive numbers; a rolled-back transaction gives its number back,
 * so the sequence has no gaps.
 */
export async function nextDocumentNumber(em: EntityManager, kind: string, prefix: string, year: number): Promise<string> {
  const [row] = await em.query(
    `INSERT INTO document_counters (kind, year, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (kind, year) DO UPDATE SET last_value = document_counters.last_value + 1
     RETURNING last_value`,
    [kind, year],
  );
  return `${prefix}-${year}-${String(row.last_value).padStart(5, '0')}`;
}

/** The business day in Moscow (documents are dated in the company's time zone). */
export { moscowToday } from '@polar/business-time';
