import { importsContracts, type BaselinePlan } from '../../../shared/contracts/imports';
import { defineAction } from '../../common/action';
import { baselineScope, loadBaselineFile, resolveRows } from '../baselineFile';

/** 基础名单 预检: parses the file, resolves every row's region against the caller's scope, and says what a commit would do; writes nothing. */
export default defineAction(importsContracts.baselineDryRun, {
  allow: ['regulator', 'sysadmin'],
  async run({ fileID, period, list }, ctx) {
    const scope = baselineScope(ctx);
    const file = await loadBaselineFile(ctx, fileID, list);
    const resolved = await resolveRows(ctx, scope, period, list, file.rows);
    const plan: BaselinePlan = { total: file.total, create: 0, update: 0, unchanged: 0, problems: [] };
    for (const r of resolved.rows) plan[r.kind]++;
    plan.problems = [...file.problems, ...resolved.problems].sort((a, b) => a.row - b.row);
    return plan;
  },
});
