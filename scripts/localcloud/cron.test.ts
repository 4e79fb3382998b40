import { cronMatches, parseCron } from './cron';

const at = (iso: string) => new Date(iso);

describe('7-field cron in UTC+8', () => {
  it('matches 02:00:00 Beijing time daily', () => {
    const c = parseCron('0 0 2 * * * *');
    expect(cronMatches(c, at('2026-11-23T18:00:00Z'))).toBe(true); // 02:00 on the 24th in UTC+8
    expect(cronMatches(c, at('2026-11-23T02:00:00Z'))).toBe(false);
    expect(cronMatches(c, at('2026-11-23T18:00:01Z'))).toBe(false);
  });
  it('supports steps, ranges, lists and names', () => {
    const c = parseCron('*/15 0 9-17 * * MON-FRI *');
    expect(cronMatches(c, at('2026-11-23T01:00:30Z'))).toBe(true); // Monday 09:00:30
    expect(cronMatches(c, at('2026-11-22T01:00:30Z'))).toBe(false); // Sunday
    expect(parseCron('0 0 10,14,16 * * * *')[2]).toEqual(new Set([10, 14, 16]));
    expect(parseCron('0 0 0 1 JAN * *')[4]).toEqual(new Set([1]));
  });
  it('rejects malformed expressions', () => {
    expect(() => parseCron('0 0 2 * * *')).toThrow(/7 fields/);
    expect(() => parseCron('0 61 * * * * *')).toThrow(/out of range/);
    expect(() => parseCron('0 x * * * * *')).toThrow(/bad cron value/);
  });
});
