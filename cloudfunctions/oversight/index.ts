import { createMain } from '../common/router';
import dashboard from './actions/dashboard';

/** Oversight reads for regulators and enterprise admins (docs/oversight-design.md): rollups only, never scans of persons. */
export const main = createMain('oversight', { dashboard });
