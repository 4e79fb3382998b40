import { examTimerContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { settleIfOverdue, type AttemptDoc } from '../attemptDoc';
import { rollupExams } from '../rollups';

const BATCH = 200;

/**
 * The exam timer (every minute): attempts still in progress past their deadline are graded with
 * what was saved (compare-and-set on `rev`: a concurrent submit wins or loses cleanly) and passes
 * get their points. A batch per run; the next run takes the rest.
 */
export default defineAction(examTimerContracts.tick, {
  allow: ['timer', 'sysadmin'],
  async run(_input, ctx) {
    const now = ctx.now().getTime();
    const _ = ctx.db.command;
    const due = await ctx.db.collection(C.attempts).where({ status: 'inProgress', deadline: _.lte(now) }).limit(BATCH).get<AttemptDoc>();
    let expired = 0;
    let granted = 0;
    for (const a of due.data) {
      const after = await settleIfOverdue(ctx.db, a, now);
      if (after.status === 'expired') expired++;
      if (after.result?.passed && after.kind === 'formal') granted++;
    }
    // Rollups after expiry: attempts graded just now are rolled by a later pass (ROLLUP_LAG_MS).
    const rollup = await rollupExams(ctx.db, now);
    return { expired, granted: granted + rollup.granted, rollup };
  },
});
