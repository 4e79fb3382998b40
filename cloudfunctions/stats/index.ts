import { createMain } from '../common/router';
import rollupEnterpriseCounts from './actions/rollupEnterpriseCounts';

/** Rollups, dashboards and rankings. */
export const main = createMain('stats', { rollupEnterpriseCounts });
