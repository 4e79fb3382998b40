import { statsContracts } from '../../../shared/contracts/stats';
import { defineAction } from '../../common/action';
import reconcileCounts from './reconcileCounts';
import rollupEnterpriseCounts from './rollupEnterpriseCounts';
import { reconcileOversight } from '../reconcileOversight';
import { reconcileBaselineRollups } from '../../common/baselines';

/**
 * The stats function's only timer (CloudBase allows one trigger per function), daily at 02:00:
 * first the counters are checked against the records, then the regional rollups are rebuilt, then
 * the oversight and learning rollups are recomputed from the records (drift fixed and reported),
 * and the 基础名单 rollups from their rows.
 */
export default defineAction(statsContracts.nightly, {
  allow: ['timer', 'sysadmin'],
  async run(input, ctx) {
    const reconciled = await reconcileCounts.run(input, ctx);
    const rollup = await rollupEnterpriseCounts.run(input, ctx);
    const ov = await reconcileOversight(ctx.db, { fix: true, log: ctx.log });
    // 基础名单 rollups (docs/oversight-baselines.md) against their rows.
    const baselines = await reconcileBaselineRollups(ctx.db, ctx.now());
    return { reconciled: { enterprises: reconciled.enterprises, drift: reconciled.drift.length }, rollup, oversight: { documents: ov.documents, drift: ov.drift }, baselines };
  },
});
