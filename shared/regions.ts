/**
 * Administrative division codes (GB/T 2260, extended to 9-digit towns by the maintained dataset).
 * Codes nest by prefix: province 2 digits, city 4, county 6, town 9. Scope checks and rollups
 * work on these prefixes, so they are pure string logic here.
 */
export type RegionLevel = 'province' | 'city' | 'county' | 'town';
export const REGION_LEVELS: readonly RegionLevel[] = ['province', 'city', 'county', 'town'];
export const REGION_LEVEL_ZH: Record<RegionLevel, string> = { province: '省级', city: '市级', county: '县级', town: '乡镇（街道）级' };
const LENGTH: Record<RegionLevel, number> = { province: 2, city: 4, county: 6, town: 9 };

export function regionLevelOf(code: string): RegionLevel | null {
  return (REGION_LEVELS.find((l) => LENGTH[l] === code.length) ?? null);
}

/** The region codes from province down to `code` itself, e.g. 370481 → [37, 3704, 370481]. */
export function regionPath(code: string): string[] {
  const out: string[] = [];
  for (const l of REGION_LEVELS) if (code.length >= LENGTH[l]) out.push(code.slice(0, LENGTH[l]));
  return out;
}

/** Denormalized region fields stored on enterprises and persons (for scoped, indexed queries). */
export interface RegionFields {
  provinceCode: string;
  cityCode: string;
  countyCode: string;
  townCode?: string;
}

export function regionFieldsOf(code: string): RegionFields {
  const p = regionPath(code);
  if (p.length < 3) throw new Error(`region code ${code} is above county level`);
  return { provinceCode: p[0], cityCode: p[1], countyCode: p[2], ...(p[3] ? { townCode: p[3] } : {}) };
}

export const REGION_FIELD: Record<RegionLevel, keyof RegionFields> = {
  province: 'provinceCode',
  city: 'cityCode',
  county: 'countyCode',
  town: 'townCode',
};

/** True when `code` lies inside (or is) the region `scopeCode`. */
export const regionContains = (scopeCode: string, code: string): boolean => code.startsWith(scopeCode);
