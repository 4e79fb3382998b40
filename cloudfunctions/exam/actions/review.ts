import { examWorkerContracts } from '../../../shared/contracts/exam';
import { canReview } from '../../../shared/exam/attemptState';
import { reviewPaper, type GradeResult } from '../../../shared/exam/grading';
import { defineAction } from '../../common/action';
import { AppError } from '../../common/errors';
import { ownAttempt, settleIfOverdue, type AttemptDoc } from '../attemptDoc';
import { loadExam } from '../examDoc';
import { questionTexts } from '../pool';
import { taker } from '../taker';

export const storedGrade = (a: AttemptDoc): GradeResult => ({
  score: a.result?.score ?? 0,
  fullScore: a.paper.fullScore,
  passed: !!a.result?.passed && !a.cheating,
  correctCount: (a.graded ?? []).filter((g) => g.correct).length,
  answeredCount: (a.graded ?? []).filter((g) => g.answer.length > 0).length,
  items: a.graded ?? [],
});

/** After grading, if the exam allows it: answers, keys and analysis in this paper's letters (REVIEW_NOT_ALLOWED, ATTEMPT_NOT_GRADED). */
export default defineAction(examWorkerContracts.review, {
  allow: ['worker'],
  async run({ attemptId }, ctx) {
    const { person } = taker(ctx);
    const now = ctx.now().getTime();
    const a = await settleIfOverdue(ctx.db, await ownAttempt(ctx.db, attemptId, person._id), now);
    const exam = await loadExam(a.examId);
    const allowed = canReview(a, exam?.allowReview ?? false, now);
    if (!allowed.ok) throw new AppError(allowed.code);
    const texts = await questionTexts(ctx.db, a.questionIds);
    const g = storedGrade(a);
    return { score: g.score, fullScore: g.fullScore, passed: g.passed, cheating: !!a.cheating, items: reviewPaper(a.paper, texts, g) };
  },
});
