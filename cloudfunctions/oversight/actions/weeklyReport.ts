import { oversightContracts } from '../../../shared/contracts/oversight';
import { defineAction } from '../../common/action';
import { periodReport } from '../report';

/**
 * 周通报 of a region for an ISO week (the last 12): rollup documents and 基础名单 rollups only, two
 * batches of parallel reads whatever the population. A regulator reads its region subtree (a region
 * outside answers NOT_IN_SCOPE, as an unknown code does); the sysadmin any region.
 */
export default defineAction(oversightContracts.weeklyReport, {
  allow: ['regulator', 'sysadmin'],
  run: (input, ctx) => periodReport(ctx, 'week', input.week, input.regionCode),
});
