import { createMain } from '../common/router';
import nightly from './actions/nightly';
import reconcileCounts from './actions/reconcileCounts';
import rollupEnterpriseCounts from './actions/rollupEnterpriseCounts';

/** Rollups, dashboards and rankings. */
export const main = createMain('stats', { nightly, rollupEnterpriseCounts, reconcileCounts });
