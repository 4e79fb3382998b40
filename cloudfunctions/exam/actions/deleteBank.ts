import { examBankContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { loadManagedBank } from '../banks';
import { MANAGERS } from '../owner';

/**
 * Deletes an empty bank only: a bank that ever held a question keeps it (attempts may have drawn
 * any of its versions), so it answers QUESTION_BANK_NOT_EMPTY; questions are disabled instead.
 */
export default defineAction(examBankContracts.deleteBank, {
  allow: MANAGERS,
  async run({ bankId }, ctx) {
    await loadManagedBank(ctx, bankId);
    const { total } = await ctx.db.collection(C.questions).where({ bankId }).count();
    if (total > 0) throw new AppError('QUESTION_BANK_NOT_EMPTY', `题库中有${total}道试题（含历史版本），不能删除；可将试题停用`);
    await ctx.db.collection(C.questionBanks).doc(bankId).remove();
    await ctx.audit({ action: 'questionBank.delete', targetType: 'questionBank', targetId: bankId });
    return { deleted: true as const };
  },
});
