import { setClockForTests } from '../common/clock';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import type { EnterpriseDoc } from '../common/enterprises';
import type { Fail, Ok } from '../../shared/errors';
import type { ExamDetail, ExamFieldsInput, MyExamItem, StartOutput } from '../../shared/contracts/exam';
import { findAnswerLeaks } from '../../shared/exam/grading';
import { displayedKeys } from '../../shared/exam/basics';
import { addWorker, enterpriseDoc } from '../learning/studyTesting';
import { addBank, examCall, examInput } from './examTesting';
import type { AttemptDoc } from './attemptDoc';

jest.setTimeout(120_000);

let cloud: TestCloud;
let ent: EnterpriseDoc;
let other: EnterpriseDoc;
let bankId: string;
const tok = { sys: '', tz: '', ent: '', otherEnt: '', outReg: '' };
/** The injectable clock: tests move it, never sleep. */
let t = Date.parse('2026-12-02T02:00:00Z');
const advance = (s: number) => {
  t += s * 1000;
};
const iso = (ms: number) => new Date(ms).toISOString();

/** Every worker response, scanned for answer keys before grading (saved answers are the worker's own). */
const leaks: string[] = [];
const scan = (action: string, r: Ok<unknown> | Fail) => {
  if (r.ok && action !== 'review') for (const p of findAnswerLeaks(r.data, ['$.saved'])) leaks.push(`${action}: ${p}`);
};
const w = async <T>(openid: string, action: string, input: Record<string, unknown> = {}): Promise<Ok<T> | Fail> => {
  const r = await cloud.call<T>('exam', { action, ...input }, { openid });
  scan(action, r);
  return r;
};
const code = (r: Ok<unknown> | Fail) => (r.ok ? 'ok' : r.code);
const attemptDoc = async (id: string) => {
  const r = await cloud.db().collection('attempts').doc(id).get();
  return ((Array.isArray(r.data) ? r.data[0] : r.data) ?? null) as AttemptDoc | null;
};

async function exam(overrides: Partial<ExamFieldsInput> = {}, token = tok.sys, bank = bankId): Promise<ExamDetail> {
  const input = examInput(bank, { opensAt: iso(t - 3600_000), closesAt: iso(t + 7 * 24 * 3600_000), pushRule: { enterpriseIds: [ent._id] }, ...overrides });
  const { exam: e } = expectOk(await examCall<{ exam: ExamDetail }>(cloud, token, 'createExam', { ...input }));
  return expectOk(await examCall<{ exam: ExamDetail }>(cloud, token, 'publishExam', { examId: e._id })).exam;
}

/** The right displayed letters of every question of an attempt (read from the server-only keys in the database). */
async function rightAnswers(attemptId: string): Promise<Record<string, string[]>> {
  const a = (await attemptDoc(attemptId))!;
  const out: Record<string, string[]> = {};
  for (const item of a.paper.items) {
    const keys = displayedKeys(item);
    out[item.questionId] = a.keys[item.questionId].map((k) => keys[item.optionOrder.indexOf(k)]).sort();
  }
  return out;
}

beforeAll(async () => {
  cloud = await startTestCloud();
  setClockForTests(() => new Date(t));
  tok.sys = await cloud.login('admin');
  tok.tz = await cloud.login('tz_regulator');
  tok.ent = await cloud.login('ent_admin');
  tok.outReg = await cloud.login('sd_regulator');
  const acc = (await cloud.db().collection('accounts').doc('u:ent_admin').get()).data as unknown as { enterpriseId: string } | { enterpriseId: string }[];
  ent = await enterpriseDoc(cloud, (Array.isArray(acc) ? acc[0] : acc).enterpriseId);
  const res = await cloud.db().collection('enterprises').where({ _id: cloud.db().command.neq(ent._id) }).limit(1).get<EnterpriseDoc>();
  other = res.data[0];
  bankId = await addBank(cloud);
}, 120_000);
afterAll(async () => {
  setClockForTests(null);
  await cloud?.close();
});

describe('taking an exam', () => {
  it('myExams lists the pushed exam; start draws a paper without keys; resume on another device returns the same attempt and saved answers; submit grades once', async () => {
    const e = await exam({ title: '正式考试一' });
    const me = await addWorker(cloud, ent);
    const outsider = await addWorker(cloud, other);
    const list = expectOk(await w<{ items: MyExamItem[] }>(me.openid, 'myExams'));
    expect(list.items.find((i) => i.examId === e._id)).toMatchObject({ kind: 'formal', durationMinutes: 60, fullScore: 100, passScore: 60, attemptsLeft: 1, status: 'open' });
    expect(expectOk(await w<{ items: MyExamItem[] }>(outsider.openid, 'myExams')).items.map((i) => i.examId)).not.toContain(e._id);
    expect(code(await w(outsider.openid, 'start', { examId: e._id }))).toBe('EXAM_NOT_AVAILABLE');
    expect(code(await w(me.openid, 'start', { examId: 'exmissing' }))).toBe('EXAM_NOT_AVAILABLE');

    const s = expectOk(await w<StartOutput>(me.openid, 'start', { examId: e._id }));
    expect(s.questions).toHaveLength(30);
    expect(Date.parse(s.deadline)).toBe(t + 60 * 60_000);
    // The server's clock with it: the page counts down against it, not the phone's.
    expect(Date.parse(s.serverNow!)).toBe(t);
    expect(Object.keys(s.questions[0]).sort()).toEqual(['_id', 'options', 'stem', 'type']);
    const right = await rightAnswers(s.attemptId);
    const [q1, q2, q3] = s.questions;
    expectOk(await w(me.openid, 'saveAnswer', { attemptId: s.attemptId, questionId: q1._id, answer: right[q1._id] }));
    expectOk(await w(me.openid, 'saveAnswer', { attemptId: s.attemptId, questionId: q2._id, answer: right[q2._id] }));
    // The same answer twice is fine; bad letters are refused; a foreign attempt is not found.
    expectOk(await w(me.openid, 'saveAnswer', { attemptId: s.attemptId, questionId: q2._id, answer: right[q2._id] }));
    expect(code(await w(me.openid, 'saveAnswer', { attemptId: s.attemptId, questionId: q3._id, answer: ['Z'] }))).toBe('ANSWER_INVALID');
    expect(code(await w(outsider.openid, 'saveAnswer', { attemptId: s.attemptId, questionId: q3._id, answer: ['A'] }))).toBe('NOT_FOUND');
    expect(code(await w(outsider.openid, 'submit', { attemptId: s.attemptId }))).toBe('NOT_FOUND');
    expect(code(await w(outsider.openid, 'review', { attemptId: s.attemptId }))).toBe('NOT_FOUND');

    advance(600);
    // Another device: the same attempt, paper and deadline, with the saved answers.
    const again = expectOk(await w<StartOutput>(me.openid, 'start', { examId: e._id }));
    expect(again.attemptId).toBe(s.attemptId);
    expect(again.deadline).toBe(s.deadline);
    expect(again.questions).toEqual(s.questions);
    expect(again.saved).toEqual({ [q1._id]: right[q1._id], [q2._id]: right[q2._id] });
    expect(expectOk(await w<{ items: MyExamItem[] }>(me.openid, 'myExams')).items.find((i) => i.examId === e._id)?.status).toBe('inProgress');

    // Everything right: 100 points.
    for (const q of s.questions.slice(2)) expectOk(await w(me.openid, 'saveAnswer', { attemptId: s.attemptId, questionId: q._id, answer: right[q._id] }));
    const results = await Promise.all(Array.from({ length: 8 }, () => w<{ score: number; fullScore: number; passed: boolean }>(me.openid, 'submit', { attemptId: s.attemptId })));
    for (const r of results) expect(expectOk(r)).toEqual({ score: 100, fullScore: 100, passed: true });
    const stored = (await attemptDoc(s.attemptId))!;
    expect(stored).toMatchObject({ status: 'graded', rev: 1, result: { score: 100, passed: true } });
    // Graded once (rev 0 → 1: one compare-and-set won), one ledger entry, whatever the number of parallel submits.
    expect(expectOk(await w(me.openid, 'submit', { attemptId: s.attemptId }))).toEqual({ score: 100, fullScore: 100, passed: true });
    expect((await cloud.db().collection('pointsLedger').where({ personId: me.personId, source: 'examPass' }).count()).total).toBe(1);
    expect(code(await w(me.openid, 'saveAnswer', { attemptId: s.attemptId, questionId: q1._id, answer: ['A'] }))).toBe('ATTEMPT_SUBMITTED');
    expect(code(await w(me.openid, 'start', { examId: e._id }))).toBe('EXAM_ALREADY_PASSED');
    expect(expectOk(await w<{ items: MyExamItem[] }>(me.openid, 'myExams')).items.find((i) => i.examId === e._id)).toMatchObject({ status: 'passed', attemptsLeft: 0 });

    const review = expectOk(await w<{ score: number; items: { correct: boolean; correctAnswer: string[]; myAnswer: string[] }[] }>(me.openid, 'review', { attemptId: s.attemptId }));
    expect(review.score).toBe(100);
    expect(review.items.every((i) => i.correct)).toBe(true);
    expect(leaks).toEqual([]);
  });

  it('two parallel starts make one attempt', async () => {
    const e = await exam({ title: '并发开考' });
    const me = await addWorker(cloud, ent);
    const [a, b] = await Promise.all([w<StartOutput>(me.openid, 'start', { examId: e._id }), w<StartOutput>(me.openid, 'start', { examId: e._id })]);
    expect(expectOk(a).attemptId).toBe(expectOk(b).attemptId);
    expect(expectOk(a).questions).toEqual(expectOk(b).questions);
    expect((await cloud.db().collection('attempts').where({ examId: e._id, personId: me.personId }).count()).total).toBe(1);
  });

  it('after the deadline a save is refused and the attempt is graded with what was saved (next read, or the timer)', async () => {
    const e = await exam({ title: '限时考试', durationMinutes: 10, retake: { mode: 'attempts', maxAttempts: 2 } });
    const me = await addWorker(cloud, ent);
    const s = expectOk(await w<StartOutput>(me.openid, 'start', { examId: e._id }));
    const right = await rightAnswers(s.attemptId);
    // Judge questions come first (2 points each): 5 right = 10 points.
    for (const q of s.questions.slice(0, 5)) expectOk(await w(me.openid, 'saveAnswer', { attemptId: s.attemptId, questionId: q._id, answer: right[q._id] }));
    advance(10 * 60);
    expect(code(await w(me.openid, 'saveAnswer', { attemptId: s.attemptId, questionId: s.questions[6]._id, answer: right[s.questions[6]._id] }))).toBe('ATTEMPT_EXPIRED');
    expect(expectOk(await w<{ items: MyExamItem[] }>(me.openid, 'myExams')).items.find((i) => i.examId === e._id)?.status).toBe('pending');
    expect(expectOk(await w(me.openid, 'submit', { attemptId: s.attemptId }))).toEqual({ score: 10, fullScore: 100, passed: false });
    expect(await attemptDoc(s.attemptId)).toMatchObject({ status: 'expired', submittedAt: Date.parse(s.deadline) });
    // 补考: the second of two attempts; then none left.
    const mine = expectOk(await w<{ items: MyExamItem[] }>(me.openid, 'myExams')).items.find((i) => i.examId === e._id);
    expect(mine).toMatchObject({ status: 'retakeOpen', attemptsLeft: 1 });
    const second = expectOk(await w<StartOutput>(me.openid, 'start', { examId: e._id }));
    expect(second.attemptId).not.toBe(s.attemptId);
    advance(11 * 60);
    // The timer grades it (nobody read it).
    expect(expectOk(await cloud.call<{ expired: number }>('exam', { Type: 'Timer', TriggerName: 'tick' }, { timer: true })).expired).toBeGreaterThanOrEqual(1);
    expect(await attemptDoc(second.attemptId)).toMatchObject({ status: 'expired', result: { score: 0, passed: false } });
    expect(code(await w(me.openid, 'start', { examId: e._id }))).toBe('EXAM_ATTEMPTS_EXHAUSTED');
    expect(expectOk(await w<{ items: MyExamItem[] }>(me.openid, 'myExams')).items.find((i) => i.examId === e._id)).toMatchObject({ status: 'failed', attemptsLeft: 0 });
  });

  it('the deadline is cut at the window close; a closed exam refuses to start', async () => {
    const e = await exam({ title: '临近结束', closesAt: iso(t + 15 * 60_000) });
    const me = await addWorker(cloud, ent);
    const late = await addWorker(cloud, ent);
    const s = expectOk(await w<StartOutput>(me.openid, 'start', { examId: e._id }));
    expect(s.deadline).toBe(iso(t + 15 * 60_000));
    advance(16 * 60);
    expect(code(await w(late.openid, 'start', { examId: e._id }))).toBe('EXAM_CLOSED');
    expect(expectOk(await w<{ items: MyExamItem[] }>(late.openid, 'myExams')).items.find((i) => i.examId === e._id)?.status).toBe('absent');
  });

  it('作弊: only a regulator in scope or the organising enterprise marks it; it counts as failed with no retake', async () => {
    const entBank = await addBank(cloud, { judge: 10, single: 10, multiple: 10 }, { role: 'enterpriseAdmin', enterpriseId: ent._id });
    const e = await exam({ title: '企业考试', retake: { mode: 'attempts', maxAttempts: 3 } }, tok.ent, entBank);
    const me = await addWorker(cloud, ent);
    const s = expectOk(await w<StartOutput>(me.openid, 'start', { examId: e._id }));
    const right = await rightAnswers(s.attemptId);
    for (const q of s.questions) expectOk(await w(me.openid, 'saveAnswer', { attemptId: s.attemptId, questionId: q._id, answer: right[q._id] }));
    // The sysadmin may not (not in the matrix), a regulator of another city gets NOT_FOUND, as for a missing attempt.
    expect(code(await examCall(cloud, tok.sys, 'markCheating', { attemptId: s.attemptId, reason: '替考' }))).toBe('FORBIDDEN');
    // 济南 is not 滕州: same answer as a missing attempt.
    const jinan = await cloud.login('sd_regulator');
    expect(code(await examCall(cloud, jinan, 'markCheating', { attemptId: 'att:none:none:1', reason: '替考' }))).toBe('NOT_FOUND');
    expect(code(await examCall(cloud, await cloud.login('zz_regulator'), 'attemptDetail', { attemptId: s.attemptId }))).toBe('ok');
    const marked = expectOk(await examCall<{ attempt: { status: string; cheating: boolean; passed: boolean | null } }>(cloud, tok.ent, 'markCheating', { attemptId: s.attemptId, reason: '替考' }));
    expect(marked.attempt).toMatchObject({ cheating: true, status: 'graded', passed: false });
    // A replayed mark by the same organiser answers the marked attempt again (nothing new written).
    expect(expectOk(await examCall<{ attempt: unknown }>(cloud, tok.ent, 'markCheating', { attemptId: s.attemptId, reason: '替考' })).attempt).toMatchObject({ cheating: true, status: 'graded', passed: false });
    expect(code(await examCall(cloud, tok.tz, 'markCheating', { attemptId: s.attemptId, reason: '夹带' }))).toBe('ATTEMPT_ALREADY_MARKED');
    expect(expectOk(await w(me.openid, 'submit', { attemptId: s.attemptId }))).toEqual({ score: 100, fullScore: 100, passed: false });
    expect(code(await w(me.openid, 'start', { examId: e._id }))).toBe('EXAM_ATTEMPTS_EXHAUSTED');
    expect(expectOk(await w<{ items: MyExamItem[] }>(me.openid, 'myExams')).items.find((i) => i.examId === e._id)?.status).toBe('cheating');
    expect((await cloud.db().collection('pointsLedger').where({ personId: me.personId, source: 'examPass' }).count()).total).toBe(0);
    const audit = await cloud.db().collection('auditLog').where({ action: 'exam.markCheating', targetId: s.attemptId }).count();
    expect(audit.total).toBe(1);
  });

  it('an accepted appeal voids the question and rescores every attempt that drew it; the loser of a race gets APPEAL_NOT_PENDING', async () => {
    // A small pool so both takers draw the same questions.
    const small = await addBank(cloud, { judge: 10 });
    const e = await exam({ title: '申诉考试', rule: { sections: [{ from: { bankIds: [small] }, type: 'judge', count: 10, scorePerQuestion: 10 }] }, passScore: 80 });
    const a = await addWorker(cloud, ent);
    const b = await addWorker(cloud, ent);
    const sa = expectOk(await w<StartOutput>(a.openid, 'start', { examId: e._id }));
    const sb = expectOk(await w<StartOutput>(b.openid, 'start', { examId: e._id }));
    const ra = await rightAnswers(sa.attemptId);
    const rb = await rightAnswers(sb.attemptId);
    const disputed = sa.questions[0]._id;
    const wrong = (r: string[]) => [r[0] === 'A' ? 'B' : 'A'];
    // a: 7 right + the disputed one wrong = 70; b: 8 right incl. the disputed one = 80.
    for (const q of sa.questions.slice(0, 8)) expectOk(await w(a.openid, 'saveAnswer', { attemptId: sa.attemptId, questionId: q._id, answer: q._id === disputed ? wrong(ra[q._id]) : ra[q._id] }));
    const bq = sb.questions.filter((q) => q._id !== disputed).slice(0, 7).map((q) => q._id);
    for (const id of [...bq, disputed]) expectOk(await w(b.openid, 'saveAnswer', { attemptId: sb.attemptId, questionId: id, answer: rb[id] }));
    expect(expectOk(await w(a.openid, 'submit', { attemptId: sa.attemptId }))).toEqual({ score: 70, fullScore: 100, passed: false });
    expect(expectOk(await w(b.openid, 'submit', { attemptId: sb.attemptId }))).toEqual({ score: 80, fullScore: 100, passed: true });

    const ap = expectOk(await w<{ appealId: string }>(a.openid, 'appeal', { attemptId: sa.attemptId, questionId: disputed, reason: '题目表述有歧义，两个答案都对' }));
    expect(code(await w(a.openid, 'appeal', { attemptId: sa.attemptId, questionId: disputed, reason: '再次申诉这道题目' }))).toBe('APPEAL_EXISTS');
    // Another enterprise's admin does not see it; the publisher does.
    expect(code(await examCall(cloud, tok.ent, 'decideAppeal', { appealId: ap.appealId, decision: 'accept', reply: '同意' }))).toBe('NOT_FOUND');
    const listed = expectOk(await examCall<{ items: { appealId: string }[] }>(cloud, tok.sys, 'listAppeals', { examId: e._id }));
    expect(listed.items.map((i) => i.appealId)).toEqual([ap.appealId]);
    const [d1, d2] = await Promise.all([
      examCall<{ rescored: number; nowPassed: number }>(cloud, tok.sys, 'decideAppeal', { appealId: ap.appealId, decision: 'accept', reply: '采纳，该题作废' }),
      examCall<{ rescored: number; nowPassed: number }>(cloud, tok.sys, 'decideAppeal', { appealId: ap.appealId, decision: 'accept', reply: '采纳，该题作废' }),
    ]);
    expect([code(d1), code(d2)].sort()).toEqual(['APPEAL_NOT_PENDING', 'ok']);
    expect(expectOk(code(d1) === 'ok' ? d1 : d2)).toMatchObject({ rescored: 1, nowPassed: 1 });
    // a: 70 + the voided question's 10 = 80, now passed; b keeps 80 (it had the question right).
    expect(await attemptDoc(sa.attemptId)).toMatchObject({ result: { score: 80, passed: true }, voided: [disputed] });
    expect(await attemptDoc(sb.attemptId)).toMatchObject({ result: { score: 80, passed: true }, voided: [disputed] });
    expect(expectOk(await w(a.openid, 'submit', { attemptId: sa.attemptId }))).toEqual({ score: 80, fullScore: 100, passed: true });
    expect((await cloud.db().collection('pointsLedger').where({ personId: a.personId, source: 'examPass' }).count()).total).toBe(1);
    const mine = expectOk(await w<{ items: { status: string; reply: string }[] }>(a.openid, 'myAppeals'));
    expect(mine.items[0]).toMatchObject({ status: 'accepted', reply: '采纳，该题作废' });
  });

  it('no worker response before review carried an answer key (every call of this suite scanned)', () => {
    expect(leaks).toEqual([]);
  });
});
