import { examWorkerContracts } from '../../../shared/contracts/exam';
import { canSave } from '../../../shared/exam/attemptState';
import { normalizeAnswer } from '../../../shared/exam/grading';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { ATTEMPT_COMPANION, callerAttempt, readAttempt } from '../attemptDoc';
import { taker } from '../taker';

/**
 * One question's answer (2 round trips): read the caller's attempt (a foreign id answers as a
 * missing one), check state, question and letters; then one update conditional on the attempt
 * still being in progress before the server's deadline — a save racing a submit or the deadline
 * either lands before grading or is refused, never half-applied. Only this question's field is
 * written (last write wins per question; saving the same answer twice changes nothing).
 */
export default defineAction(examWorkerContracts.saveAnswer, {
  allow: ['worker'],
  // The attempt comes with the caller's person (one aggregate): read + conditional update = 2 round trips in all.
  companion: ATTEMPT_COMPANION,
  async run({ attemptId, questionId, answer }, ctx) {
    const { person } = taker(ctx);
    const a = await callerAttempt(ctx, attemptId, person._id);
    const now = ctx.now().getTime();
    const allowed = canSave(a, now);
    if (!allowed.ok) throw new AppError(allowed.code);
    const item = a.paper.items.find((i) => i.questionId === questionId);
    if (!item) throw new AppError('NOT_FOUND', '试卷中没有这道题');
    const norm = normalizeAnswer(item, answer);
    if (!norm.ok) throw new AppError('ANSWER_INVALID');
    const locked = a.kind === 'practice' ? a.answers?.[questionId] : undefined;
    // A practice answer is locked once given; saving the same one again is a replay.
    if (locked) {
      if (JSON.stringify(locked) === JSON.stringify(norm.answer)) return { saved: true as const };
      throw new AppError('ANSWER_LOCKED');
    }
    // Nothing to lock: a practice question stays open until it is answered.
    if (a.kind === 'practice' && !norm.answer.length) return { saved: true as const };
    const _ = ctx.db.command;
    const r = await ctx.db
      .collection(C.attempts)
      // Practice answers lock once given (practiceCheck reveals the key): a save never overwrites one.
      .where({ _id: attemptId, status: 'inProgress', deadline: _.gt(now), ...(a.kind === 'practice' ? { [`answers.${questionId}`]: _.exists(false) } : {}) })
      .update({ data: { [`answers.${questionId}`]: norm.answer, savedAt: now } });
    if (r.stats.updated !== 1) {
      // Failure path only: say why (submitted or past the deadline meanwhile).
      const fresh = await readAttempt(ctx.db, attemptId);
      const again = fresh ? canSave(fresh, now) : { ok: false as const, code: 'ATTEMPT_SUBMITTED' as const };
      // The same answer already stored (an update that changed nothing) is a success.
      if (again.ok && fresh && JSON.stringify(fresh.answers?.[questionId] ?? null) === JSON.stringify(norm.answer)) return { saved: true as const };
      if (again.ok && fresh?.kind === 'practice' && fresh.answers?.[questionId]) throw new AppError('ANSWER_LOCKED');
      throw new AppError(again.ok ? 'CONFLICT' : again.code);
    }
    return { saved: true as const };
  },
});
