import type { EnterpriseBrief } from '@shared/contracts';

/**
 * An enterprise picked on 首页, handed to 注册 / 更换企业 in the URL (`?enterprise=…`): only its
 * public search data (name, credit code, region), so a reload keeps it.
 */
export function enterpriseParam(e: EnterpriseBrief): string {
  return encodeURIComponent(JSON.stringify({ _id: e._id, name: e.name, creditCode: e.creditCode, regionName: e.regionName }));
}

export function enterpriseFromParam(raw?: string): EnterpriseBrief | null {
  if (!raw) return null;
  try {
    // Taro may hand the value over decoded already; decoding a JSON text twice is harmless unless it has '%'.
    const text = raw.trim().startsWith('{') ? raw : decodeURIComponent(raw);
    const e = JSON.parse(text) as Partial<EnterpriseBrief>;
    return typeof e._id === 'string' && typeof e.name === 'string'
      ? { _id: e._id, name: e.name, creditCode: String(e.creditCode ?? ''), regionName: String(e.regionName ?? '') }
      : null;
  } catch {
    return null;
  }
}
