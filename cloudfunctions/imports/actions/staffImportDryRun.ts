import { importsContracts } from '../../../shared/contracts/imports';
import { defineAction } from '../../common/action';
import { classify, loadStaffFile, ownEnterpriseId } from '../staffImportFile';

/** Parses and validates every row and says what a commit would do; writes nothing. */
export default defineAction(importsContracts.staffImportDryRun, {
  allow: ['enterpriseAdmin'],
  async run({ fileID }, ctx) {
    const enterpriseId = ownEnterpriseId(ctx);
    const file = await loadStaffFile(ctx, fileID, enterpriseId);
    const plan = { total: file.total, create: 0, update: 0, unchanged: 0, transfer: 0, problems: file.problems };
    for (const c of await classify(ctx, file.rows, enterpriseId)) plan[c.kind]++;
    return plan;
  },
});
