/**
 * Unified social credit codes (GB 32100-2015): 18 chars from 0-9A-Z without I O Z S V.
 * Position 1 registering authority, 2 organisation type, 3–8 region, 9–17 org code, 18 check.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function normalizeCreditCode(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000-]/g, '')
    .toUpperCase();
}

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

export type CreditCodeProblem = 'format' | 'checksum';

export function checkCreditCode(raw: string): { ok: true; value: string } | { ok: false; problem: CreditCodeProblem; value: string } {
  const value = normalizeCreditCode(raw);
  if (!/^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/.test(value)) return { ok: false, problem: 'format', value };
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'checksum', value };
  return { ok: true, value };
}

export const isValidCreditCode = (raw: string): boolean => checkCreditCode(raw).ok;

export const CREDIT_CODE_PROBLEM_ZH: Record<CreditCodeProblem, string> = {
  format: '统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）',
  checksum: '统一社会信用代码校验位不正确，请核对营业执照',
};

/** Builds a valid code (demo data and tests): 91 = enterprise registered by market regulation. */
export function makeCreditCode(region6: string, orgCode9: string, prefix2 = '91'): string {
  const first17 = prefix2 + region6 + orgCode9;
  return first17 + creditCodeCheckChar(first17);
}
