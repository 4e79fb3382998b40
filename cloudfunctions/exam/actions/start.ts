import { randomBytes } from 'crypto';
import { examWorkerContracts, type StartOutput } from '../../../shared/contracts/exam';
import { attemptId as attemptIdOf, decideStart } from '../../../shared/exam/attemptState';
import { drawPaper } from '../../../shared/exam/drawing';
import { publicPaper } from '../../../shared/exam/grading';
import { lineageOfVersion } from '../../../shared/exam/questions';
import { defineAction, type Ctx } from '../../common/action';
import { C } from '../../common/db';
import { isDuplicateKey } from '../../common/dbErrors';
import { AppError } from '../../common/errors';
import type { PersonDoc } from '../../common/persons';
import { readAttempt, settleIfOverdue, SUMMARY_FIELDS, type AttemptDoc } from '../attemptDoc';
import { loadExam, scheduleOf, type ExamDoc } from '../examDoc';
import { assertIdentityChecked } from '../identity';
import { frozenPool, questionTexts } from '../pool';
import { assertExamOpen, taker } from '../taker';

/** An attempt's paper as the worker sees it: stems and shuffled options (publicPaper lists the fields), and what it saved. */
async function output(ctx: Ctx, a: Pick<AttemptDoc, '_id' | 'deadline' | 'paper' | 'answers'>, resumed: boolean): Promise<StartOutput> {
  const texts = await questionTexts(ctx.db, a.paper.items.map((i) => i.questionId));
  const questions = publicPaper(a.paper, texts);
  return { attemptId: a._id, deadline: new Date(a.deadline).toISOString(), questions, ...(resumed ? { saved: { ...(a.answers ?? {}) } } : {}) };
}

async function create(ctx: Ctx, exam: ExamDoc, person: PersonDoc, attemptNo: number, window: 'primary' | 'retake', deadline: number, seen: Set<string>): Promise<StartOutput> {
  const now = ctx.now().getTime();
  const id = attemptIdOf(exam._id, person._id, attemptNo);
  const pool = await frozenPool(ctx.db, exam._id, exam.poolRev);
  const drawn = drawPaper(exam.rule, pool, `${id}:${randomBytes(8).toString('hex')}`, { seen, unseenFirst: exam.kind === 'practice' });
  if (!drawn.ok) throw new AppError('DRAW_POOL_SHORT', undefined, { section: drawn.section, available: drawn.available, needed: drawn.needed });
  const paper = drawn.paper;
  const ids = paper.items.map((i) => i.questionId);
  const texts = await questionTexts(ctx.db, ids);
  const keys: Record<string, string[]> = {};
  for (const qid of ids) {
    const q = texts.get(qid);
    if (!q) throw new AppError('DRAW_POOL_SHORT');
    keys[qid] = [...q.answer];
  }
  const doc: AttemptDoc = {
    _id: id,
    examId: exam._id,
    examTitle: exam.title,
    kind: exam.kind,
    personId: person._id,
    enterpriseId: person.enterpriseId,
    departmentId: person.departmentId ?? null,
    countyCode: person.countyCode ?? null,
    cityCode: person.cityCode ?? null,
    industry: person.industry ?? null,
    attemptNo,
    window,
    status: 'inProgress',
    startedAt: now,
    deadline,
    submittedAt: null,
    gradedAt: null,
    result: null,
    cheating: null,
    rev: 0,
    seed: paper.seed,
    paper,
    questionIds: ids,
    keys,
    answers: {},
    passScore: exam.passScore,
    multiplePartialRatio: exam.multiplePartialRatio ?? null,
    voided: [...(exam.voidedQuestionIds ?? [])],
    graded: null,
    savedAt: null,
  };
  try {
    await ctx.db.collection(C.attempts).add({ data: doc as unknown as Record<string, unknown> });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    // A parallel start (another device) created attempt n first: resume it.
    const other = await readAttempt(ctx.db, id);
    if (!other || other.status !== 'inProgress' || other.deadline <= now) throw new AppError('CONFLICT');
    return output(ctx, other, true);
  }
  return output(ctx, doc, false);
}

/**
 * Starts or resumes an attempt (docs/exam-design.md): the exam (1), the caller's attempts (2), then
 * either the running attempt's paper again (any device, same deadline) or a new attempt n+1 drawn
 * from the frozen pool and created with a deterministic `_id` (3): two parallel starts make one
 * attempt, the loser resumes it. Pool and question versions are immutable and cached per instance.
 */
export default defineAction(examWorkerContracts.start, {
  allow: ['worker'],
  async run({ examId }, ctx) {
    const { person, target } = taker(ctx);
    const exam = assertExamOpen(await loadExam(examId), target);
    const now = ctx.now().getTime();
    const res = await ctx.db
      .collection(C.attempts)
      .where({ personId: person._id, examId })
      .field({ ...SUMMARY_FIELDS, paper: true, answers: true })
      .limit(200)
      .get<AttemptDoc>();
    let attempts = res.data;
    const d = decideStart(scheduleOf(exam), attempts, now);
    if (d.ok && d.action === 'resume') return output(ctx, attempts.find((a) => a.attemptNo === d.attemptNo)!, true);
    // Overdue attempts are graded now with what was saved (nobody waits for the timer), then decide again.
    const overdue = attempts.filter((a) => a.status === 'inProgress' && a.deadline <= now);
    if (overdue.length) {
      for (const a of overdue) {
        const full = await readAttempt(ctx.db, a._id);
        if (full) await settleIfOverdue(ctx.db, full, now);
      }
      attempts = (await ctx.db.collection(C.attempts).where({ personId: person._id, examId }).field(SUMMARY_FIELDS).limit(200).get<AttemptDoc>()).data;
    }
    const again = overdue.length ? decideStart(scheduleOf(exam), attempts, now) : d;
    if (!again.ok) throw new AppError(again.code);
    if (again.action === 'resume') return output(ctx, (await readAttempt(ctx.db, attemptIdOf(examId, person._id, again.attemptNo)))!, true);
    if (exam.identityCheck === 'start') await assertIdentityChecked(ctx, exam._id, person._id, now);
    const seen = new Set<string>();
    if (exam.kind === 'practice') for (const a of res.data) for (const i of a.paper?.items ?? []) seen.add(lineageOfVersion(i.questionId));
    return create(ctx, exam, person, again.attemptNo, again.window, again.deadline, seen);
  },
});
