import { statsContracts } from '../../../shared/contracts/stats';
import { defineAction } from '../../common/action';
import reconcileCounts from './reconcileCounts';
import rollupEnterpriseCounts from './rollupEnterpriseCounts';

/**
 * The stats function's only timer (CloudBase allows one trigger per function), daily at 02:00:
 * first the counters are checked against the records, then the regional rollups are rebuilt.
 */
export default defineAction(statsContracts.nightly, {
  allow: ['timer', 'sysadmin'],
  async run(input, ctx) {
    const reconciled = await reconcileCounts.run(input, ctx);
    const rollup = await rollupEnterpriseCounts.run(input, ctx);
    return { reconciled: { enterprises: reconciled.enterprises, drift: reconciled.drift.length }, rollup };
  },
});
