import type { AttemptRow } from '../../shared/contracts/exam';
import { applyGrade, decideSubmit, expiryOf, type AttemptState, type AttemptWindow, type ExamKind, type SubmitDecision } from '../../shared/exam/attemptState';
import type { Paper } from '../../shared/exam/drawing';
import type { Contribution } from '../../shared/exam/rollup';
import { gradePaper, type AnswerKey, type GradedItem, type GradeResult } from '../../shared/exam/grading';
import { ledgerEntryId } from '../../shared/learning/points';
import type { IndustryCode } from '../../shared/taxonomy';
import type { CompanionDecl, Ctx } from '../common/action';
import { C, type Database } from '../common/db';
import { AppError } from '../common/errors';
import { createOnce, learnerIdOf, pointsRules } from '../learning/learner';
import { syncWrongBook } from './wrongBook';

/**
 * One attempt (collection `attempts`, `_id` = attemptId(exam, person, n)): the state machine's
 * fields (epoch ms), the paper drawn at start, the server-only `keys` copied from the drawn
 * versions, the saved `answers` (displayed letters per question id), the grading policy copied
 * from the exam at start, and the person's organisation copied for results without joins.
 * Never returned as stored: every response lists its fields.
 */
/** A practice round over the exam's pool, or over the person's 错题本 (startWrongBook: its ids end in `:w<n>`). */
export type AttemptRound = 'regular' | 'wrongBook';

export interface AttemptDoc extends AttemptState {
  _id: string;
  examId: string;
  examTitle: string;
  kind: ExamKind;
  /** The exam's course (practice: the 错题本 entries carry it). */
  courseId?: string | null;
  /** Absent on regular attempts. */
  round?: AttemptRound;
  /** An attempt at a 逢查必考 exam (一人一档 marks it). */
  spot?: boolean;
  personId: string;
  enterpriseId: string | null;
  departmentId: string | null;
  countyCode: string | null;
  cityCode: string | null;
  /** Absent on attempts started before results filtered by every region level. */
  provinceCode?: string | null;
  townCode?: string | null;
  industry: IndustryCode | null;
  seed: string;
  paper: Paper;
  questionIds: string[];
  keys: Record<string, string[]>;
  answers: Record<string, string[]>;
  passScore: number;
  multiplePartialRatio: number | null;
  voided: string[];
  graded: GradedItem[] | null;
  savedAt: number | null;
  /** When the attempt's outcome last moved (start, grading, 作弊, rescoring): the rollup pass reads attempts touched since its cursor. */
  touchedAt?: number;
  /** Attempt 1 only: the person's contribution to the exam's rollups as last counted (rollups.ts). */
  rolled?: { seq: number; c: Contribution | null } | null;
  /** Points granted for this pass (the ledger entry exists). */
  granted?: boolean;
}

/** An update's data with object values replaced whole (an update merges nested objects otherwise, and cannot set a field inside null). */
export function whole(db: Database, patch: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? db.command.set(v) : v]));
}

export const attemptNotFound = () => new AppError('NOT_FOUND', '答卷不存在');

export async function readAttempt(db: Database, attemptId: string): Promise<AttemptDoc | null> {
  const r = await db.collection(C.attempts).doc(attemptId).get();
  return ((Array.isArray(r.data) ? r.data[0] : r.data) ?? null) as AttemptDoc | null;
}

/** The router reads the caller's attempt named by the input's `attemptId` with the person (one round trip; a foreign id yields nothing). */
export const ATTEMPT_COMPANION: CompanionDecl = { collection: C.attempts, byInput: 'attemptId', ownerField: 'personId' };

/**
 * The caller's own attempt: the router's companion when the action declares ATTEMPT_COMPANION (no
 * round trip of its own), else one read. A foreign id answers exactly as a missing one.
 */
export async function callerAttempt(ctx: Pick<Ctx, 'db' | 'companion'>, attemptId: string, personId: string): Promise<AttemptDoc> {
  if (ctx.companion === undefined) return ownAttempt(ctx.db, attemptId, personId);
  const a = ctx.companion as AttemptDoc | null;
  if (!a || a._id !== attemptId || a.personId !== personId) throw attemptNotFound();
  return a;
}

/** The caller's own attempt; a foreign id answers exactly as a missing one. */
export async function ownAttempt(db: Database, attemptId: string, personId: string): Promise<AttemptDoc> {
  const a = await readAttempt(db, attemptId);
  if (!a || a.personId !== personId) throw attemptNotFound();
  return a;
}

export const keysOf = (a: Pick<AttemptDoc, 'paper' | 'keys'>): Map<string, AnswerKey> =>
  new Map(a.paper.items.map((i) => [i.questionId, { _id: i.questionId, type: i.type, answer: a.keys[i.questionId] ?? [] }]));

export function gradeOf(a: AttemptDoc): GradeResult {
  return gradePaper(a.paper, keysOf(a), a.answers ?? {}, {
    passScore: a.passScore,
    multiple: a.multiplePartialRatio ? { mode: 'partial', ratio: a.multiplePartialRatio } : { mode: 'allOrNothing' },
    voided: new Set(a.voided ?? []),
  });
}

/**
 * Grades the attempt as `d` says and stores it on `rev` (compare-and-set). A concurrent grader
 * (another submit, the timer, the next read) that won first is re-read and its result kept: an
 * attempt is graded exactly once. Returns the stored attempt after grading.
 */
export async function gradeAndStore(db: Database, a: AttemptDoc, d: Extract<SubmitDecision, { action: 'grade' }>, now: number): Promise<{ attempt: AttemptDoc; won: boolean }> {
  const g = gradeOf(a);
  const next = applyGrade(a, d, { score: g.score, fullScore: g.fullScore, passed: g.passed }, now);
  const patch = { status: next.status, submittedAt: next.submittedAt, gradedAt: next.gradedAt, result: next.result, graded: g.items, rev: next.rev, touchedAt: now };
  const r = await db.collection(C.attempts).where({ _id: a._id, rev: a.rev }).update({ data: whole(db, patch) });
  if (r.stats.updated === 1) {
    const graded = { ...a, ...patch };
    await syncWrongBook(db, graded, g.items, new Date(now));
    return { attempt: graded, won: true };
  }
  const fresh = await readAttempt(db, a._id);
  if (!fresh) throw attemptNotFound();
  if (fresh.status === 'graded' || fresh.status === 'expired') return { attempt: fresh, won: false };
  // Changed by something else (a cheating mark): decide again on what is stored now.
  const again = decideSubmit(fresh, now);
  return again.action === 'grade' ? gradeAndStore(db, fresh, again, now) : { attempt: fresh, won: false };
}

/** An attempt past its deadline found by a read: graded now with what was saved (else as it is). */
export async function settleIfOverdue(db: Database, a: AttemptDoc, now: number): Promise<AttemptDoc> {
  const d = expiryOf(a, now);
  if (!d) return a;
  const graded = await gradeAndStore(db, a, d, now);
  if (graded.won) await grantPass(db, graded.attempt, now);
  return graded.attempt;
}

/**
 * Points for a passed formal exam, once per person and exam: the ledger entry's `_id` is
 * deterministic (a replay or a second pass creates nothing). The learner's total moves once per
 * exam (`creditLearner`, conditional on the learner document not listing the exam yet) — at once,
 * or with `{ credit: false }` (submit: ≤ 3 round trips) by the timer's next rollup pass, which
 * credits entries still marked `learnerCredited: false`. Returns whether the entry was created now.
 */
export async function grantPass(db: Database, a: AttemptDoc, now: number, opts: { credit?: boolean } = {}): Promise<boolean> {
  if (a.kind !== 'formal' || !a.result?.passed || a.cheating) return false;
  const points = pointsRules().examPass.points;
  const id = ledgerEntryId(a.personId, 'examPass', a.examId);
  const created = await createOnce(db, C.pointsLedger, id, {
    personId: a.personId,
    source: 'examPass',
    eventKey: a.examId,
    points,
    title: a.examTitle,
    attemptId: a._id,
    at: new Date(now),
    learnerCredited: false,
  });
  if (created && opts.credit !== false) await creditLearnerOnce(db, id, a.personId, a.examId, points);
  return created;
}

/**
 * Moves the learner's points total by an exam pass once: the update is conditional on the learner
 * document not listing the exam in `creditedExams` (and bumps `rev`, so a learning compare-and-set
 * in flight re-reads instead of overwriting the total), then the ledger entry is marked credited.
 * A replay after a crash between the two finds the exam listed and only marks the entry.
 * (No learner document yet — the person never studied —: nothing to move; the entry stays as the record.)
 */
export async function creditLearnerOnce(db: Database, ledgerId: string, personId: string, examId: string, points: number): Promise<void> {
  const _ = db.command;
  if (points > 0) {
    await db
      .collection(C.studySessions)
      .where({ _id: learnerIdOf(personId), creditedExams: _.nin([examId]) })
      .update({ data: { pointsTotal: _.inc(points), rev: _.inc(1), creditedExams: _.push([examId]) } });
  }
  await db.collection(C.pointsLedger).doc(ledgerId).update({ data: { learnerCredited: true } });
}

const iso = (t: number | null | undefined): string | null => (t == null ? null : new Date(t).toISOString());

export function toAttemptRow(a: AttemptDoc): AttemptRow {
  const finished = a.status === 'graded' || a.status === 'expired';
  return {
    attemptId: a._id,
    attemptNo: a.attemptNo,
    window: a.window as AttemptWindow,
    status: a.status,
    startedAt: iso(a.startedAt)!,
    deadline: iso(a.deadline)!,
    submittedAt: iso(a.submittedAt),
    score: finished && a.result ? a.result.score : null,
    fullScore: a.paper.fullScore,
    passed: finished && a.result ? a.result.passed && !a.cheating : null,
    timeUsedSeconds: a.submittedAt != null ? Math.max(0, Math.round((a.submittedAt - a.startedAt) / 1000)) : null,
    cheating: !!a.cheating,
  };
}

/** Fields of the state machine (what decideStart / myExamStatus read): lists fetch only these. */
export const SUMMARY_FIELDS = { _id: true, examId: true, round: true, attemptNo: true, window: true, status: true, startedAt: true, deadline: true, submittedAt: true, gradedAt: true, result: true, cheating: true, rev: true } as const;
