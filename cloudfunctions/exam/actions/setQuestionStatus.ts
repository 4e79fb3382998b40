import { examBankContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { loadManagedQuestion, recountBank, toQuestion } from '../banks';
import { MANAGERS } from '../owner';

/**
 * 启用 / 停用 the current version (status is not content: no new version). A disabled question is
 * no longer drawn; attempts that drew it keep it. Only the current version can change (CONFLICT).
 */
export default defineAction(examBankContracts.setQuestionStatus, {
  allow: MANAGERS,
  async run({ questionId, status }, ctx) {
    const { question } = await loadManagedQuestion(ctx, questionId);
    if (!question.current) throw new AppError('CONFLICT', '只能修改试题的最新版本，请刷新后重试');
    if (question.status === status) return { question: toQuestion(question) };
    const now = ctx.now();
    const res = await ctx.db.collection(C.questions).where({ _id: questionId, current: true }).update({ data: { status, updatedAt: now } });
    if (res.stats.updated !== 1) throw new AppError('CONFLICT', '只能修改试题的最新版本，请刷新后重试');
    await recountBank(ctx.db, question.bankId, now);
    await ctx.audit({ action: 'question.status', targetType: 'question', targetId: questionId, details: { status } });
    return { question: toQuestion({ ...question, status, updatedAt: now }) };
  },
});
