import { createMain } from '../common/router';
import annex3 from './actions/annex3';
import annex4 from './actions/annex4';
import auditLogs from './actions/auditLogs';
import complianceList from './actions/complianceList';
import dashboard from './actions/dashboard';
import enterpriseArchive from './actions/enterpriseArchive';
import monthlyReport from './actions/monthlyReport';
import personArchive from './actions/personArchive';
import rankings from './actions/rankings';
import searchArchives from './actions/searchArchives';
import todos from './actions/todos';
import weeklyReport from './actions/weeklyReport';

/** Oversight reads for regulators and enterprise admins (docs/oversight-design.md): rollups only, never scans of persons. */
export const main = createMain('oversight', { dashboard, weeklyReport, monthlyReport, annex3, annex4, rankings, searchArchives, enterpriseArchive, personArchive, complianceList, todos, auditLogs });
