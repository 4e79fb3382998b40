import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/**
 * Calendar keys in Asia/Shanghai. China has had no daylight saving time since 1991, so Shanghai time
 * is UTC+08:00 for every date the product handles; a fixed offset avoids depending on the device's
 * Intl time-zone data (old WeChat clients). `calendar.test.ts` checks this against dayjs's tz plugin.
 */
export const SHANGHAI_OFFSET_MINUTES = 8 * 60;

export const shanghai = (at: Date | number | string) => dayjs(at).utcOffset(SHANGHAI_OFFSET_MINUTES);

/** The calendar day in Shanghai, e.g. '2026-12-02' (daily caps, reminders "once a day"). */
export const shanghaiDay = (at: Date | number | string): string => shanghai(at).format('YYYY-MM-DD');

/** The calendar year in Shanghai (training hours per year). */
export const shanghaiYear = (at: Date | number | string): number => shanghai(at).year();

/**
 * ISO 8601 week in Shanghai: weeks start on Monday, week 1 holds the year's first Thursday, so
 * 2026-12-31 (Thursday) is 2026-W53 and 2027-01-01 too; 2024-12-30 (Monday) is 2025-W01.
 */
export function isoWeekKey(at: Date | number | string): string {
  const d = shanghai(at);
  const weekday = (d.day() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = d.add(3 - weekday, 'day');
  const isoYear = thursday.year();
  const jan4 = dayjs.utc(`${isoYear}-01-04`);
  const jan4Weekday = (jan4.day() + 6) % 7;
  const week1Monday = jan4.subtract(jan4Weekday, 'day');
  const mondayUtc = dayjs.utc(d.subtract(weekday, 'day').format('YYYY-MM-DD'));
  const week = Math.round(mondayUtc.diff(week1Monday, 'day') / 7) + 1;
  return `${isoYear}-W${String(week).padStart(2, '0')}`;
}

/** The instants a week key covers: [Monday 00:00, next Monday 00:00) in Shanghai. */
export function isoWeekRange(key: string): { start: Date; end: Date } {
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m) throw new Error(`bad ISO week key ${key}`);
  const [isoYear, week] = [Number(m[1]), Number(m[2])];
  const jan4 = dayjs.utc(`${isoYear}-01-04`);
  const week1Monday = jan4.subtract((jan4.day() + 6) % 7, 'day');
  const monday = week1Monday.add((week - 1) * 7, 'day').format('YYYY-MM-DD');
  const start = dayjs(`${monday}T00:00:00+08:00`);
  return { start: start.toDate(), end: start.add(7, 'day').toDate() };
}
