import type { AccountView, ConsoleRole } from '@shared/contracts/identity';
import { REGION_LEVEL_ZH } from '@shared/regions';

export const ROLE_ZH: Record<ConsoleRole, string> = {
  sysadmin: '系统管理员',
  regulator: '监管部门',
  enterpriseAdmin: '企业管理员',
};

/** "县级监管", "系统管理员", "企业管理员": the role as a regulator reads it. */
export function roleLabel(a: AccountView): string {
  if (a.role === 'regulator' && a.regionLevel) return `${REGION_LEVEL_ZH[a.regionLevel]}监管`;
  return ROLE_ZH[a.role];
}

/** Where the account's authority applies: its region, or its enterprise. */
export function scopeLabel(a: AccountView): string {
  if (a.role === 'enterpriseAdmin') return a.enterpriseName ?? '';
  if (a.role === 'regulator') return a.regionName ?? '';
  return a.regionName ?? '全部区域';
}

/**
 * "山东省枣庄市滕州市南沙河镇" seen by the 滕州市 regulator → "南沙河镇": inside one scope the shared
 * prefix is noise. Falls back to the full name when it is the scope itself or lies elsewhere.
 * (Full names are what the server sends; a short name per level in the contract would be cleaner.)
 */
export function shortRegionName(full: string, scopeName: string | undefined): string {
  if (!full || !scopeName || full === scopeName || !full.startsWith(scopeName)) return full;
  return full.slice(scopeName.length);
}
