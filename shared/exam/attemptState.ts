/**
 * An attempt is an explicit state machine (as Moodle's quiz_attempt):
 *
 *     inProgress ──submit──▶ submitted ──grade──▶ graded
 *          └──── deadline passes (timer or next read) ────▶ expired (graded with what was saved)
 *
 * The server fixes the deadline at start: min(start + duration, the window's close). Each call
 * asks this module what it may do in the attempt's state and gets a coded error otherwise. The
 * exam policy (windows, attempts, 补考) lives here too, apart from grading. Times are epoch
 * milliseconds from the function's clock (`common/clock.ts`); the function converts to ISO.
 */
import type { ErrorCode } from '../errors';

export const EXAM_KINDS = ['practice', 'mock', 'formal'] as const;
export type ExamKind = (typeof EXAM_KINDS)[number];
export const EXAM_KIND_ZH: Record<ExamKind, string> = { practice: '练习', mock: '模拟考试', formal: '正式考试' };

/**
 * 补考 / retakes: none (one attempt); N attempts inside the window; or a second window (补考时间)
 * open to those who did not pass the first (failed or absent), with its own attempt count.
 * Practice and mock exams are unlimited whatever is set.
 */
export type RetakePolicy =
  | { mode: 'none' }
  | { mode: 'attempts'; maxAttempts: number }
  | { mode: 'secondWindow'; opensAt: number; closesAt: number; maxAttempts: number };

export interface ExamSchedule {
  kind: ExamKind;
  durationMinutes: number;
  opensAt: number;
  closesAt: number;
  retake: RetakePolicy;
  /** Formal exams: a passed person takes no more attempts. */
  stopWhenPassed?: boolean;
}

export type AttemptStatus = 'inProgress' | 'submitted' | 'graded' | 'expired';
export const ATTEMPT_STATUS_ZH: Record<AttemptStatus, string> = { inProgress: '答题中', submitted: '评分中', graded: '已交卷', expired: '超时自动交卷' };
export type AttemptWindow = 'primary' | 'retake';

export interface AttemptResult {
  score: number;
  fullScore: number;
  passed: boolean;
}

export interface CheatingMark {
  by: string;
  reason: string;
  at: number;
}

export interface AttemptState {
  /** 1-based per person and exam (part of the attempt's `_id`). */
  attemptNo: number;
  window: AttemptWindow;
  status: AttemptStatus;
  startedAt: number;
  deadline: number;
  submittedAt: number | null;
  gradedAt: number | null;
  result: AttemptResult | null;
  cheating: CheatingMark | null;
  /** Bumped by every change: the function writes `where rev == previous`. */
  rev: number;
}

type Fail = { ok: false; code: ErrorCode };
const fail = (code: ErrorCode): Fail => ({ ok: false, code });

export const MINUTE = 60_000;

/** An attempt's `_id`: one per person, exam and attempt number, so parallel starts create one (the loser resumes it). */
export const attemptId = (examId: string, personId: string, attemptNo: number): string => `att:${examId}:${personId}:${attemptNo}`;
/** A 错题本 entry: one per person and question lineage. */
export const wrongBookId = (personId: string, lineageId: string): string => `wrong:${personId}:${lineageId}`;

/** The attempt's deadline: the duration from its start, cut at the window's close. */
export const attemptDeadline = (startedAt: number, durationMinutes: number, windowClosesAt: number): number => Math.min(startedAt + durationMinutes * MINUTE, windowClosesAt);

export const isOverdue = (a: Pick<AttemptState, 'status' | 'deadline'>, now: number): boolean => a.status === 'inProgress' && now >= a.deadline;

/** The status a reader should act on: an in-progress attempt past its deadline is expired (to be graded with what was saved). */
export const effectiveStatus = (a: Pick<AttemptState, 'status' | 'deadline'>, now: number): AttemptStatus => (isOverdue(a, now) ? 'expired' : a.status);

const unlimited = (e: ExamSchedule) => e.kind !== 'formal';
const finished = (a: AttemptState) => a.status === 'graded' || a.status === 'expired';
const passedClean = (a: AttemptState) => finished(a) && !a.cheating && a.result?.passed === true;

/** The window open at `now` and its attempt limit (null = unlimited), or why none is. */
function openWindow(e: ExamSchedule, now: number): { ok: true; window: AttemptWindow; closesAt: number; max: number | null } | Fail {
  if (now < e.opensAt) return fail('EXAM_NOT_OPEN');
  if (now < e.closesAt) {
    if (unlimited(e)) return { ok: true, window: 'primary', closesAt: e.closesAt, max: null };
    const max = e.retake.mode === 'attempts' ? e.retake.maxAttempts : 1;
    return { ok: true, window: 'primary', closesAt: e.closesAt, max };
  }
  if (!unlimited(e) && e.retake.mode === 'secondWindow') {
    if (now < e.retake.opensAt) return fail('EXAM_CLOSED');
    if (now < e.retake.closesAt) return { ok: true, window: 'retake', closesAt: e.retake.closesAt, max: e.retake.maxAttempts };
  }
  return fail('EXAM_CLOSED');
}

export type StartDecision =
  | { ok: true; action: 'resume'; attemptNo: number }
  | { ok: true; action: 'create'; attemptNo: number; window: AttemptWindow; deadline: number; overdue: number[] }
  | Fail;

/**
 * What `start` does, given the person's attempts at this exam: resume the running attempt (same
 * paper, same deadline, any device), or create attempt n+1 (its `_id` holds n: two parallel starts
 * race on one create and the loser resumes), or refuse with a code. Attempts past their deadline
 * are listed in `overdue`: grade them as expired in the same transaction.
 */
export function decideStart(e: ExamSchedule, attempts: readonly AttemptState[], now: number): StartDecision {
  const running = attempts.find((a) => a.status === 'inProgress' && now < a.deadline);
  if (running) return { ok: true, action: 'resume', attemptNo: running.attemptNo };
  const overdue = attempts.filter((a) => isOverdue(a, now)).map((a) => a.attemptNo);
  const w = openWindow(e, now);
  if (!w.ok) return w;
  if (!unlimited(e)) {
    if (attempts.some((a) => a.cheating)) return fail('EXAM_ATTEMPTS_EXHAUSTED');
    if ((e.stopWhenPassed ?? true) && attempts.some(passedClean)) return fail('EXAM_ALREADY_PASSED');
    const inWindow = attempts.filter((a) => a.window === w.window).length;
    if (w.max !== null && inWindow >= w.max) return fail('EXAM_ATTEMPTS_EXHAUSTED');
  }
  const attemptNo = attempts.reduce((n, a) => Math.max(n, a.attemptNo), 0) + 1;
  return { ok: true, action: 'create', attemptNo, window: w.window, deadline: attemptDeadline(now, e.durationMinutes, w.closesAt), overdue };
}

/** Attempts the person may still start now (null = unlimited; 0 when none). */
export function attemptsLeft(e: ExamSchedule, attempts: readonly AttemptState[], now: number): number | null {
  if (unlimited(e)) return now < e.closesAt ? null : 0;
  if (attempts.some((a) => a.cheating) || ((e.stopWhenPassed ?? true) && attempts.some(passedClean))) return 0;
  const left = (window: AttemptWindow, max: number) => Math.max(0, max - attempts.filter((a) => a.window === window).length);
  if (now < e.closesAt) {
    const primary = left('primary', e.retake.mode === 'attempts' ? e.retake.maxAttempts : 1);
    const retake = e.retake.mode === 'secondWindow' ? e.retake.maxAttempts : 0;
    return primary + retake;
  }
  if (e.retake.mode === 'secondWindow' && now < e.retake.closesAt) return left('retake', e.retake.maxAttempts);
  return 0;
}

export type Allowed = { ok: true } | Fail;

/** saveAnswer: only while in progress and before the deadline (the server's, never the client's). */
export function canSave(a: AttemptState, now: number): Allowed {
  if (a.status === 'inProgress') return now < a.deadline ? { ok: true } : fail('ATTEMPT_EXPIRED');
  if (a.status === 'expired') return fail('ATTEMPT_EXPIRED');
  return fail('ATTEMPT_SUBMITTED');
}

export type SubmitDecision =
  /** Grade now with the saved answers and write `status` (graded, or expired past the deadline). */
  | { action: 'grade'; status: 'graded' | 'expired'; submittedAt: number }
  /** Already graded: answer the stored result (a double submit gets the same answer). */
  | { action: 'replay' };

/**
 * submit: in progress → graded now (after the deadline: expired, graded with what was saved,
 * `submittedAt` = the deadline); submitted (grading interrupted) → grade; graded / expired → the
 * stored result. Concurrent submits write `where rev == read rev`: one grades, the others re-read
 * and replay.
 */
export function decideSubmit(a: AttemptState, now: number): SubmitDecision {
  if (a.status === 'graded' || a.status === 'expired') return { action: 'replay' };
  if (a.status === 'submitted') return { action: 'grade', status: a.submittedAt !== null && a.submittedAt >= a.deadline ? 'expired' : 'graded', submittedAt: a.submittedAt ?? Math.min(now, a.deadline) };
  return now < a.deadline ? { action: 'grade', status: 'graded', submittedAt: now } : { action: 'grade', status: 'expired', submittedAt: a.deadline };
}

/** The attempt after grading (a cheating mark forces a fail). */
export function applyGrade(a: AttemptState, d: Extract<SubmitDecision, { action: 'grade' }>, result: AttemptResult, now: number): AttemptState {
  return { ...a, status: d.status, submittedAt: d.submittedAt, gradedAt: now, result: { ...result, passed: result.passed && !a.cheating }, rev: a.rev + 1 };
}

/** An overdue attempt found by the timer or the next read: decideSubmit gives the expiry. */
export const expiryOf = (a: AttemptState, now: number): Extract<SubmitDecision, { action: 'grade' }> | null => {
  const d = decideSubmit(a, now);
  return isOverdue(a, now) && d.action === 'grade' ? d : null;
};

/**
 * 作弊: a regulator or the organising enterprise marks an attempt with a reason. It counts as
 * failed and shows as 作弊; an attempt in progress ends now (it still gets graded, for the record).
 * Marking twice with the same reason changes nothing; a different reason is ATTEMPT_ALREADY_MARKED.
 */
export function markCheating(a: AttemptState, mark: CheatingMark): { ok: true; state: AttemptState; changed: boolean } | Fail {
  if (a.cheating) return a.cheating.reason === mark.reason ? { ok: true, state: a, changed: false } : fail('ATTEMPT_ALREADY_MARKED');
  const ended: Partial<AttemptState> = a.status === 'inProgress' ? { status: 'submitted', submittedAt: Math.min(mark.at, a.deadline) } : {};
  const result = a.result ? { ...a.result, passed: false } : null;
  return { ok: true, changed: true, state: { ...a, ...ended, result, cheating: { ...mark }, rev: a.rev + 1 } };
}

/** Review (answers, keys, analysis) only after grading, and only if the exam allows it. */
export function canReview(a: AttemptState, allowReview: boolean, now: number): Allowed {
  if (!finished(a)) return fail(isOverdue(a, now) ? 'ATTEMPT_EXPIRED' : 'ATTEMPT_NOT_GRADED');
  return allowReview ? { ok: true } : fail('REVIEW_NOT_ALLOWED');
}

/** 申诉: after a review, within `appealDays` of grading, not on a cheating attempt. */
export function canAppeal(a: AttemptState, allowReview: boolean, appealDays: number, now: number): Allowed {
  const r = canReview(a, allowReview, now);
  if (!r.ok) return fail('APPEAL_NOT_ALLOWED');
  if (a.cheating || a.gradedAt === null || now > a.gradedAt + appealDays * 24 * 60 * MINUTE) return fail('APPEAL_NOT_ALLOWED');
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Per person: the outcome of an exam

export type PersonOutcome = 'notStarted' | 'inProgress' | 'pending' | 'passed' | 'failed' | 'absent' | 'cheating';
export const PERSON_OUTCOME_ZH: Record<PersonOutcome, string> = { notStarted: '未参加', inProgress: '考试中', pending: '评分中', passed: '合格', failed: '不合格', absent: '缺考', cheating: '作弊' };

/**
 * A targeted person's outcome: 作弊 if any attempt is marked; 合格 if any graded attempt passed;
 * 缺考 once the window closed with no attempt at all (derived, never written per person — a later
 * 补考 attempt replaces it); else the best graded attempt's fail, or still open.
 */
export function personOutcome(e: Pick<ExamSchedule, 'closesAt'>, attempts: readonly AttemptState[], now: number): PersonOutcome {
  if (attempts.some((a) => a.cheating)) return 'cheating';
  if (attempts.some(passedClean)) return 'passed';
  if (attempts.length === 0) return now >= e.closesAt ? 'absent' : 'notStarted';
  if (attempts.some((a) => a.status === 'inProgress' && now < a.deadline)) return 'inProgress';
  if (attempts.some((a) => a.status === 'submitted' || isOverdue(a, now))) return 'pending';
  return 'failed';
}

/** The best graded, unmarked attempt (the person's score on the exam): highest score, then earliest. */
export function bestAttempt(attempts: readonly AttemptState[]): AttemptState | null {
  let best: AttemptState | null = null;
  for (const a of attempts) {
    if (!finished(a) || !a.result || a.cheating) continue;
    if (!best || a.result.score > best.result!.score || (a.result.score === best.result!.score && a.attemptNo < best.attemptNo)) best = a;
  }
  return best;
}

/** 缺考: the targeted persons without any attempt, once the window has closed ([] before). */
export function absentees(e: Pick<ExamSchedule, 'closesAt'>, targeted: readonly string[], withAttempt: ReadonlySet<string>, now: number): string[] {
  return now < e.closesAt ? [] : targeted.filter((p) => !withAttempt.has(p));
}

/** `myExams` status of an item. */
export type MyExamStatus = 'upcoming' | 'open' | 'inProgress' | 'pending' | 'passed' | 'failed' | 'absent' | 'cheating' | 'retakeOpen' | 'closed';
export const MY_EXAM_STATUS_ZH: Record<MyExamStatus, string> = {
  upcoming: '未开始',
  open: '待考试',
  inProgress: '考试中',
  pending: '评分中',
  passed: '合格',
  failed: '不合格',
  absent: '缺考',
  cheating: '作弊',
  retakeOpen: '可补考',
  closed: '已结束',
};

export function myExamStatus(e: ExamSchedule, attempts: readonly AttemptState[], now: number): MyExamStatus {
  if (now < e.opensAt) return 'upcoming';
  const outcome = personOutcome(e, attempts, now);
  if (outcome === 'inProgress' || outcome === 'pending' || outcome === 'cheating') return outcome;
  const start = decideStart(e, attempts, now);
  if (unlimited(e)) return start.ok ? 'open' : 'closed';
  if (start.ok) return attempts.length === 0 && start.action === 'create' && start.window === 'primary' ? 'open' : 'retakeOpen';
  return outcome === 'notStarted' ? 'closed' : outcome;
}
