import { REGION_FIELD, regionContains, regionLevelOf } from '../../shared/regions';
import type { IndustryCode } from '../../shared/taxonomy';
import { AppError } from './errors';
import type { Database } from './db';
import type { Principal } from './principal';

/**
 * Query conditions that confine a console caller to its scope: a regulator to its region subtree
 * (and industries, if its account is limited), an enterprise admin to its enterprise. Used on
 * collections that carry the denormalized region fields (enterprises, persons, …).
 */
export function scopeConditions(
  _: Database['command'],
  p: Principal,
  opts: { requestedRegion?: string; requestedIndustry?: IndustryCode; enterpriseField?: string } = {},
): Record<string, unknown>[] {
  if (p.kind !== 'account') throw new AppError('FORBIDDEN');
  const conds: Record<string, unknown>[] = [];
  const { requestedRegion, requestedIndustry } = opts;
  if (p.role === 'enterpriseAdmin') {
    if (!p.enterpriseId) throw new AppError('FORBIDDEN');
    conds.push({ [opts.enterpriseField ?? 'enterpriseId']: p.enterpriseId });
  }
  if (p.role === 'regulator') {
    if (!p.regionCode) throw new AppError('FORBIDDEN');
    if (requestedRegion && !regionContains(p.regionCode, requestedRegion)) throw new AppError('NOT_IN_SCOPE');
    if (!requestedRegion) conds.push(regionCondition(p.regionCode));
    if (p.industries?.length) {
      if (requestedIndustry && !p.industries.includes(requestedIndustry)) throw new AppError('NOT_IN_SCOPE');
      if (!requestedIndustry) conds.push({ industry: p.industries.length === 1 ? p.industries[0] : _.in(p.industries) });
    }
  }
  if (requestedRegion) conds.push(regionCondition(requestedRegion));
  if (requestedIndustry) conds.push({ industry: requestedIndustry });
  return conds;
}

/** Equality on the denormalized field of the region's level (indexed), not a prefix scan. */
export function regionCondition(code: string): Record<string, string> {
  const level = regionLevelOf(code);
  if (!level) throw new AppError('REGION_INVALID');
  return { [REGION_FIELD[level]]: code };
}
