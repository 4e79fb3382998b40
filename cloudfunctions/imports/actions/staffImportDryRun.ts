import { importsContracts, type ImportPlan } from '../../../shared/contracts/imports';
import { defineAction } from '../../common/action';
import { classify, loadStaffFile, ownEnterpriseId } from '../staffImportFile';

const ELSEWHERE_LISTED = 500;

/** Parses and validates every row and says what a commit would do; writes nothing. */
export default defineAction(importsContracts.staffImportDryRun, {
  allow: ['enterpriseAdmin'],
  async run({ fileID }, ctx) {
    const enterpriseId = ownEnterpriseId(ctx);
    const file = await loadStaffFile(ctx, fileID, enterpriseId);
    const plan: ImportPlan = { total: file.total, create: 0, update: 0, unchanged: 0, elsewhere: 0, elsewhereRows: [], problems: file.problems };
    for (const c of await classify(ctx, file.rows, enterpriseId)) {
      plan[c.kind]++;
      // The sheet's own name only: nothing about the registered person is revealed.
      if (c.kind === 'elsewhere' && plan.elsewhereRows.length < ELSEWHERE_LISTED) plan.elsewhereRows.push({ row: c.row.row, name: c.row.name });
    }
    return plan;
  },
});
