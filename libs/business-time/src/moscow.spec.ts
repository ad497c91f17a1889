import { addDays, daysBetween, formatRuDate, isDay, isoWeekday, moscowDay, moscowDayRange, moscowDaysRange, moscowInstant, moscowMonth, moscowToday, moscowWallClock } from './moscow';
import { monthPeriod, periodDates, periodRange } from './periods';

describe('the Moscow day of an instant', () => {
  it('turns over at Moscow midnight, not UTC midnight', () => {
    expect(moscowDay('2026-03-01T20:59:59Z')).toBe('2026-03-01');
    expect(moscowDay('2026-03-01T21:00:00Z')).toBe('2026-03-02');
    expect(moscowDay(new Date('2026-12-31T21:30:00Z'))).toBe('2027-01-01');
    expect(moscowToday(new Date('2026-11-30T22:00:00Z'))).toBe('2026-12-01');
    expect(moscowMonth('2026-01-31T21:00:00Z')).toBe('2026-02');
    expect(moscowWallClock('2026-03-02T06:05:07Z')).toEqual({ day: '2026-03-02', hour: 9, minute: 5, second: 7 });
  });

  it('maps a wall-clock time back to its instant', () => {
    expect(moscowInstant('2026-03-02', '09:00').toISOString()).toBe('2026-03-02T06:00:00.000Z');
    expect(moscowInstant('2026-01-01').toISOString()).toBe('2025-12-31T21:00:00.000Z');
    const { from, to } = moscowDayRange('2026-03-02');
    expect([from.toISOString(), to.toISOString()]).toEqual(['2026-03-01T21:00:00.000Z', '2026-03-02T21:00:00.000Z']);
    const open = moscowDaysRange('2026-03-01', null);
    expect(open.to).toBeNull();
    expect(moscowDaysRange('2026-03-01', '2026-03-31').to?.toISOString()).toBe('2026-03-31T21:00:00.000Z');
  });

  it('refuses what is not a day or an instant', () => {
    expect(() => moscowDay('yesterday')).toThrow(RangeError);
    expect(() => moscowInstant('2026-02-30')).toThrow(RangeError);
    expect(() => moscowInstant('2026-02-03', '24:00')).toThrow(RangeError);
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
  });

  it('does calendar arithmetic on days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(isoWeekday('2026-11-30')).toBe(1); // Monday
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(formatRuDate('2026-03-02')).toBe('02.03.2026');
    expect(formatRuDate(new Date('2026-03-01T21:00:00Z'))).toBe('02.03.2026');
  });
});

describe('period boundaries', () => {
  it('finds the day, week, month, quarter and year of a day', () => {
    expect(periodDates('2026-11-18', 'day')).toEqual({ first: '2026-11-18', last: '2026-11-18', next: '2026-11-19' });
    expect(periodDates('2026-11-18', 'week')).toEqual({ first: '2026-11-16', last: '2026-11-22', next: '2026-11-23' });
    expect(periodDates('2026-11-29', 'week').first).toBe('2026-11-23'); // Sunday belongs to the week before
    expect(periodDates('2026-02-14', 'month')).toEqual({ first: '2026-02-01', last: '2026-02-28', next: '2026-03-01' });
    expect(periodDates('2026-12-05', 'month').next).toBe('2027-01-01');
    expect(periodDates('2026-11-18', 'quarter')).toEqual({ first: '2026-10-01', last: '2026-12-31', next: '2027-01-01' });
    expect(periodDates('2026-05-18', 'quarter')).toEqual({ first: '2026-04-01', last: '2026-06-30', next: '2026-07-01' });
    expect(periodDates('2028-07-01', 'year')).toEqual({ first: '2028-01-01', last: '2028-12-31', next: '2029-01-01' });
  });

  it('gives periods as Moscow instants [from, to)', () => {
    // 23:30 UTC on 31 Jan is already 1 Feb in Moscow: February's range.
    const feb = periodRange('2026-01-31T23:30:00Z', 'month');
    expect([feb.from.toISOString(), feb.to.toISOString()]).toEqual(['2026-01-31T21:00:00.000Z', '2026-02-28T21:00:00.000Z']);
    const m = monthPeriod('2026-11');
    expect([m.first, m.last, m.from.toISOString()]).toEqual(['2026-11-01', '2026-11-30', '2026-10-31T21:00:00.000Z']);
    expect(() => monthPeriod('2026-13')).toThrow(RangeError);
  });
});
