import { examBankContracts } from '../../../shared/contracts/exam';
import { reviseQuestion, stemLockId, validateQuestion } from '../../../shared/exam/questions';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { isDuplicateKey } from '../../common/dbErrors';
import { txGet } from '../../common/employment';
import { AppError } from '../../common/errors';
import { loadManagedQuestion, recountBank, toQuestion, type QuestionDoc } from '../banks';
import { MANAGERS } from '../owner';
import { stemLockDoc, type StemLock } from '../stems';

const conflict = () => new AppError('CONFLICT', '该试题已被他人修改，请刷新后重试');

/**
 * 编辑试题: a changed content writes version + 1 (current) and marks the edited version not current
 * in one transaction, conditional on it still being current and on `expectedVersion` (a lost edit:
 * CONFLICT). The stored versions never change, so attempts keep exactly what they drew. A new stem
 * moves the bank's stem lock in the same transaction (QUESTION_DUPLICATE when another question has it).
 */
export default defineAction(examBankContracts.updateQuestion, {
  allow: MANAGERS,
  async run({ questionId, expectedVersion, question }, ctx) {
    const { question: current } = await loadManagedQuestion(ctx, questionId);
    if (!current.current || current.version !== expectedVersion) throw conflict();
    const checked = validateQuestion(question);
    if (!checked.ok) throw new AppError('QUESTION_INVALID', checked.problems[0].message, { problems: checked.problems });
    const now = ctx.now();
    const rev = reviseQuestion(toQuestion(current), checked.content, now.toISOString());
    if (!rev.changed) return { question: toQuestion(current), changed: false };
    const next: QuestionDoc = { ...rev.next, createdAt: now, updatedAt: now, createdBy: ctx.principal.kind === 'account' ? ctx.principal.accountId : '' };
    // A parallel edit of the same version loses either at the read (not current any more) or at the
    // create of version n+1 (its id exists): both are CONFLICT, never INTERNAL.
    await ctx.db
      .runTransaction(async (tx) => {
        const prev = await txGet<QuestionDoc>(tx, C.questions, current._id);
        if (!prev || !prev.current) throw conflict();
        if (rev.stemChanged) {
          const lockId = stemLockId(current.bankId, next.stem);
          const held = await txGet<StemLock>(tx, C.locks, lockId);
          if (held && held.lineageId !== current.lineageId) throw new AppError('QUESTION_DUPLICATE', undefined, { problems: [{ code: 'DUPLICATE_STEM', field: 'stem', message: '题库中已有相同题干的题目' }] });
          const { _id: _lock, ...lockData } = stemLockDoc(current.bankId, next.stem, current.lineageId, now);
          await tx.collection(C.locks).doc(lockId).set({ data: lockData });
          const oldId = stemLockId(current.bankId, current.stem);
          const old = await txGet<StemLock>(tx, C.locks, oldId);
          if (old && old.lineageId === current.lineageId) await tx.collection(C.locks).doc(oldId).remove();
        }
        await tx.collection(C.questions).doc(current._id).update({ data: { current: false, updatedAt: now } });
        const { _id, ...data } = next;
        await tx.collection(C.questions).add({ data: { _id, ...data } });
      })
      .catch((e: unknown) => {
        if (isDuplicateKey(e)) throw conflict();
        throw e;
      });
    await recountBank(ctx.db, current.bankId, now);
    await ctx.audit({ action: 'question.update', targetType: 'question', targetId: next._id, details: { previous: current._id, version: next.version, stemChanged: rev.stemChanged } });
    return { question: toQuestion(next), changed: true };
  },
});
