import { addWorkingHours, addWorkingMinutes, isWorkingTime, nextWorkingMoment, workingDaysDeadline, workingMinutesBetween, workingWindow } from './working-time';

const iso = (d: Date) => d.toISOString();

describe('working hours (09:00–18:00 Moscow, short days end at 17:00)', () => {
  it('knows the window of a day', () => {
    const w = workingWindow('2026-11-30')!; // Monday
    expect([iso(w.start), iso(w.end)]).toEqual(['2026-11-30T06:00:00.000Z', '2026-11-30T15:00:00.000Z']);
    expect(workingWindow('2026-11-29')).toBeNull(); // Sunday
    expect(workingWindow('2026-11-04')).toBeNull(); // Unity Day
    expect(iso(workingWindow('2026-11-03')!.end)).toBe('2026-11-03T14:00:00.000Z'); // short pre-holiday day: 17:00
  });

  it('tells working time from the rest', () => {
    expect(isWorkingTime('2026-11-30T06:00:00Z')).toBe(true); // 09:00
    expect(isWorkingTime('2026-11-30T15:00:00Z')).toBe(false); // 18:00
    expect(isWorkingTime('2026-11-29T08:00:00Z')).toBe(false); // Sunday 11:00
  });

  it('finds the next working moment', () => {
    expect(iso(nextWorkingMoment('2026-11-30T07:00:00Z'))).toBe('2026-11-30T07:00:00.000Z');
    expect(iso(nextWorkingMoment('2026-11-30T03:00:00Z'))).toBe('2026-11-30T06:00:00.000Z'); // 06:00 → 09:00
    expect(iso(nextWorkingMoment('2026-11-27T16:00:00Z'))).toBe('2026-11-30T06:00:00.000Z'); // Friday 19:00 → Monday 09:00
    expect(iso(nextWorkingMoment('2026-11-03T14:30:00Z'))).toBe('2026-11-05T06:00:00.000Z'); // after the short day, over the holiday
  });

  it('adds working hours across nights, weekends and holidays', () => {
    expect(iso(addWorkingHours('2026-11-30T06:00:00Z', 9))).toBe('2026-11-30T15:00:00.000Z'); // 09:00 + 9 h = 18:00
    expect(iso(addWorkingHours('2026-11-27T14:00:00Z', 2))).toBe('2026-11-30T07:00:00.000Z'); // Fri 17:00 + 2 h = Mon 10:00
    expect(iso(addWorkingMinutes('2026-11-03T13:30:00Z', 60))).toBe('2026-11-05T06:30:00.000Z'); // 16:30 on a short day + 1 h
    expect(iso(addWorkingMinutes('2026-11-29T10:00:00Z', 0))).toBe('2026-11-30T06:00:00.000Z');
    expect(() => addWorkingMinutes('2026-11-30T06:00:00Z', -1)).toThrow(RangeError);
  });

  it('counts working minutes between two instants', () => {
    expect(workingMinutesBetween('2026-11-27T14:00:00Z', '2026-11-30T07:00:00Z')).toBe(120);
    expect(workingMinutesBetween('2026-11-30T07:00:00Z', '2026-11-27T14:00:00Z')).toBe(0);
    expect(workingMinutesBetween('2026-11-02T00:00:00Z', '2026-11-09T00:00:00Z')).toBe(9 * 60 + 8 * 60 + 9 * 60 * 2); // Mon, short Tue, (Wed 4th off), Thu, Fri
  });

  it('sets a deadline N working days after arrival, at the end of that day', () => {
    // A complaint on Friday evening 27 Nov: 3 working days → Wednesday 2 Dec, 18:00.
    const d = workingDaysDeadline('2026-11-27T17:00:00Z', 3);
    expect(d.day).toBe('2026-12-02');
    expect(iso(d.at)).toBe('2026-12-02T15:00:00.000Z');
    // Arrived on Saturday 23:30 Moscow: the day of arrival is Saturday; +1 → Monday.
    expect(workingDaysDeadline('2026-11-28T20:30:00Z', 1).day).toBe('2026-11-30');
    // Over the 4 November holiday with a short 3rd.
    expect(workingDaysDeadline('2026-11-02T10:00:00Z', 2).day).toBe('2026-11-05');
  });
});
