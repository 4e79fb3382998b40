import { baselineRollupId, emptyTotals, addTotals, type BaselineRollup, type BaselineTotals } from '../../../shared/baselines';
import { importsContracts, type BaselineSummary } from '../../../shared/contracts/imports';
import { regionContains } from '../../../shared/regions';
import { INDUSTRY_CODES, type IndustryCode } from '../../../shared/taxonomy';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { baselineScope } from '../baselineFile';

/**
 * A period's baseline totals for a region (the caller's own by default) with its children and its
 * industry breakdown: reads the region's rollup and its children's (O(children)), never the rows.
 * An account limited to industries sees only those industries' totals.
 */
export default defineAction(importsContracts.baselineSummary, {
  allow: ['regulator', 'sysadmin'],
  async run({ period, regionCode, industry }, ctx) {
    const scope = baselineScope(ctx);
    const { db } = ctx;
    if (regionCode && scope.regionCode && !regionContains(scope.regionCode, regionCode)) throw new AppError('NOT_IN_SCOPE');
    if (industry && scope.industries && !scope.industries.includes(industry)) throw new AppError('NOT_IN_SCOPE');
    let root = regionCode ?? scope.regionCode;
    if (!root) {
      const provinces = await db.collection(C.stats).where({ parentCode: '', period, kind: 'baseline' }).limit(10).get<BaselineRollup>();
      root = provinces.data[0]?.regionCode ?? null;
    }
    const empty: BaselineSummary = { period, regionCode: root ?? '', totals: emptyTotals(), children: [], byIndustry: [] };
    if (!root) return empty;
    const [self, children] = await Promise.all([
      db.collection(C.stats).doc(baselineRollupId(period, root)).get(),
      db.collection(C.stats).where({ parentCode: root, period, kind: 'baseline' }).limit(1000).get<BaselineRollup>(),
    ]);
    const selfDoc = (Array.isArray(self.data) ? self.data[0] : self.data) as BaselineRollup | null;
    const allowed: readonly IndustryCode[] | null = industry ? [industry] : scope.industries;
    const totalsOf = (r: BaselineRollup | null | undefined): BaselineTotals => {
      if (!r) return emptyTotals();
      if (!allowed) return { enterprises: r.enterprises, insuredEnterprises: r.insuredEnterprises, insured: r.insured };
      const t = emptyTotals();
      for (const i of allowed) addTotals(t, r.byIndustry?.[i] ?? {});
      return t;
    };
    const codes = children.data.map((c) => c.regionCode);
    const names = codes.length
      ? new Map((await db.collection(C.regions).where({ _id: db.command.in(codes) }).field({ fullName: true }).limit(codes.length).get<{ _id: string; fullName: string }>()).data.map((r) => [r._id, r.fullName]))
      : new Map<string, string>();
    return {
      period,
      regionCode: root,
      totals: totalsOf(selfDoc),
      children: children.data
        .map((c) => ({ regionCode: c.regionCode, regionName: names.get(c.regionCode) ?? c.regionCode, ...totalsOf(c) }))
        .filter((c) => c.enterprises || c.insuredEnterprises)
        .sort((a, b) => a.regionCode.localeCompare(b.regionCode)),
      byIndustry: INDUSTRY_CODES.filter((i) => !allowed || allowed.includes(i))
        .map((i) => ({ industry: i, ...addTotals(emptyTotals(), selfDoc?.byIndustry?.[i] ?? {}) }))
        .filter((x) => x.enterprises || x.insuredEnterprises),
    };
  },
});
