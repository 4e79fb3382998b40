import { examAdminContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { ownEnterpriseId } from '../../common/enterprises';
import { loadScoreFile } from '../scoreFile';

/** 成绩上传预检: per-row problems by row and column; how many results are new and how many already uploaded. Writes nothing. */
export default defineAction(examAdminContracts.scoreUploadDryRun, {
  allow: ['enterpriseAdmin'],
  async run({ fileID, fullScore, passScore }, ctx) {
    const enterpriseId = ownEnterpriseId(ctx.principal);
    const file = await loadScoreFile(ctx, fileID, enterpriseId, { fullScore, passScore });
    const _ = ctx.db.command;
    let unchanged = 0;
    for (let i = 0; i < file.rows.length; i += 500) {
      const ids = file.rows.slice(i, i + 500).map((r) => r._id);
      const have = await ctx.db.collection(C.uploadedScores).where({ _id: _.in(ids) }).field({ _id: true }).limit(ids.length).get();
      unchanged += have.data.length;
    }
    return { total: file.total, create: file.rows.length - unchanged, unchanged, problems: file.problems };
  },
});
