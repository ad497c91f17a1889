import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  addWorkingDays,
  calendarOverrides,
  calendarOverridesRevision,
  calendarYear,
  CalendarYearNotSupportedError,
  dayKind,
  InvalidCalendarDateError,
  isProvisionalYear,
  isShortDay,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  setCalendarOverrides,
  shippedDayKind,
  subtractWorkingDays,
  supportedYears,
  workingDaysBetween,
  workingDaysInYear,
} from './index';
import { CALENDAR_YEARS } from './data';

/** Every date of a year as YYYY-MM-DD, built in UTC so the host time zone cannot matter. */
function datesOf(year: number): string[] {
  const out: string[] = [];
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

describe('data files', () => {
  it('registers every JSON file in src/data and nothing else', () => {
    const files = fs
      .readdirSync(path.join(__dirname, 'data'))
      .filter((f) => /^\d{4}\.json$/.test(f))
      .map((f) => Number(f.slice(0, 4)))
      .sort();
    expect(supportedYears()).toEqual(files);
    expect(supportedYears()).toEqual([2024, 2025, 2026, 2027]);
  });

  it.each(CALENDAR_YEARS.map((d) => [d.year, d] as const))('%i: lists are sorted and name a source', (_, data) => {
    for (const list of [data.holidays, data.workingWeekends, data.shortDays]) {
      expect([...list].sort()).toEqual(list);
    }
    expect(data.source.length).toBeGreaterThan(10);
  });

  it.each(CALENDAR_YEARS.map((d) => [d.year] as const))('%i: every art. 112 holiday is a day off', (year) => {
    const art112 = ['01-01', '01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08', '02-23', '03-08', '05-01', '05-09', '06-12', '11-04'];
    for (const md of art112) {
      expect([`${year}-${md}`, isWorkingDay(`${year}-${md}`)]).toEqual([`${year}-${md}`, false]);
    }
  });
});

describe('working days per year', () => {
  it.each([
    [2024, 248],
    [2025, 247],
    [2026, 247],
    [2027, 247],
  ])('%i has %i working days', (year, expected) => {
    expect(workingDaysInYear(year)).toBe(expected);
    // Cross-check the cached count against a day-by-day walk.
    expect(datesOf(year).filter(isWorkingDay)).toHaveLength(expected);
    // 1 January is never a working day, so the half-open interval loses nothing.
    expect(workingDaysBetween(`${year}-01-01`, `${year}-12-31`)).toBe(expected);
  });

  // Published 40-hour-week norms: 8 h per working day minus 1 h per short day.
  it.each([
    [2024, 1979],
    [2025, 1972],
    [2026, 1972],
    [2027, 1972],
  ])('%i has an hour norm of %i (40-hour week)', (year, hours) => {
    const dates = datesOf(year);
    const total = dates.filter(isWorkingDay).length * 8 - dates.filter(isShortDay).length;
    expect(total).toBe(hours);
  });

  it.each([
    ['2025-04-30', '2025-05-31', 18], // May 2025
    ['2025-10-31', '2025-11-30', 19], // November 2025
    ['2025-12-31', '2026-01-31', 15], // January 2026
    ['2024-11-30', '2024-12-31', 21], // December 2024
  ])('(%s, %s] has %i working days', (from, to, expected) => {
    expect(workingDaysBetween(from, to)).toBe(expected);
  });
});

describe('transfers from the decrees', () => {
  it.each([
    // 2024
    ['2024-04-27', true], // Saturday worked for Mon 29 Apr
    ['2024-04-29', false],
    ['2024-04-30', false],
    ['2024-05-10', false], // from Sat 6 Jan
    ['2024-11-02', true], // Saturday worked for Tue 30 Apr
    ['2024-12-28', true], // Saturday worked for Mon 30 Dec
    ['2024-12-30', false],
    ['2024-12-31', false], // from Sun 7 Jan
    // 2025
    ['2025-05-02', false], // from Sat 4 Jan
    ['2025-05-08', false], // from Sun 23 Feb
    ['2025-06-13', false], // from Sat 8 Mar
    ['2025-02-24', true], // 23 Feb was moved to 8 May, not to the next Monday
    ['2025-03-10', true], // 8 Mar was moved to 13 Jun, not to the next Monday
    ['2025-11-01', true], // Saturday worked for Mon 3 Nov
    ['2025-11-03', false],
    ['2025-12-31', false], // from Sun 5 Jan
    ['2025-12-30', true],
    // 2026
    ['2026-01-09', false], // from Sat 3 Jan
    ['2026-01-12', true],
    ['2026-03-09', false], // art. 112: 8 Mar (Sun) moves to the next working day
    ['2026-05-11', false], // art. 112: 9 May (Sat) moves to the next working day
    ['2026-12-31', false], // from Sun 4 Jan
    // 2027 (provisional)
    ['2027-05-03', false],
    ['2027-05-10', false],
    ['2027-06-14', false],
  ])('%s working = %s', (date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });

  it('treats ordinary weekends and weekdays as such', () => {
    expect(isWorkingDay('2025-07-05')).toBe(false); // Saturday
    expect(isWorkingDay('2025-07-06')).toBe(false); // Sunday
    expect(isWorkingDay('2025-07-07')).toBe(true); // Monday
  });
});

describe('short days', () => {
  it.each([
    [2024, ['2024-02-22', '2024-03-07', '2024-05-08', '2024-06-11', '2024-11-02']],
    [2025, ['2025-03-07', '2025-04-30', '2025-06-11', '2025-11-01']],
    [2026, ['2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03']],
    [2027, ['2027-02-20', '2027-04-30', '2027-06-11', '2027-11-03']], // provisional year
  ])('%i short days', (year, expected) => {
    const short = datesOf(year).filter(isShortDay);
    expect(short).toEqual(expected);
    expect(short.every(isWorkingDay)).toBe(true);
  });

  it('does not shorten a working Saturday that replaces an ordinary day (28 Dec 2024)', () => {
    expect(isWorkingDay('2024-12-28')).toBe(true);
    expect(isShortDay('2024-12-28')).toBe(false);
  });

  it('is false for days off and ordinary working days', () => {
    expect(isShortDay('2025-05-01')).toBe(false);
    expect(isShortDay('2025-07-07')).toBe(false);
  });
});

describe('arithmetic around holidays', () => {
  it('3 working days before Mon 2026-01-12 is Fri 2025-12-26', () => {
    // 31 Dec 2025 - 11 Jan 2026 are all days off, so we land before New Year.
    expect(subtractWorkingDays('2026-01-12', 3)).toBe('2025-12-26');
    expect(workingDaysBetween('2025-12-26', '2026-01-12')).toBe(3);
  });

  it('3 working days before Mon 2025-05-12 crosses the 8-11 May days off', () => {
    expect(subtractWorkingDays('2025-05-12', 3)).toBe('2025-05-05');
    expect(subtractWorkingDays('2025-05-07', 3)).toBe('2025-04-30'); // and the 1-4 May ones
  });

  it('counts back from a due date that is itself a day off', () => {
    // Due on Sat 2025-11-08: the three working days before it are 7, 6, 5 Nov.
    expect(subtractWorkingDays('2025-11-08', 3)).toBe('2025-11-05');
  });

  it('addWorkingDays skips days off', () => {
    expect(addWorkingDays('2025-12-30', 1)).toBe('2026-01-12');
    expect(addWorkingDays('2024-10-31', 2)).toBe('2024-11-02'); // Fri, then working Sat
    expect(addWorkingDays('2025-05-07', 1)).toBe('2025-05-12');
  });

  it('n = 0 snaps a day off forward (add) or backward (subtract), keeps a working day', () => {
    expect(addWorkingDays('2025-07-07', 0)).toBe('2025-07-07');
    expect(subtractWorkingDays('2025-07-07', 0)).toBe('2025-07-07');
    expect(addWorkingDays('2026-01-01', 0)).toBe('2026-01-12');
    expect(subtractWorkingDays('2026-01-01', 0)).toBe('2025-12-30');
  });

  it('next/previous working day are strict', () => {
    expect(nextWorkingDay('2025-12-30')).toBe('2026-01-12');
    expect(nextWorkingDay('2025-07-07')).toBe('2025-07-08');
    expect(previousWorkingDay('2026-01-12')).toBe('2025-12-30');
    expect(previousWorkingDay('2025-11-03')).toBe('2025-11-01');
  });

  it('workingDaysBetween is half-open (from, to] and antisymmetric', () => {
    expect(workingDaysBetween('2025-07-07', '2025-07-07')).toBe(0);
    expect(workingDaysBetween('2025-07-07', '2025-07-08')).toBe(1);
    expect(workingDaysBetween('2025-07-04', '2025-07-07')).toBe(1); // Fri -> Mon
    expect(workingDaysBetween('2025-07-08', '2025-07-07')).toBe(-1);
    expect(workingDaysBetween('2026-01-12', '2025-12-26')).toBe(-3);
  });
});

describe('inverse properties over whole years', () => {
  const counts = [0, 1, 2, 3, 5, 10, 22];
  const dates = [...datesOf(2025), ...datesOf(2026)];

  it('subtract(add(d, n), n) === d and add(subtract(d, n), n) === d for working days', () => {
    for (const d of dates.filter(isWorkingDay)) {
      for (const n of counts) {
        expect([d, n, subtractWorkingDays(addWorkingDays(d, n), n)]).toEqual([d, n, d]);
        expect([d, n, addWorkingDays(subtractWorkingDays(d, n), n)]).toEqual([d, n, d]);
      }
    }
  });

  it('workingDaysBetween inverts add/subtract for every day and n > 0', () => {
    for (const d of dates) {
      for (const n of counts.filter((k) => k > 0)) {
        expect([d, n, workingDaysBetween(d, addWorkingDays(d, n))]).toEqual([d, n, n]);
        // (sub(d, n), d] holds the n - 1 working days counted after the result, plus d if d works.
        const expected = isWorkingDay(d) ? n : n - 1;
        expect([d, n, workingDaysBetween(subtractWorkingDays(d, n), d)]).toEqual([d, n, expected]);
      }
    }
  });

  it('results are always working days and next/previous are consistent', () => {
    for (const d of dates) {
      expect(isWorkingDay(addWorkingDays(d, 3))).toBe(true);
      expect(isWorkingDay(subtractWorkingDays(d, 3))).toBe(true);
      expect(nextWorkingDay(d)).toBe(addWorkingDays(d, 1));
      expect(previousWorkingDay(d)).toBe(subtractWorkingDays(d, 1));
      expect(workingDaysBetween(d, nextWorkingDay(d))).toBe(1);
    }
  });
});

describe('unsupported years', () => {
  it.each([2019, 2030])('%i throws CalendarYearNotSupportedError', (year) => {
    const calls = [
      () => isWorkingDay(`${year}-03-03`),
      () => isShortDay(`${year}-03-03`),
      () => workingDaysInYear(year),
      () => addWorkingDays(`${year}-03-03`, 1),
    ];
    for (const call of calls) {
      expect(call).toThrow(CalendarYearNotSupportedError);
      try {
        call();
      } catch (error) {
        expect(error).toBeInstanceOf(Error);
        expect((error as CalendarYearNotSupportedError).year).toBe(year);
        expect((error as Error).message).toContain(String(year));
      }
    }
  });

  it('throws instead of guessing when arithmetic runs past the data', () => {
    expect(() => addWorkingDays('2027-12-30', 5)).toThrow(CalendarYearNotSupportedError);
    expect(() => nextWorkingDay('2027-12-31')).toThrow(/2028/);
    expect(() => subtractWorkingDays('2024-01-09', 1)).toThrow(/2023/);
    expect(() => previousWorkingDay('2024-01-01')).toThrow(CalendarYearNotSupportedError);
    expect(() => workingDaysBetween('2023-12-29', '2024-01-10')).toThrow(CalendarYearNotSupportedError);
  });

  it('still answers for the first working day of the first year', () => {
    expect(subtractWorkingDays('2024-01-10', 1)).toBe('2024-01-09');
  });
});

describe('invalid input', () => {
  it.each([
    '2025-02-29', // not a leap year
    '2025-02-30',
    '2025-13-01',
    '2025-00-10',
    '2025-1-5',
    '25-01-05',
    '2025-01-05T00:00:00Z',
    ' 2025-01-05',
    '2025/01/05',
    '',
  ])('rejects %j', (input) => {
    expect(() => isWorkingDay(input)).toThrow(InvalidCalendarDateError);
    expect(() => isWorkingDay(input)).toThrow(/YYYY-MM-DD/);
  });

  it('rejects non-strings', () => {
    expect(() => isWorkingDay(undefined as unknown as string)).toThrow(InvalidCalendarDateError);
    expect(() => isWorkingDay(new Date() as unknown as string)).toThrow(InvalidCalendarDateError);
  });

  it('accepts 29 February in a leap year', () => {
    expect(isWorkingDay('2024-02-29')).toBe(true);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects working-day count %p', (n) => {
    expect(() => addWorkingDays('2025-07-07', n)).toThrow(RangeError);
    expect(() => subtractWorkingDays('2025-07-07', n)).toThrow(RangeError);
  });

  it('rejects a non-integer year', () => {
    expect(() => workingDaysInYear(2025.5)).toThrow(RangeError);
  });
});

describe('override layer (days set by an admin over the shipped data)', () => {
  afterEach(() => setCalendarOverrides([]));

  it('marks 2027 as provisional and the decreed years as final', () => {
    expect(isProvisionalYear(2027)).toBe(true);
    expect(isProvisionalYear(2026)).toBe(false);
    expect(calendarYear(2027).provisional).toBe(true);
  });

  it('applies the expected 2027 statement: Sat 13 Nov working instead of Sat 20 Feb', () => {
    expect(isWorkingDay('2027-11-13')).toBe(false);
    setCalendarOverrides(
      [
        { date: '2027-11-13', kind: 'working' },
        { date: '2027-02-20', kind: 'day_off' },
      ],
      'rev-1',
    );
    expect(isWorkingDay('2027-11-13')).toBe(true);
    expect(isWorkingDay('2027-02-20')).toBe(false);
    expect(isShortDay('2027-02-20')).toBe(false);
    expect(dayKind('2027-02-20')).toBe('day_off');
    expect(shippedDayKind('2027-02-20')).toBe('short');
    expect(workingDaysInYear(2027)).toBe(247);
    expect(nextWorkingDay('2027-11-12')).toBe('2027-11-13');
    expect(calendarOverridesRevision()).toBe('rev-1');
    expect(calendarOverrides().map((o) => o.date)).toEqual(['2027-02-20', '2027-11-13']);
    const view = calendarYear(2027);
    expect(view.days.find((d) => d.date === '2027-11-13')).toEqual({ date: '2027-11-13', kind: 'working', shippedKind: 'day_off', overridden: true });
  });

  it('moves deadlines at once', () => {
    // 3 working days before Monday 15 Nov 2027: Wed 10th normally; with Sat 13th working it is Thu 11th.
    expect(subtractWorkingDays('2027-11-15', 3)).toBe('2027-11-10');
    setCalendarOverrides([{ date: '2027-11-13', kind: 'working' }]);
    expect(subtractWorkingDays('2027-11-15', 3)).toBe('2027-11-11');
  });

  it('shortens a day or makes a working day a day off', () => {
    setCalendarOverrides([
      { date: '2026-12-30', kind: 'short' },
      { date: '2026-12-29', kind: 'day_off' },
    ]);
    expect(isShortDay('2026-12-30')).toBe(true);
    expect(isWorkingDay('2026-12-30')).toBe(true);
    expect(isWorkingDay('2026-12-29')).toBe(false);
    expect(workingDaysInYear(2026)).toBe(246);
  });

  it('refuses an override outside the supported years or with a bad kind, changing nothing', () => {
    setCalendarOverrides([{ date: '2027-11-13', kind: 'working' }]);
    expect(() => setCalendarOverrides([{ date: '2030-01-09', kind: 'working' }])).toThrow(CalendarYearNotSupportedError);
    expect(() => setCalendarOverrides([{ date: '2026-02-30', kind: 'working' }])).toThrow(InvalidCalendarDateError);
    expect(() => setCalendarOverrides([{ date: '2026-02-03', kind: 'holiday' as never }])).toThrow(RangeError);
    expect(isWorkingDay('2027-11-13')).toBe(true);
  });
});
