import { examBankContracts } from '../../../shared/contracts/exam';
import { newQuestion, questionLineageId, stemLockId } from '../../../shared/exam/questions';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { isDuplicateKey } from '../../common/dbErrors';
import { AppError } from '../../common/errors';
import { failpoint } from '../../common/failpoint';
import { loadManagedBank, recountBank, type QuestionDoc } from '../banks';
import { mapLimit } from '../limit';
import { MANAGERS } from '../owner';
import { DUPLICATE_CODES, importSourceKey, loadQuestionFile } from '../questionFile';
import { claimStem, stemLockDoc, type StemLock } from '../stems';

/**
 * Commits rows [offset, offset+limit) of a question file without problems (stems already taken are
 * skipped, not problems). Idempotent per file content: a row's lineage is `file:<sha256>:<row>`, its
 * stem lock is created before its question, and both are create-once — a replayed or parallel
 * chunk finds them and writes nothing new. The bank's counts are recounted after every chunk.
 */
export default defineAction(examBankContracts.questionImportCommit, {
  allow: MANAGERS,
  async run({ bankId, fileID, offset, limit }, ctx) {
    const { db } = ctx;
    const _ = db.command;
    await loadManagedBank(ctx, bankId);
    const file = await loadQuestionFile(ctx, fileID);
    const blocking = file.problems.filter((p) => !DUPLICATE_CODES.has(p.code));
    if (blocking.length) throw new AppError('IMPORT_INVALID', `导入文件有${blocking.length}处错误，请修正后重新上传`, { problems: file.problems });
    const slice = file.rows.slice(offset, offset + limit);
    const result = { processed: Math.min(offset + slice.length, file.rows.length), total: file.rows.length, done: offset + slice.length >= file.rows.length, created: 0, skipped: 0 };
    if (!slice.length) return result;
    const now = ctx.now();
    const nowIso = now.toISOString();
    const createdBy = ctx.principal.kind === 'account' ? ctx.principal.accountId : '';

    const rows = slice.map((r) => {
      const sourceKey = importSourceKey(file.hash, r.row);
      const lineageId = questionLineageId(bankId, sourceKey);
      const q = newQuestion({ bankId, lineageId, content: r.content, now: nowIso });
      const doc: QuestionDoc = { ...q, createdAt: now, updatedAt: now, sourceKey, createdBy };
      return { row: r, lineageId, doc, lockId: stemLockId(bankId, r.content.stem) };
    });

    // 1. What an earlier run of this chunk (or a parallel one) already wrote.
    const [haveQ, haveLocks] = await Promise.all([
      db.collection(C.questions).where({ _id: _.in(rows.map((r) => r.doc._id)) }).field({ _id: true }).limit(rows.length).get<{ _id: string }>(),
      db.collection(C.locks).where({ _id: _.in(rows.map((r) => r.lockId)) }).field({ _id: true, lineageId: true }).limit(rows.length).get<StemLock>(),
    ]);
    const written = new Set(haveQ.data.map((d) => d._id));
    const lockOf = new Map(haveLocks.data.map((l) => [l._id, l.lineageId]));
    const todo = rows.filter((r) => !written.has(r.doc._id));

    // 2. Stem locks: the free ones in one batch; a lost race or a lock held by another lineage row by row.
    const free = todo.filter((r) => !lockOf.has(r.lockId));
    const claimed = new Set(todo.filter((r) => lockOf.get(r.lockId) === r.lineageId).map((r) => r.doc._id));
    let batchOk = false;
    if (free.length) {
      try {
        await db.collection(C.locks).add({ data: free.map((r) => stemLockDoc(bankId, r.row.content.stem, r.lineageId, now) as unknown as Record<string, unknown>) });
        batchOk = true;
        for (const r of free) claimed.add(r.doc._id);
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
    }
    const contested = todo.filter((r) => !claimed.has(r.doc._id) && (!batchOk || lockOf.has(r.lockId)));
    await mapLimit(contested, 10, async (r) => {
      if ((await claimStem(db, bankId, r.row.content.stem, r.lineageId, now)) === 'ok') claimed.add(r.doc._id);
    });
    failpoint('questionImportCommit.afterLocks');

    // 3. The questions whose stem this lineage holds: one batch, or one by one after a lost race.
    const adds = todo.filter((r) => claimed.has(r.doc._id));
    if (adds.length) {
      try {
        await db.collection(C.questions).add({ data: adds.map((r) => r.doc as unknown as Record<string, unknown>) });
        result.created = adds.length;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        await mapLimit(adds, 10, async (r) => {
          try {
            await db.collection(C.questions).add({ data: r.doc as unknown as Record<string, unknown> });
            result.created++;
          } catch (err) {
            if (!isDuplicateKey(err)) throw err;
          }
        });
      }
    }
    result.skipped = slice.length - result.created;

    // 4. Counts from the records (repairs an interrupted earlier run too).
    await recountBank(db, bankId, now);
    if (result.created)
      await ctx.audit({ action: 'question.import', targetType: 'questionBank', targetId: bankId, details: { fileHash: file.hash, offset, limit, created: result.created, skipped: result.skipped } });
    return result;
  },
});
