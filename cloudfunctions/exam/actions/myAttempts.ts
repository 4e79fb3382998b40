import { examWorkerContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { settleIfOverdue, toAttemptRow, type AttemptDoc } from '../attemptDoc';
import { taker } from '../taker';

/** The caller's attempts at one exam, newest first (an overdue one is graded on this read). */
export default defineAction(examWorkerContracts.myAttempts, {
  allow: ['worker'],
  async run({ examId }, ctx) {
    const { person } = taker(ctx);
    const now = ctx.now().getTime();
    const res = await ctx.db
      .collection(C.attempts)
      .where({ personId: person._id, examId })
      .orderBy('attemptNo', 'desc')
      .limit(100)
      .get<AttemptDoc>();
    const items = [];
    for (const a of res.data) items.push(toAttemptRow(await settleIfOverdue(ctx.db, a, now)));
    return { items };
  },
});
