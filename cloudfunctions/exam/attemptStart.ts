import type { StartOutput } from '../../shared/contracts/exam';
import type { Paper } from '../../shared/exam/drawing';
import { publicPaper } from '../../shared/exam/grading';
import type { AttemptWindow } from '../../shared/exam/attemptState';
import type { Ctx } from '../common/action';
import { C } from '../common/db';
import { isDuplicateKey } from '../common/dbErrors';
import { AppError } from '../common/errors';
import type { PersonDoc } from '../common/persons';
import { readAttempt, type AttemptDoc, type AttemptRound } from './attemptDoc';
import type { ExamDoc } from './examDoc';
import { questionTexts } from './pool';

/**
 * What `start` and `startWrongBook` share: an attempt's paper as the worker sees it (stems and
 * shuffled options, listed by publicPaper — never keys or analysis) and the create-once of a new
 * attempt with its server-only keys copied from the drawn versions.
 */
export async function startOutput(ctx: Ctx, a: Pick<AttemptDoc, '_id' | 'deadline' | 'paper' | 'answers'>, resumed: boolean): Promise<StartOutput> {
  const texts = await questionTexts(ctx.db, a.paper.items.map((i) => i.questionId));
  const questions = publicPaper(a.paper, texts);
  return { attemptId: a._id, deadline: new Date(a.deadline).toISOString(), questions, ...(resumed ? { saved: { ...(a.answers ?? {}) } } : {}), serverNow: ctx.now().toISOString() };
}

export interface NewAttempt {
  /** Deterministic: two parallel starts race on one create and the loser resumes the winner's attempt. */
  id: string;
  attemptNo: number;
  window: AttemptWindow;
  deadline: number;
  paper: Paper;
  round?: AttemptRound;
}

/** Creates the attempt (create fails on a duplicate `_id`: a parallel start won, so resume it when it is the same kind of round). */
export async function createAttempt(ctx: Ctx, exam: ExamDoc, person: PersonDoc, n: NewAttempt): Promise<StartOutput> {
  const now = ctx.now().getTime();
  const { paper } = n;
  const ids = paper.items.map((i) => i.questionId);
  const texts = await questionTexts(ctx.db, ids);
  const keys: Record<string, string[]> = {};
  for (const qid of ids) {
    const q = texts.get(qid);
    if (!q) throw new AppError('DRAW_POOL_SHORT');
    keys[qid] = [...q.answer];
  }
  const doc: AttemptDoc = {
    _id: n.id,
    examId: exam._id,
    examTitle: exam.title,
    kind: exam.kind,
    courseId: exam.courseId ?? null,
    ...(n.round ? { round: n.round } : {}),
    ...(exam.spot ? { spot: true } : {}),
    personId: person._id,
    enterpriseId: person.enterpriseId,
    departmentId: person.departmentId ?? null,
    countyCode: person.countyCode ?? null,
    cityCode: person.cityCode ?? null,
    provinceCode: person.provinceCode ?? null,
    townCode: person.townCode ?? null,
    industry: person.industry ?? null,
    attemptNo: n.attemptNo,
    window: n.window,
    status: 'inProgress',
    startedAt: now,
    deadline: n.deadline,
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
    touchedAt: now,
    rolled: null,
  };
  try {
    await ctx.db.collection(C.attempts).add({ data: doc as unknown as Record<string, unknown> });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    // A parallel start (another device) created this attempt first: resume it.
    const other = await readAttempt(ctx.db, n.id);
    if (!other || other.status !== 'inProgress' || other.deadline <= now || (other.round ?? 'regular') !== (n.round ?? 'regular')) throw new AppError('CONFLICT');
    return startOutput(ctx, other, true);
  }
  return startOutput(ctx, doc, false);
}
