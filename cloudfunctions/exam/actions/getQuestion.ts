import { examBankContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { iso, loadManagedQuestion, toQuestion } from '../banks';
import { MANAGERS } from '../owner';

/** One version with its key and analysis (managers of the bank only) and the lineage's versions, newest first. */
export default defineAction(examBankContracts.getQuestion, {
  allow: MANAGERS,
  async run({ questionId }, ctx) {
    const { question } = await loadManagedQuestion(ctx, questionId);
    const versions = await ctx.db
      .collection(C.questions)
      .where({ lineageId: question.lineageId })
      .orderBy('version', 'desc')
      .limit(100)
      .field({ _id: true, version: true, updatedAt: true })
      .get<{ _id: string; version: number; updatedAt: Date }>();
    return { question: toQuestion(question), versions: versions.data.map((v) => ({ _id: v._id, version: v.version, updatedAt: iso(v.updatedAt) })) };
  },
});
