import { examWorkerContracts } from '../../../shared/contracts/exam';
import { canSave } from '../../../shared/exam/attemptState';
import { normalizeAnswer, practiceFeedback } from '../../../shared/exam/grading';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { ownAttempt, readAttempt, type AttemptDoc } from '../attemptDoc';
import { questionTexts } from '../pool';
import { taker } from '../taker';
import { clearWrong, recordWrong } from '../wrongBook';

const same = (x: readonly string[] | undefined, y: readonly string[]) => !!x && x.length === y.length && x.every((v, i) => v === y[i]);

/**
 * 练习 feedback on ONE question (2 round trips, + 1 write for the 错题本): read the caller's
 * attempt (a foreign id answers as a missing one), then save the answer on condition that this
 * question has none yet — the answer is locked from then on (ANSWER_LOCKED for a different one; the
 * same answer again is a replay and answers the same feedback). Only then the key (in this
 * paper's shuffled letters) and the analysis of that question leave the server. A wrong answer
 * goes into the 错题本; a right one in a 错题本 round clears it.
 */
export default defineAction(examWorkerContracts.practiceCheck, {
  allow: ['worker'],
  async run({ attemptId, questionId, answer }, ctx) {
    const { person } = taker(ctx);
    const a = await ownAttempt(ctx.db, attemptId, person._id);
    if (a.kind !== 'practice') throw new AppError('EXAM_NOT_PRACTICE');
    const item = a.paper.items.find((i) => i.questionId === questionId);
    if (!item) throw new AppError('NOT_FOUND', '试卷中没有这道题');
    const norm = normalizeAnswer(item, answer);
    if (!norm.ok || !norm.answer.length) throw new AppError('ANSWER_INVALID');
    const now = ctx.now();
    let stored: AttemptDoc = a;
    if (!a.answers?.[questionId]) {
      const allowed = canSave(a, now.getTime());
      if (!allowed.ok) throw new AppError(allowed.code);
      const _ = ctx.db.command;
      const r = await ctx.db
        .collection(C.attempts)
        .where({ _id: attemptId, status: 'inProgress', deadline: _.gt(now.getTime()), [`answers.${questionId}`]: _.exists(false) })
        .update({ data: { [`answers.${questionId}`]: norm.answer, savedAt: now.getTime() } });
      if (r.stats.updated !== 1) {
        // Failure path only: answered meanwhile (a parallel check: maybe this very answer), submitted, or past the deadline.
        const fresh = await readAttempt(ctx.db, attemptId);
        if (!fresh) throw new AppError('NOT_FOUND', '答卷不存在');
        if (!fresh.answers?.[questionId]) {
          const again = canSave(fresh, now.getTime());
          throw new AppError(again.ok ? 'CONFLICT' : again.code);
        }
        stored = fresh;
      } else stored = { ...a, answers: { ...(a.answers ?? {}), [questionId]: norm.answer } };
    }
    if (!same(stored.answers[questionId], norm.answer)) throw new AppError('ANSWER_LOCKED');
    const q = (await questionTexts(ctx.db, [questionId])).get(questionId);
    const fb = practiceFeedback(item, { answer: a.keys[questionId] ?? [], analysis: q?.analysis ?? '' }, norm.answer);
    // Replays write again: both writes are idempotent per answer, so a crash before them is repaired.
    if (!fb.correct) await recordWrong(ctx.db, a, item, now);
    else if (a.round === 'wrongBook') await clearWrong(ctx.db, a, item, now);
    return { correct: fb.correct, correctAnswer: fb.correctAnswer, analysis: fb.analysis };
  },
});
