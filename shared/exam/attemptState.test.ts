import {
  MINUTE,
  absentees,
  applyGrade,
  attemptDeadline,
  attemptId,
  attemptsLeft,
  bestAttempt,
  canAppeal,
  canReview,
  canSave,
  decideStart,
  decideSubmit,
  effectiveStatus,
  expiryOf,
  markCheating,
  myExamStatus,
  personOutcome,
  type AttemptState,
  type ExamSchedule,
} from './attemptState';

const T0 = Date.UTC(2026, 11, 1, 0, 0, 0);
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 组织考试: 60 minutes, open 8 hours, one attempt. */
const formal: ExamSchedule = { kind: 'formal', durationMinutes: 60, opensAt: T0, closesAt: T0 + 8 * HOUR, retake: { mode: 'none' } };

function started(e: ExamSchedule, attempts: AttemptState[], now: number): AttemptState {
  const d = decideStart(e, attempts, now);
  if (!d.ok || d.action !== 'create') throw new Error(`cannot start: ${JSON.stringify(d)}`);
  return { attemptNo: d.attemptNo, window: d.window, status: 'inProgress', startedAt: now, deadline: d.deadline, submittedAt: null, gradedAt: null, result: null, cheating: null, rev: 0 };
}
function graded(a: AttemptState, score: number, now: number, passScore = 80): AttemptState {
  const d = decideSubmit(a, now);
  if (d.action !== 'grade') throw new Error('not gradable');
  return applyGrade(a, d, { score, fullScore: 100, passed: score >= passScore }, now);
}

describe('ids', () => {
  it('attempt ids are per person, exam and number', () => {
    expect(attemptId('e1', 'p1', 2)).toBe('att:e1:p1:2');
  });
});

describe('deadline', () => {
  it('is min(start + duration, window close)', () => {
    expect(attemptDeadline(T0, 60, T0 + 8 * HOUR)).toBe(T0 + HOUR);
    expect(attemptDeadline(T0 + 7.5 * HOUR, 60, T0 + 8 * HOUR)).toBe(T0 + 8 * HOUR);
    expect(started(formal, [], T0 + 7.5 * HOUR).deadline).toBe(formal.closesAt);
  });
});

describe('start', () => {
  it('refuses before the window and after it', () => {
    expect(decideStart(formal, [], T0 - 1)).toEqual({ ok: false, code: 'EXAM_NOT_OPEN' });
    expect(decideStart(formal, [], formal.closesAt)).toEqual({ ok: false, code: 'EXAM_CLOSED' });
  });
  it('resumes the running attempt (same attempt, any device) until its deadline', () => {
    const a = started(formal, [], T0 + 10 * MINUTE);
    expect(decideStart(formal, [a], T0 + 30 * MINUTE)).toEqual({ ok: true, action: 'resume', attemptNo: 1 });
  });
  it('one attempt by default: a second start after submitting is refused; an overdue attempt counts and is listed', () => {
    const a = graded(started(formal, [], T0), 60, T0 + 30 * MINUTE);
    expect(decideStart(formal, [a], T0 + HOUR)).toEqual({ ok: false, code: 'EXAM_ATTEMPTS_EXHAUSTED' });
    const left = started(formal, [], T0);
    expect(decideStart(formal, [left], T0 + 2 * HOUR)).toEqual({ ok: false, code: 'EXAM_ATTEMPTS_EXHAUSTED' });
    const two: ExamSchedule = { ...formal, retake: { mode: 'attempts', maxAttempts: 2 } };
    expect(decideStart(two, [left], T0 + 2 * HOUR)).toMatchObject({ ok: true, action: 'create', attemptNo: 2, overdue: [1] });
  });
  it('N attempts: stops at N, and at the first pass', () => {
    const three: ExamSchedule = { ...formal, retake: { mode: 'attempts', maxAttempts: 3 } };
    const a1 = graded(started(three, [], T0), 50, T0 + 10 * MINUTE);
    const a2 = graded(started(three, [a1], T0 + HOUR), 70, T0 + 70 * MINUTE);
    expect(attemptsLeft(three, [a1, a2], T0 + 2 * HOUR)).toBe(1);
    const a3 = graded(started(three, [a1, a2], T0 + 2 * HOUR), 75, T0 + 130 * MINUTE);
    expect(decideStart(three, [a1, a2, a3], T0 + 3 * HOUR)).toEqual({ ok: false, code: 'EXAM_ATTEMPTS_EXHAUSTED' });
    const passed = graded(started(three, [], T0), 90, T0 + 10 * MINUTE);
    expect(decideStart(three, [passed], T0 + HOUR)).toEqual({ ok: false, code: 'EXAM_ALREADY_PASSED' });
    expect(attemptsLeft(three, [passed], T0 + HOUR)).toBe(0);
  });
  it('补考 in a second window: only for those who did not pass; absent persons may take it', () => {
    const retake: ExamSchedule = { ...formal, retake: { mode: 'secondWindow', opensAt: T0 + DAY, closesAt: T0 + DAY + 8 * HOUR, maxAttempts: 1 } };
    const failed = graded(started(retake, [], T0), 60, T0 + 50 * MINUTE);
    expect(decideStart(retake, [failed], T0 + 2 * HOUR)).toEqual({ ok: false, code: 'EXAM_ATTEMPTS_EXHAUSTED' });
    expect(decideStart(retake, [failed], T0 + 10 * HOUR)).toEqual({ ok: false, code: 'EXAM_CLOSED' });
    const r = decideStart(retake, [failed], T0 + DAY + HOUR);
    expect(r).toMatchObject({ ok: true, action: 'create', attemptNo: 2, window: 'retake', deadline: T0 + DAY + 2 * HOUR });
    expect(decideStart(retake, [], T0 + DAY + HOUR)).toMatchObject({ ok: true, window: 'retake', attemptNo: 1 });
    const second = graded(started(retake, [failed], T0 + DAY + HOUR), 65, T0 + DAY + 90 * MINUTE);
    expect(decideStart(retake, [failed, second], T0 + DAY + 2 * HOUR)).toEqual({ ok: false, code: 'EXAM_ATTEMPTS_EXHAUSTED' });
    const passed = graded(started(retake, [], T0), 85, T0 + 50 * MINUTE);
    expect(decideStart(retake, [passed], T0 + DAY + HOUR)).toEqual({ ok: false, code: 'EXAM_ALREADY_PASSED' });
    expect(attemptsLeft(retake, [], T0)).toBe(2);
    expect(attemptsLeft(retake, [failed], T0 + DAY + HOUR)).toBe(1);
  });
  it('practice and mock are unlimited inside the window', () => {
    const practice: ExamSchedule = { ...formal, kind: 'practice' };
    let attempts: AttemptState[] = [];
    for (let i = 0; i < 5; i++) attempts = [...attempts, graded(started(practice, attempts, T0 + i * MINUTE), 100, T0 + i * MINUTE + 1)];
    expect(decideStart(practice, attempts, T0 + HOUR)).toMatchObject({ ok: true, attemptNo: 6 });
    expect(attemptsLeft(practice, attempts, T0 + HOUR)).toBeNull();
    expect(myExamStatus(practice, attempts, T0 + HOUR)).toBe('open');
    expect(myExamStatus(practice, attempts, practice.closesAt)).toBe('closed');
  });
});

describe('in progress: save and submit', () => {
  const a = started(formal, [], T0);
  it('saves only before the server deadline', () => {
    expect(canSave(a, T0 + 59 * MINUTE)).toEqual({ ok: true });
    expect(canSave(a, T0 + HOUR)).toEqual({ ok: false, code: 'ATTEMPT_EXPIRED' });
    expect(effectiveStatus(a, T0 + HOUR)).toBe('expired');
    const done = graded(a, 90, T0 + 30 * MINUTE);
    expect(canSave(done, T0 + 31 * MINUTE)).toEqual({ ok: false, code: 'ATTEMPT_SUBMITTED' });
  });
  it('submit grades once; a repeat replays', () => {
    expect(decideSubmit(a, T0 + 30 * MINUTE)).toEqual({ action: 'grade', status: 'graded', submittedAt: T0 + 30 * MINUTE });
    const done = graded(a, 90, T0 + 30 * MINUTE);
    expect(done).toMatchObject({ status: 'graded', rev: 1, result: { passed: true } });
    expect(decideSubmit(done, T0 + 31 * MINUTE)).toEqual({ action: 'replay' });
  });
  it('after the deadline: expired, graded with what was saved, submitted at the deadline', () => {
    expect(decideSubmit(a, T0 + 2 * HOUR)).toEqual({ action: 'grade', status: 'expired', submittedAt: T0 + HOUR });
    expect(expiryOf(a, T0 + 30 * MINUTE)).toBeNull();
    const d = expiryOf(a, T0 + 2 * HOUR)!;
    const e = applyGrade(a, d, { score: 40, fullScore: 100, passed: false }, T0 + 2 * HOUR);
    expect(e).toMatchObject({ status: 'expired', submittedAt: T0 + HOUR });
    expect(canSave(e, T0 + 3 * HOUR)).toEqual({ ok: false, code: 'ATTEMPT_EXPIRED' });
    expect(decideSubmit(e, T0 + 3 * HOUR)).toEqual({ action: 'replay' });
  });
});

describe('作弊', () => {
  it('counts as failed and shows as 作弊; an attempt in progress ends; same mark twice is a no-op', () => {
    const a = graded(started(formal, [], T0), 95, T0 + 30 * MINUTE);
    const m = markCheating(a, { by: 'acc1', reason: '替考', at: T0 + HOUR });
    expect(m.ok && m.state).toMatchObject({ result: { score: 95, passed: false }, cheating: { reason: '替考' }, rev: a.rev + 1 });
    if (!m.ok) return;
    expect(personOutcome(formal, [m.state], T0 + HOUR)).toBe('cheating');
    expect(markCheating(m.state, { by: 'acc2', reason: '替考', at: T0 + 2 * HOUR })).toMatchObject({ ok: true, changed: false });
    expect(markCheating(m.state, { by: 'acc2', reason: '夹带', at: T0 + 2 * HOUR })).toEqual({ ok: false, code: 'ATTEMPT_ALREADY_MARKED' });
    const running = started(formal, [], T0);
    const r = markCheating(running, { by: 'insp', reason: '使用手机', at: T0 + 20 * MINUTE });
    expect(r.ok && r.state).toMatchObject({ status: 'submitted', submittedAt: T0 + 20 * MINUTE });
    if (!r.ok) return;
    expect(canSave(r.state, T0 + 21 * MINUTE)).toEqual({ ok: false, code: 'ATTEMPT_SUBMITTED' });
    const g = graded(r.state, 100, T0 + 21 * MINUTE);
    expect(g.result).toMatchObject({ score: 100, passed: false });
  });
  it('a marked person gets no more attempts', () => {
    const three: ExamSchedule = { ...formal, retake: { mode: 'attempts', maxAttempts: 3 } };
    const m = markCheating(graded(started(three, [], T0), 40, T0 + MINUTE), { by: 'x', reason: '抄袭', at: T0 + 2 * MINUTE });
    if (!m.ok) throw new Error();
    expect(decideStart(three, [m.state], T0 + HOUR)).toEqual({ ok: false, code: 'EXAM_ATTEMPTS_EXHAUSTED' });
    expect(myExamStatus(three, [m.state], T0 + HOUR)).toBe('cheating');
  });
});

describe('outcomes', () => {
  it('缺考 is derived when the window closes for targeted persons without an attempt', () => {
    expect(personOutcome(formal, [], T0 + HOUR)).toBe('notStarted');
    expect(personOutcome(formal, [], formal.closesAt)).toBe('absent');
    expect(absentees(formal, ['p1', 'p2', 'p3'], new Set(['p2']), T0 + HOUR)).toEqual([]);
    expect(absentees(formal, ['p1', 'p2', 'p3'], new Set(['p2']), formal.closesAt)).toEqual(['p1', 'p3']);
    expect(myExamStatus(formal, [], formal.closesAt)).toBe('absent');
  });
  it('passed / failed / pending / best attempt', () => {
    const three: ExamSchedule = { ...formal, retake: { mode: 'attempts', maxAttempts: 3 } };
    const a1 = graded(started(three, [], T0), 70, T0 + MINUTE);
    const a2 = graded(started(three, [a1], T0 + HOUR), 85, T0 + HOUR + MINUTE);
    expect(personOutcome(three, [a1], T0 + HOUR)).toBe('failed');
    expect(personOutcome(three, [a1, a2], T0 + 2 * HOUR)).toBe('passed');
    expect(bestAttempt([a1, a2])?.attemptNo).toBe(2);
    const overdue = started(three, [a1], T0 + HOUR);
    expect(personOutcome(three, [a1, overdue], T0 + 3 * HOUR)).toBe('pending');
    expect(myExamStatus(three, [a1], T0 + HOUR)).toBe('retakeOpen');
    expect(myExamStatus(three, [a1, a2], T0 + 2 * HOUR)).toBe('passed');
    expect(myExamStatus(three, [], T0 - 1)).toBe('upcoming');
    expect(myExamStatus(three, [], T0)).toBe('open');
    expect(myExamStatus(three, [started(three, [], T0)], T0 + MINUTE)).toBe('inProgress');
  });
});

describe('review and appeals', () => {
  const a = started(formal, [], T0);
  const done = graded(a, 70, T0 + 30 * MINUTE);
  it('review only after grading and if the exam allows it', () => {
    expect(canReview(a, true, T0 + MINUTE)).toEqual({ ok: false, code: 'ATTEMPT_NOT_GRADED' });
    expect(canReview(done, false, T0 + HOUR)).toEqual({ ok: false, code: 'REVIEW_NOT_ALLOWED' });
    expect(canReview(done, true, T0 + HOUR)).toEqual({ ok: true });
  });
  it('appeals within the days allowed, never on a cheating attempt', () => {
    expect(canAppeal(done, true, 7, T0 + 6 * DAY)).toEqual({ ok: true });
    expect(canAppeal(done, true, 7, T0 + 8 * DAY)).toEqual({ ok: false, code: 'APPEAL_NOT_ALLOWED' });
    expect(canAppeal(done, false, 7, T0 + DAY)).toEqual({ ok: false, code: 'APPEAL_NOT_ALLOWED' });
    const m = markCheating(done, { by: 'x', reason: '替考', at: T0 + HOUR });
    expect(m.ok && canAppeal(m.state, true, 7, T0 + DAY)).toEqual({ ok: false, code: 'APPEAL_NOT_ALLOWED' });
  });
});
