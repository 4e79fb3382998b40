import { examWorkerContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { questionTexts } from '../pool';
import { taker } from '../taker';
import type { WrongBookDoc } from '../wrongBook';

/**
 * 错题本 page: the caller's questions answered wrong and not cleared since, newest mistake first,
 * of one practice exam or all. Stems only (from the immutable question versions, cached): the key
 * and analysis were shown when the question was answered and come again with the next practiceCheck.
 */
export default defineAction(examWorkerContracts.wrongBook, {
  allow: ['worker'],
  async run({ examId, page, pageSize }, ctx) {
    const { person } = taker(ctx);
    const where = { personId: person._id, ...(examId ? { examId } : {}), cleared: false };
    const coll = ctx.db.collection(C.wrongBook);
    const [res, count] = await Promise.all([
      coll
        .where(where)
        .orderBy('lastWrongAt', 'desc')
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .field({ questionId: true, examId: true, type: true, wrongCount: true, lastWrongAt: true })
        .get<Pick<WrongBookDoc, 'questionId' | 'examId' | 'type' | 'wrongCount' | 'lastWrongAt'>>(),
      coll.where(where).count(),
    ]);
    const texts = await questionTexts(ctx.db, res.data.map((w) => w.questionId));
    return {
      items: res.data.map((w) => ({ questionId: w.questionId, examId: w.examId, type: w.type, stem: texts.get(w.questionId)?.stem ?? '', wrongCount: w.wrongCount, lastWrongAt: new Date(w.lastWrongAt).toISOString() })),
      total: count.total,
      page,
      pageSize,
    };
  },
});
