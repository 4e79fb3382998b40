import { examWorkerContracts } from '../../../shared/contracts/exam';
import { decideSubmit } from '../../../shared/exam/attemptState';
import { defineAction } from '../../common/action';
import { AppError } from '../../common/errors';
import { ATTEMPT_COMPANION, callerAttempt, gradeAndStore, grantPass } from '../attemptDoc';
import { taker } from '../taker';

/**
 * Grades on the server from what was saved (≤ 3 round trips): read the attempt, then one
 * compare-and-set on `rev`. Concurrent submits: one wins, the others re-read and answer its result;
 * a repeat answers the stored result. After the deadline the attempt is graded as expired with what
 * was saved. A pass of a formal exam adds its ledger entry (create-once by deterministic id).
 */
export default defineAction(examWorkerContracts.submit, {
  allow: ['worker'],
  // The attempt comes with the caller's person (one aggregate): + the compare-and-set (+ the ledger entry of a pass) ≤ 3.
  companion: ATTEMPT_COMPANION,
  async run({ attemptId }, ctx) {
    const { person } = taker(ctx);
    const a = await callerAttempt(ctx, attemptId, person._id);
    const now = ctx.now().getTime();
    const d = decideSubmit(a, now);
    let final = a;
    if (d.action === 'grade') {
      const g = await gradeAndStore(ctx.db, a, d, now);
      final = g.attempt;
      // The learner's total follows within a minute (the timer): the entry is the record, and submit stays ≤ 3 round trips.
      if (g.won) await grantPass(ctx.db, final, now, { credit: false });
    }
    if (!final.result) throw new AppError('ATTEMPT_NOT_GRADED');
    return { score: final.result.score, fullScore: final.result.fullScore, passed: final.result.passed && !final.cheating };
  },
});
