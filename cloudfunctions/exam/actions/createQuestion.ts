import { examBankContracts } from '../../../shared/contracts/exam';
import { newQuestion, questionLineageId, questionVersionId, validateQuestion } from '../../../shared/exam/questions';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { isDuplicateKey } from '../../common/dbErrors';
import { AppError } from '../../common/errors';
import { loadManagedBank, recountBank, toQuestion, type QuestionDoc } from '../banks';
import { MANAGERS } from '../owner';
import { claimStem } from '../stems';

/**
 * 新增试题 in a bank the caller manages. The lineage id comes from the bank and the client's request
 * id, so a retried or parallel create writes one question; the stem lock makes stems unique per
 * bank (QUESTION_DUPLICATE). Problems have stable codes (QUESTION_INVALID, details.problems).
 */
export default defineAction(examBankContracts.createQuestion, {
  allow: MANAGERS,
  async run({ bankId, requestId, question }, ctx) {
    await loadManagedBank(ctx, bankId);
    const lineageId = questionLineageId(bankId, `req:${requestId}`);
    const _id = questionVersionId(lineageId, 1);
    const replay = await getById<QuestionDoc>(C.questions, _id);
    if (replay) return { question: toQuestion(replay) };
    const checked = validateQuestion(question);
    if (!checked.ok) throw new AppError('QUESTION_INVALID', checked.problems[0].message, { problems: checked.problems });
    const now = ctx.now();
    if ((await claimStem(ctx.db, bankId, checked.content.stem, lineageId, now)) === 'duplicate') throw new AppError('QUESTION_DUPLICATE', undefined, { problems: [{ code: 'DUPLICATE_STEM', field: 'stem', message: '题库中已有相同题干的题目' }] });
    const q = newQuestion({ bankId, lineageId, content: checked.content, now: now.toISOString() });
    const doc: QuestionDoc = { ...q, createdAt: now, updatedAt: now, sourceKey: `req:${requestId}`, createdBy: ctx.principal.kind === 'account' ? ctx.principal.accountId : '' };
    try {
      await ctx.db.collection(C.questions).add({ data: doc as unknown as Record<string, unknown> });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const won = await getById<QuestionDoc>(C.questions, _id);
      if (!won) throw e;
      return { question: toQuestion(won) };
    }
    await recountBank(ctx.db, bankId, now);
    await ctx.audit({ action: 'question.create', targetType: 'question', targetId: _id, details: { bankId } });
    return { question: toQuestion(doc) };
  },
});
