import { type CalendarOverride, calendarOverridesRevision, setCalendarOverrides, supportedYears } from '@polar/calendar';
import type { EntityManager } from 'typeorm';

/**
 * Keeps the @polar/calendar override layer of this process equal to the database.
 * A primary-key read of the revision; the overrides themselves are read only when
 * it moved (someone changed a day, on this or another instance). Called before
 * every computation that depends on working days: job runs, task deadlines, the
 * calendar endpoints — so a change applies at once everywhere, no restart.
 */
export async function refreshCalendarOverrides(em: EntityManager): Promise<void> {
  const [row]: Array<{ revision: string }> = await em.query(`SELECT revision::text AS revision FROM calendar_revision WHERE id = 1`);
  const revision = row?.revision ?? '0';
  if (revision === calendarOverridesRevision()) return;
  const rows: Array<{ date: string; kind: CalendarOverride['kind'] }> = await em.query(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind FROM calendar_overrides ORDER BY date`,
  );
  // A year dropped from the library keeps its rows in the database but cannot be applied.
  const years = new Set(supportedYears());
  setCalendarOverrides(
    rows.filter((r) => years.has(Number(r.date.slice(0, 4)))),
    revision,
  );
}
