/**
 * CloudBase timer triggers use 7-field cron (second minute hour day month weekday year) in UTC+8.
 * A small matcher is enough for the local cloud; deploy validates expressions with the same parser.
 */
const FIELDS = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'weekday', min: 0, max: 6 },
  { name: 'year', min: 1970, max: 2099 },
] as const;

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export type Cron = Set<number>[];

function parseValue(v: string, field: number): number {
  const upper = v.toUpperCase();
  if (field === 4 && MONTHS.includes(upper)) return MONTHS.indexOf(upper) + 1;
  if (field === 5 && DAYS.includes(upper)) return DAYS.indexOf(upper);
  if (!/^\d+$/.test(v)) throw new Error(`bad cron value "${v}" in ${FIELDS[field].name}`);
  return Number(v);
}

export function parseCron(expr: string): Cron {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 7) throw new Error(`cron needs 7 fields (second minute hour day month weekday year): "${expr}"`);
  return parts.map((part, i) => {
    const { min, max } = FIELDS[i];
    const set = new Set<number>();
    for (const item of part.split(',')) {
      const [range, stepRaw] = item.split('/');
      const step = stepRaw === undefined ? 1 : Number(stepRaw);
      if (!Number.isInteger(step) || step < 1) throw new Error(`bad cron step in "${item}"`);
      let lo: number;
      let hi: number;
      if (range === '*') [lo, hi] = [min, max];
      else if (range.includes('-')) {
        const [a, b] = range.split('-');
        [lo, hi] = [parseValue(a, i), parseValue(b, i)];
      } else {
        lo = parseValue(range, i);
        hi = stepRaw === undefined ? lo : max;
      }
      if (lo < min || hi > max || lo > hi) throw new Error(`cron ${FIELDS[i].name} out of range in "${item}"`);
      for (let v = lo; v <= hi; v += step) set.add(v);
    }
    return set;
  });
}

/** Does `date` (an instant) match, reading the wall clock in UTC+8 as CloudBase does? */
export function cronMatches(cron: Cron, date: Date): boolean {
  const t = new Date(date.getTime() + 8 * 3600 * 1000);
  const values = [t.getUTCSeconds(), t.getUTCMinutes(), t.getUTCHours(), t.getUTCDate(), t.getUTCMonth() + 1, t.getUTCDay(), t.getUTCFullYear()];
  return values.every((v, i) => cron[i].has(v));
}
