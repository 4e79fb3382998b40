import { examWorkerContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { toAppealRow, type AppealDoc } from '../appealDoc';
import { questionTexts } from '../pool';
import { taker } from '../taker';

/** The caller's appeals, newest first, with the organiser's reply. */
export default defineAction(examWorkerContracts.myAppeals, {
  allow: ['worker'],
  async run(_input, ctx) {
    const { person } = taker(ctx);
    const res = await ctx.db.collection(C.appeals).where({ personId: person._id }).orderBy('createdAt', 'desc').limit(100).get<AppealDoc>();
    const texts = await questionTexts(ctx.db, [...new Set(res.data.map((a) => a.questionId))]);
    return { items: res.data.map((a) => toAppealRow(a, texts.get(a.questionId)?.stem ?? '', false)) };
  },
});
