import { createMain } from '../common/router';
import staffImportCommit from './actions/staffImportCommit';
import staffImportDryRun from './actions/staffImportDryRun';

/** Bulk staff import. Its own function because the xlsx parser is large: other bundles stay small. */
export const main = createMain('imports', { staffImportDryRun, staffImportCommit });
