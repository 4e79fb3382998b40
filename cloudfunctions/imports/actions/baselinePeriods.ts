import { importsContracts } from '../../../shared/contracts/imports';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { baselineScope } from '../baselineFile';

/** The periods with baselines in the caller's region (from its rollup documents), newest first. */
export default defineAction(importsContracts.baselinePeriods, {
  allow: ['regulator', 'sysadmin'],
  async run(_input, ctx) {
    const scope = baselineScope(ctx);
    const where = scope.regionCode ? { regionCode: scope.regionCode, kind: 'baseline' } : { parentCode: '', kind: 'baseline' };
    const res = await ctx.db.collection(C.stats).where(where).field({ period: true, enterprises: true, insuredEnterprises: true }).limit(1000).get<{ period: string; enterprises: number; insuredEnterprises: number }>();
    const periods = [...new Set(res.data.filter((d) => d.enterprises || d.insuredEnterprises).map((d) => d.period))].sort().reverse();
    return { periods };
  },
});
