import { importsContracts, type ImportCommitResult, type ImportCredential } from '../../../shared/contracts/imports';
import { defineAction } from '../../common/action';
import { hashPassword } from '../../common/crypto';
import { C, getById } from '../../common/db';
import { joinedPersonFields, openedEmployment, recountStaff } from '../../common/employment';
import type { EnterpriseDoc } from '../../common/enterprises';
import { applyMoves, placeOfEnterprise } from '../../common/oversight';
import { AppError } from '../../common/errors';
import { failpoint } from '../../common/failpoint';
import { personIdentity } from '../../common/persons';
import { randomInitialPassword } from '../../common/randomPassword';
import { changesFor, classify, derivedId, IN_BATCH, loadStaffFile, ownEnterpriseId } from '../staffImportFile';

/**
 * Commits rows [offset, offset+limit) of a file without problems. Writes only what the importing
 * enterprise may write: persons new to the platform (with a random one-time password each,
 * returned once in `credentials`) and updates of its own current staff. Rows of persons registered
 * anywhere else are skipped (`skipped`): they must ask to join in the mini-program.
 *
 * Idempotent and crash-safe: new persons and their history entries have deterministic ids (a
 * retried chunk finds and skips them), and the enterprise's staffCount is recomputed from the
 * records at the end of every chunk instead of incremented, so a crash between the person writes
 * and the count is repaired by the re-run.
 */
export default defineAction(importsContracts.staffImportCommit, {
  allow: ['enterpriseAdmin'],
  async run({ fileID, offset, limit }, ctx) {
    const enterpriseId = ownEnterpriseId(ctx);
    const { db } = ctx;
    const _ = db.command;
    const [file, enterprise] = await Promise.all([loadStaffFile(ctx, fileID, enterpriseId), getById<EnterpriseDoc>(C.enterprises, enterpriseId)]);
    if (file.problems.length) throw new AppError('IMPORT_INVALID', `导入文件有${file.problems.length}处错误，请修正后重新上传`, { problems: file.problems });
    if (!enterprise) throw new AppError('ENTERPRISE_NOT_FOUND');
    const slice = file.rows.slice(offset, offset + limit);
    const now = ctx.now();
    const result: ImportCommitResult = {
      processed: Math.min(offset + slice.length, file.rows.length),
      total: file.rows.length,
      done: offset + slice.length >= file.rows.length,
      created: 0,
      updated: 0,
      skipped: 0,
      credentials: [],
    };
    if (!slice.length) return result;

    const rows = await classify(ctx, slice, enterpriseId);
    const creates = rows.filter((c) => c.kind === 'create');
    const updates = rows.filter((c) => c.kind === 'update');
    result.skipped = rows.filter((c) => c.kind === 'elsewhere').length;

    const employmentIdOf = (personId: string) => derivedId('em', personId, enterpriseId, file.hash);
    const departmentOf = (row: (typeof rows)[number]['row']) => (row.departmentId ? { _id: row.departmentId, name: row.departmentName ?? '' } : null);
    if (creates.length) {
      // 1. The persons, in one batch write (deterministic _ids: a concurrent creation fails the batch).
      // Every new account gets its own random one-time password, hashed like every other password.
      const prepared = await Promise.all(
        creates.map(async ({ row }) => {
          const oneTimePassword = randomInitialPassword();
          const identity = personIdentity(row.idNumber);
          return {
            person: {
              ...identity,
              name: row.name,
              ...(row.phone ? { phone: row.phone } : {}),
              postCategory: row.postCategory,
              employmentType: row.employmentType,
              certificates: row.certificates,
              passwordHash: await hashPassword(oneTimePassword),
              mustChangePassword: true,
              openid: null,
              createdAt: now,
              createdBy: 'import',
              ...joinedPersonFields({ enterprise, now, employmentId: employmentIdOf(identity._id), department: departmentOf(row) }),
            },
            credential: { row: row.row, name: row.name, idMasked: identity.idMasked, oneTimePassword } as ImportCredential,
          };
        }),
      );
      try {
        await db.collection(C.persons).add({ data: prepared.map((p) => p.person) });
      } catch (e) {
        ctx.log('persons batch add failed', { error: String((e as Error)?.message ?? e) });
        throw new AppError('CONFLICT', '部分人员刚被他人添加，请重新导入（已导入的不会重复）');
      }
      result.credentials = prepared.map((p) => p.credential);
      // The persons' create-once ids make this the only run that counts them (a crash right here is repaired nightly).
      await applyMoves(db, [{ place: placeOfEnterprise(enterprise), at: now, inc: { persons: creates.length, joined: creates.length } }]);
      failpoint('staffImportCommit.afterPersons');
    }

    // 2. History entries of the persons this file created (now, or in an interrupted earlier run):
    // found by their deterministic ids, the missing ones written — so a crash anywhere is repaired.
    const ours = rows.filter((c) => c.kind === 'create' || c.existing?.employmentId === employmentIdOf(c.personId));
    if (ours.length) {
      const ids = ours.map((c) => employmentIdOf(c.personId));
      const have = await db.collection(C.employments).where({ _id: _.in(ids) }).field({ _id: true }).limit(IN_BATCH).get();
      const haveIds = new Set(have.data.map((d) => d._id));
      const missing = ours
        .filter((c) => !haveIds.has(employmentIdOf(c.personId)))
        .map((c) => {
          const { _id, idMasked, gender } = c.existing ?? personIdentity(c.row.idNumber);
          const person = { _id, idMasked, gender, name: c.row.name, postCategory: c.row.postCategory, employmentType: c.row.employmentType };
          return { _id: employmentIdOf(c.personId), ...openedEmployment(person, { enterprise, source: 'import', now, departmentName: departmentOf(c.row)?.name ?? null }) };
        });
      if (missing.length) await db.collection(C.employments).add({ data: missing });
    }

    // 3. Updates of the enterprise's own current staff: one write per changed person, in parallel.
    await Promise.all(updates.map((c) => db.collection(C.persons).doc(c.personId).update({ data: { ...changesFor(c.row, c.existing!), updatedAt: now } })));

    // 4. The count, from the records (idempotent: repairs an interrupted earlier run too).
    await recountStaff(db, enterpriseId);

    result.created = creates.length;
    result.updated = updates.length;
    if (creates.length || updates.length)
      await ctx.audit({
        action: 'staffImportCommit',
        targetType: 'enterprise',
        targetId: enterpriseId,
        details: { fileHash: file.hash, offset, limit, created: result.created, updated: result.updated, skipped: result.skipped },
      });
    return result;
  },
});
