/**
 * The one place where year files are registered. To add a year, drop
 * `YYYY.json` next to this file and add it to the import list and to
 * CALENDAR_YEARS below. The files are imported (not read from disk at run
 * time) so that tsc copies them into dist and bundlers see them too.
 */
import y2024 from './2024.json';
import y2025 from './2025.json';
import y2026 from './2026.json';
import y2027 from './2027.json';

/** Shape of one `src/data/YYYY.json` file. All dates are ISO `YYYY-MM-DD`. */
export interface CalendarYearData {
  year: number;
  /** The decree (and Labour Code article) the data was taken from. */
  source: string;
  /** True while the year is based on a draft or forecast rather than a signed decree. */
  provisional?: boolean;
  notes?: string;
  /**
   * Every non-working day that is not a plain Saturday/Sunday: the art. 112
   * public holidays (including those that fall on a weekend, for completeness)
   * and the days off transferred onto weekdays.
   */
  holidays: string[];
  /** Saturdays/Sundays that are working days because a day off was moved away from them. */
  workingWeekends: string[];
  /** Working days shortened by one hour (art. 95 of the Labour Code). */
  shortDays: string[];
}

export const CALENDAR_YEARS: readonly CalendarYearData[] = [y2024, y2025, y2026, y2027];
