import { importsContracts } from '../../../shared/contracts/imports';
import { defineAction } from '../../common/action';
import { recomputeBaselineRollups } from '../../common/baselines';
import { C } from '../../common/db';
import { scopeConditions } from '../../common/scope';
import { baselineScope } from '../baselineFile';

/**
 * Removes a period's list in the caller's scope (its region subtree and industries, narrowed by the
 * request), then recomputes the rollups of the counties it held. Replaying it removes nothing more.
 */
export default defineAction(importsContracts.baselineClear, {
  allow: ['regulator', 'sysadmin'],
  async run({ period, list, regionCode, industry }, ctx) {
    baselineScope(ctx);
    const { db } = ctx;
    const _ = db.command;
    const where = _.and([{ period, list }, ...scopeConditions(_, ctx.principal, { requestedRegion: regionCode, requestedIndustry: industry })]);
    const counties = await db.collection(C.baselines).aggregate().match(where).group({ _id: '$countyCode' }).limit(10000).end<{ _id: string }>();
    if (!counties.list.length) return { removed: 0 };
    const res = await db.collection(C.baselines).where(where).remove();
    await recomputeBaselineRollups(db, period, counties.list.map((c) => c._id), ctx.now());
    await ctx.audit({ action: 'baselineClear', targetType: 'baselines', targetId: `${period}:${list}`, details: { regionCode: regionCode ?? null, industry: industry ?? null, removed: res.stats.removed } });
    return { removed: res.stats.removed };
  },
});
