import { createMain } from '../common/router';
import baselineClear from './actions/baselineClear';
import baselineCommit from './actions/baselineCommit';
import baselineDryRun from './actions/baselineDryRun';
import baselinePeriods from './actions/baselinePeriods';
import baselineReconcile from './actions/baselineReconcile';
import baselineSummary from './actions/baselineSummary';
import listBaselines from './actions/listBaselines';
import staffImportCommit from './actions/staffImportCommit';
import staffImportDryRun from './actions/staffImportDryRun';

/** Bulk imports (staff; 基础名单 with their 名单比对). Its own function because the xlsx parser is large: other bundles stay small. */
export const main = createMain('imports', { staffImportDryRun, staffImportCommit, baselineDryRun, baselineCommit, baselineClear, baselinePeriods, baselineSummary, listBaselines, baselineReconcile });
