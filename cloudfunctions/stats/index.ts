import { createMain } from '../common/router';
import bootstrap from './actions/bootstrap';
import nightly from './actions/nightly';
import reconcileCounts from './actions/reconcileCounts';
import reconcileOversight from './actions/reconcileOversight';
import reissueSysadminPassword from './actions/reissueSysadminPassword';
import rollupEnterpriseCounts from './actions/rollupEnterpriseCounts';

/** Rollups, dashboards and rankings. */
export const main = createMain('stats', { bootstrap, reissueSysadminPassword, nightly, rollupEnterpriseCounts, reconcileCounts, reconcileOversight });
