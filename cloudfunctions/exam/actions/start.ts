import { randomBytes } from 'crypto';
import { examWorkerContracts } from '../../../shared/contracts/exam';
import { attemptId as attemptIdOf, decideStart } from '../../../shared/exam/attemptState';
import { drawPaper } from '../../../shared/exam/drawing';
import { lineageOfVersion } from '../../../shared/exam/questions';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { readAttempt, settleIfOverdue, SUMMARY_FIELDS, type AttemptDoc } from '../attemptDoc';
import { createAttempt, startOutput } from '../attemptStart';
import { EXAM_COMPANION, loadExam, scheduleOf, type ExamDoc } from '../examDoc';
import { assertIdentityChecked } from '../identity';
import { frozenPool } from '../pool';
import { assertExamOpen, taker } from '../taker';

/** 错题本 rounds (startWrongBook) have their own numbering and never block or resume here. */
const regular = (a: AttemptDoc) => a.round !== 'wrongBook';

/**
 * Starts or resumes an attempt (docs/exam-design.md): the exam (1), the caller's attempts (2), then
 * either the running attempt's paper again (any device, same deadline) or a new attempt n+1 drawn
 * from the frozen pool and created with a deterministic `_id` (3): two parallel starts make one
 * attempt, the loser resumes it. Pool and question versions are immutable and cached per instance.
 * Practice is unlimited: the newest attempts are read (by number), so n+1 is always free.
 */
export default defineAction(examWorkerContracts.start, {
  allow: ['worker'],
  // The exam comes with the caller's person (one aggregate): + the attempts (+ the create) ≤ 3.
  companion: EXAM_COMPANION,
  async run({ examId }, ctx) {
    const { person, target } = taker(ctx);
    const exam = assertExamOpen(ctx.companion !== undefined ? (ctx.companion as ExamDoc | null) : await loadExam(examId), target);
    const now = ctx.now().getTime();
    const res = await ctx.db
      .collection(C.attempts)
      .where({ personId: person._id, examId })
      .orderBy('attemptNo', 'desc')
      .field({ ...SUMMARY_FIELDS, paper: true, answers: true })
      .limit(200)
      .get<AttemptDoc>();
    let attempts = res.data.filter(regular);
    const d = decideStart(scheduleOf(exam), attempts, now);
    if (d.ok && d.action === 'resume') return startOutput(ctx, attempts.find((a) => a.attemptNo === d.attemptNo)!, true);
    // Overdue attempts are graded now with what was saved (nobody waits for the timer), then decide again.
    const overdue = attempts.filter((a) => a.status === 'inProgress' && a.deadline <= now);
    if (overdue.length) {
      for (const a of overdue) {
        const full = await readAttempt(ctx.db, a._id);
        if (full) await settleIfOverdue(ctx.db, full, now);
      }
      attempts = (await ctx.db.collection(C.attempts).where({ personId: person._id, examId }).orderBy('attemptNo', 'desc').field(SUMMARY_FIELDS).limit(200).get<AttemptDoc>()).data.filter(regular);
    }
    const again = overdue.length ? decideStart(scheduleOf(exam), attempts, now) : d;
    if (!again.ok) throw new AppError(again.code);
    if (again.action === 'resume') return startOutput(ctx, (await readAttempt(ctx.db, attemptIdOf(examId, person._id, again.attemptNo)))!, true);
    if (exam.identityCheck === 'start') await assertIdentityChecked(ctx, exam._id, person._id, now);
    // Practice: questions of earlier rounds (错题本 ones too) come after unseen ones.
    const seen = new Set<string>();
    if (exam.kind === 'practice') for (const a of res.data) for (const i of a.paper?.items ?? []) seen.add(lineageOfVersion(i.questionId));
    const id = attemptIdOf(exam._id, person._id, again.attemptNo);
    const pool = await frozenPool(ctx.db, exam._id, exam.poolRev);
    const drawn = drawPaper(exam.rule, pool, `${id}:${randomBytes(8).toString('hex')}`, { seen, unseenFirst: exam.kind === 'practice' });
    if (!drawn.ok) throw new AppError('DRAW_POOL_SHORT', undefined, { section: drawn.section, available: drawn.available, needed: drawn.needed });
    return createAttempt(ctx, exam, person, { id, attemptNo: again.attemptNo, window: again.window, deadline: again.deadline, paper: drawn.paper });
  },
});
