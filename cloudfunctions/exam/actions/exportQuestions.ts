import { examBankContracts } from '../../../shared/contracts/exam';
import { QUESTION_TEMPLATE_COLUMNS, questionToRow } from '../../../shared/exam/questions';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { loadManagedBank, type QuestionDoc } from '../banks';
import { MANAGERS } from '../owner';

const HEADER = QUESTION_TEMPLATE_COLUMNS.map((c) => (c.required ? `${c.label}*` : c.label));

/**
 * 导出: the bank's current questions (active and disabled) as template rows, in pages; re-importing
 * the file into another bank yields the same content. The console writes the xlsx. Audited (the rows hold keys).
 */
export default defineAction(examBankContracts.exportQuestions, {
  allow: MANAGERS,
  async run({ bankId, offset, limit }, ctx) {
    await loadManagedBank(ctx, bankId);
    const coll = ctx.db.collection(C.questions);
    const where = { bankId, current: true };
    const [res, count] = await Promise.all([coll.where(where).orderBy('createdAt', 'asc').orderBy('_id', 'asc').skip(offset).limit(limit).get<QuestionDoc>(), coll.where(where).count()]);
    if (offset === 0) await ctx.audit({ action: 'question.export', targetType: 'questionBank', targetId: bankId, details: { total: count.total } });
    return { header: HEADER, rows: res.data.map((q) => questionToRow(q)), total: count.total, done: offset + res.data.length >= count.total };
  },
});
