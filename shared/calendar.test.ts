import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import isoWeek from 'dayjs/plugin/isoWeek';
import { isoWeekKey, isoWeekRange, shanghaiDay, shanghaiYear } from './calendar';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(isoWeek);

describe('Shanghai calendar', () => {
  it('the day and year turn at midnight Shanghai time, not UTC', () => {
    expect(shanghaiDay(new Date('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
    expect(shanghaiDay(new Date('2026-12-01T16:00:00Z'))).toBe('2026-12-02');
    expect(shanghaiYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
    expect(shanghaiYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
  });

  it('ISO weeks: Monday start, week 1 holds the first Thursday, year edges', () => {
    expect(isoWeekKey(new Date('2026-12-02T04:00:00Z'))).toBe('2026-W49');
    expect(isoWeekKey(new Date('2024-12-30T04:00:00Z'))).toBe('2025-W01'); // Monday before New Year
    expect(isoWeekKey(new Date('2027-01-01T04:00:00Z'))).toBe('2026-W53'); // 2026 has 53 weeks
    expect(isoWeekKey(new Date('2021-01-03T04:00:00Z'))).toBe('2020-W53'); // Sunday
    expect(isoWeekKey(new Date('2021-01-04T04:00:00Z'))).toBe('2021-W01');
  });

  it('the week turns on Monday 00:00 in Shanghai (Sunday 16:00 UTC)', () => {
    expect(isoWeekKey(new Date('2026-12-06T15:59:59Z'))).toBe('2026-W49');
    expect(isoWeekKey(new Date('2026-12-06T16:00:00Z'))).toBe('2026-W50');
  });

  it('agrees with dayjs tz(Asia/Shanghai) + isoWeek over three years, hour by hour every 7 hours', () => {
    const start = Date.parse('2024-12-20T00:00:00Z');
    for (let t = start; t < start + 3 * 366 * 86400_000; t += 7 * 3600_000) {
      const z = dayjs(t).tz('Asia/Shanghai');
      const expected = `${z.isoWeekYear()}-W${String(z.isoWeek()).padStart(2, '0')}`;
      expect(isoWeekKey(t)).toBe(expected);
      expect(shanghaiDay(t)).toBe(z.format('YYYY-MM-DD'));
    }
  });

  it('a week range covers exactly its instants', () => {
    const { start, end } = isoWeekRange('2026-W49');
    expect(start.toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-12-06T16:00:00.000Z');
    expect(isoWeekKey(start)).toBe('2026-W49');
    expect(isoWeekKey(end.getTime() - 1)).toBe('2026-W49');
    expect(isoWeekKey(end)).toBe('2026-W50');
    expect(isoWeekRange('2025-W01').start.toISOString()).toBe('2024-12-29T16:00:00.000Z');
    expect(() => isoWeekRange('2026-49')).toThrow();
  });
});
