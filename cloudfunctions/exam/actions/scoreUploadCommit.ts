import { examAdminContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { isDuplicateKey } from '../../common/dbErrors';
import { ownEnterpriseId } from '../../common/enterprises';
import { AppError } from '../../common/errors';
import { mapLimit } from '../limit';
import { loadScoreFile, type UploadedScoreDoc } from '../scoreFile';

/**
 * Commits rows [offset, offset+limit) of a score file without problems into the persons' records
 * (`uploadedScores`, source 'uploaded'). One result per person, exam name and date (the `_id`):
 * a replayed or parallel chunk, or the same result in another file, adds nothing.
 */
export default defineAction(examAdminContracts.scoreUploadCommit, {
  allow: ['enterpriseAdmin'],
  async run({ fileID, fullScore, passScore, offset, limit }, ctx) {
    const enterpriseId = ownEnterpriseId(ctx.principal);
    const { db } = ctx;
    const _ = db.command;
    const file = await loadScoreFile(ctx, fileID, enterpriseId, { fullScore, passScore });
    if (file.problems.length) throw new AppError('SCORE_UPLOAD_INVALID', `成绩文件有${file.problems.length}处错误，请修正后重新上传`, { problems: file.problems });
    const slice = file.rows.slice(offset, offset + limit);
    const result = { processed: Math.min(offset + slice.length, file.rows.length), total: file.rows.length, done: offset + slice.length >= file.rows.length, created: 0, skipped: 0 };
    if (!slice.length) return result;
    const now = ctx.now();
    const uploadedBy = ctx.principal.kind === 'account' ? ctx.principal.accountId : '';
    const have = await db.collection(C.uploadedScores).where({ _id: _.in(slice.map((r) => r._id)) }).field({ _id: true }).limit(slice.length).get();
    const haveIds = new Set(have.data.map((d) => d._id));
    const docs: UploadedScoreDoc[] = slice
      .filter((r) => !haveIds.has(r._id))
      .map((r) => ({
        _id: r._id,
        personId: r.personId,
        enterpriseId,
        enterpriseName: ctx.account?.enterpriseName ?? null,
        name: r.personName,
        examTitle: r.examTitle,
        date: r.date,
        score: r.score,
        fullScore,
        passScore,
        passed: r.passed,
        source: 'uploaded',
        uploadedBy,
        fileID,
        fileHash: file.hash,
        row: r.row,
        createdAt: now,
      }));
    if (docs.length) {
      try {
        await db.collection(C.uploadedScores).add({ data: docs as unknown as Record<string, unknown>[] });
        result.created = docs.length;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        // A parallel run of the chunk won some: the rest one by one.
        await mapLimit(docs, 10, async (d) => {
          try {
            await db.collection(C.uploadedScores).add({ data: d as unknown as Record<string, unknown> });
            result.created++;
          } catch (err) {
            if (!isDuplicateKey(err)) throw err;
          }
        });
      }
    }
    result.skipped = slice.length - result.created;
    if (result.created) await ctx.audit({ action: 'scoreUpload.commit', targetType: 'enterprise', targetId: enterpriseId, details: { fileHash: file.hash, offset, limit, created: result.created, skipped: result.skipped } });
    return result;
  },
});
