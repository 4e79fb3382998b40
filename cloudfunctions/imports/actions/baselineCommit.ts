import { importsContracts, type BaselineCommitResult } from '../../../shared/contracts/imports';
import { defineAction } from '../../common/action';
import { recomputeBaselineRollups } from '../../common/baselines';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { failpoint } from '../../common/failpoint';
import { baselineFields, baselineScope, loadBaselineFile, resolveRows } from '../baselineFile';

/**
 * Commits rows [offset, offset+limit) of a baseline file. The whole file must be free of row
 * problems; the slice is resolved again (regions, scope) and refused with its problems if anything
 * changed since the dry run. Idempotent: one document per period, list and credit code
 * (`bl:<period>:<list>:<code>`), created once or overwritten; unchanged rows are not written. The
 * rollups of every county the slice touched (old and new region) are then recomputed from the
 * records, so a retried or crashed chunk leaves them exact.
 */
export default defineAction(importsContracts.baselineCommit, {
  allow: ['regulator', 'sysadmin'],
  async run({ fileID, period, list, offset, limit }, ctx) {
    const scope = baselineScope(ctx);
    const { db } = ctx;
    const file = await loadBaselineFile(ctx, fileID, list);
    if (file.problems.length) throw new AppError('IMPORT_INVALID', `导入文件有${file.problems.length}处错误，请修正后重新上传`, { problems: file.problems });
    const slice = file.rows.slice(offset, offset + limit);
    const result: BaselineCommitResult = {
      processed: Math.min(offset + slice.length, file.rows.length),
      total: file.rows.length,
      done: offset + slice.length >= file.rows.length,
      created: 0,
      updated: 0,
    };
    if (!slice.length) return result;
    const resolved = await resolveRows(ctx, scope, period, list, slice);
    if (resolved.problems.length) throw new AppError('IMPORT_INVALID', `导入文件有${resolved.problems.length}处错误，请修正后重新上传`, { problems: resolved.problems });

    const at = ctx.now();
    const accountId = ctx.principal.kind === 'account' ? ctx.principal.accountId : '';
    const creates = resolved.rows.filter((r) => r.kind === 'create');
    const updates = resolved.rows.filter((r) => r.kind === 'update');
    if (creates.length) {
      try {
        await db.collection(C.baselines).add({ data: creates.map((r) => ({ _id: r.id, ...baselineFields(r, period, list, accountId, at), createdAt: at })) });
      } catch (e) {
        // Deterministic ids: a parallel import of the same rows won; re-running this chunk updates them.
        ctx.log('baselines batch add failed', { error: String((e as Error)?.message ?? e) });
        throw new AppError('CONFLICT', '部分名单数据刚被他人导入，请点击“继续导入”重试（不会重复）');
      }
    }
    await Promise.all(updates.map((r) => db.collection(C.baselines).doc(r.id).update({ data: baselineFields(r, period, list, accountId, at) })));
    failpoint('baselineCommit.afterRows');
    const counties = resolved.rows.flatMap((r) => [r.regionCode.slice(0, 6), ...(r.existing ? [r.existing.countyCode] : [])]);
    await recomputeBaselineRollups(db, period, counties, at);

    result.created = creates.length;
    result.updated = updates.length;
    if (creates.length || updates.length)
      await ctx.audit({ action: 'baselineCommit', targetType: 'baselines', targetId: `${period}:${list}`, details: { fileHash: file.hash, offset, limit, created: result.created, updated: result.updated } });
    return result;
  },
});
