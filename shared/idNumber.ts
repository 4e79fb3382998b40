/**
 * Resident identity numbers (GB 11643-1999): 6-digit region + YYYYMMDD + 3-digit sequence + check.
 * Pure; used by the mini-program for instant feedback and by the functions before any write.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Full-width digits/letters and spaces are common when people paste from documents. */
export function normalizeIdNumber(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .toUpperCase();
}

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export type IdNumberProblem = 'format' | 'birthDate' | 'checksum';

export function checkIdNumber(raw: string, today: Date = new Date()): { ok: true; value: string } | { ok: false; problem: IdNumberProblem } {
  const value = normalizeIdNumber(raw);
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return { ok: false, problem: 'format' };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const realDate = birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
  if (!realDate || y < 1900 || birth.getTime() > today.getTime()) return { ok: false, problem: 'birthDate' };
  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'checksum' };
  return { ok: true, value };
}

export const isValidIdNumber = (raw: string): boolean => checkIdNumber(raw).ok;

export const ID_NUMBER_PROBLEM_ZH: Record<IdNumberProblem, string> = {
  format: '身份证号码应为18位，最后一位可以是数字或X',
  birthDate: '身份证号码中的出生日期不是真实日期',
  checksum: '身份证号码校验位不正确，请核对',
};

/** `3704**********123X`: region prefix and last four only. */
export function maskIdNumber(value: string): string {
  if (value.length < 8) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}

export function genderOfIdNumber(value: string): 'male' | 'female' {
  return Number(value[16]) % 2 === 1 ? 'male' : 'female';
}

export function birthDateOfIdNumber(value: string): string {
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
}

/** Builds a valid number (demo data and tests). */
export function makeIdNumber(region6: string, birthYYYYMMDD: string, seq3: string): string {
  const first17 = region6 + birthYYYYMMDD + seq3;
  return first17 + idNumberCheckChar(first17);
}
