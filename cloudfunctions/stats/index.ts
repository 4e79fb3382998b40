import { createMain } from '../common/router';
import bootstrap from './actions/bootstrap';
import nightly from './actions/nightly';
import reconcileCounts from './actions/reconcileCounts';
import rollupEnterpriseCounts from './actions/rollupEnterpriseCounts';

/** Rollups, dashboards and rankings. */
export const main = createMain('stats', { bootstrap, nightly, rollupEnterpriseCounts, reconcileCounts });
