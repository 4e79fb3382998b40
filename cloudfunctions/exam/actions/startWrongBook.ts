import { randomBytes } from 'crypto';
import { examWorkerContracts } from '../../../shared/contracts/exam';
import { decideStart } from '../../../shared/exam/attemptState';
import { drawPaper, practiceRule, type DrawCandidate } from '../../../shared/exam/drawing';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { readAttempt, settleIfOverdue, SUMMARY_FIELDS, type AttemptDoc } from '../attemptDoc';
import { createAttempt, startOutput } from '../attemptStart';
import { loadExam, scheduleOf } from '../examDoc';
import { frozenPool } from '../pool';
import { assertExamOpen, taker } from '../taker';
import type { WrongBookDoc } from '../wrongBook';

/** At most this many questions in one 错题本 round (the most recent mistakes first). */
export const WRONG_BOOK_ROUND_MAX = 100;

/** A 错题本 round's `_id`: numbered apart from the exam's regular attempts (`w<n>`), so the two never race on one id. */
export const wrongBookAttemptId = (examId: string, personId: string, n: number): string => `att:${examId}:${personId}:w${n}`;

/**
 * 错题本 round of a practice exam: a practice attempt over the caller's entries of this exam not
 * yet cleared (the versions last answered wrong, from the exam's frozen pool), 1 point each, with
 * the exam's duration. A running round is resumed (any device); otherwise round n+1 is created
 * once (deterministic id). The paper carries no key: feedback comes per question from practiceCheck.
 */
export default defineAction(examWorkerContracts.startWrongBook, {
  allow: ['worker'],
  async run({ examId }, ctx) {
    const { person, target } = taker(ctx);
    const exam = assertExamOpen(await loadExam(examId), target);
    if (exam.kind !== 'practice') throw new AppError('EXAM_NOT_PRACTICE');
    const now = ctx.now().getTime();
    const [rounds, wrong] = await Promise.all([
      ctx.db
        .collection(C.attempts)
        .where({ personId: person._id, examId, round: 'wrongBook' })
        .orderBy('attemptNo', 'desc')
        .field({ ...SUMMARY_FIELDS, paper: true, answers: true })
        .limit(20)
        .get<AttemptDoc>(),
      ctx.db
        .collection(C.wrongBook)
        .where({ personId: person._id, examId, cleared: false })
        .orderBy('lastWrongAt', 'desc')
        .field({ questionId: true })
        .limit(WRONG_BOOK_ROUND_MAX)
        .get<Pick<WrongBookDoc, 'questionId'>>(),
    ]);
    const d = decideStart(scheduleOf(exam), rounds.data, now);
    if (!d.ok) throw new AppError(d.code);
    if (d.action === 'resume') return startOutput(ctx, rounds.data.find((a) => a.attemptNo === d.attemptNo)!, true);
    // A round left past its deadline is graded now with what was saved (as start does).
    for (const a of rounds.data.filter((r) => r.status === 'inProgress' && r.deadline <= now)) {
      const full = await readAttempt(ctx.db, a._id);
      if (full) await settleIfOverdue(ctx.db, full, now);
    }
    const ids = new Set(wrong.data.map((w) => w.questionId));
    const pool = ids.size ? await frozenPool(ctx.db, exam._id, exam.poolRev) : [];
    const candidates: DrawCandidate[] = pool.filter((c) => ids.has(c._id));
    const count = (t: DrawCandidate['type']) => candidates.filter((c) => c.type === t).length;
    const rule = practiceRule(candidates, [...new Set(candidates.map((c) => c.bankId))], { judge: count('judge'), single: count('single'), multiple: count('multiple') });
    if (!rule) throw new AppError('WRONG_BOOK_EMPTY');
    const id = wrongBookAttemptId(exam._id, person._id, d.attemptNo);
    const drawn = drawPaper(rule, candidates, `${id}:${randomBytes(8).toString('hex')}`);
    if (!drawn.ok) throw new AppError('WRONG_BOOK_EMPTY');
    return createAttempt(ctx, exam, person, { id, attemptNo: d.attemptNo, window: d.window, deadline: d.deadline, paper: drawn.paper, round: 'wrongBook' });
  },
});
