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
import type { WrongBookDoc } from './wrongBook';

jest.setTimeout(120_000);

let cloud: TestCloud;
let ent: EnterpriseDoc;
let bankId: string;
let sys = '';
let t = Date.parse('2026-12-02T02:00:00Z');
const advance = (s: number) => {
  t += s * 1000;
};
const iso = (ms: number) => new Date(ms).toISOString();

type Feedback = { correct: boolean; correctAnswer: string[]; analysis: string };
const FEEDBACK_PATHS = ['$.analysis', '$.correct', '$.correctAnswer'];

/**
 * Every worker response is scanned for answer fields: none anywhere, except practiceCheck's own
 * three top-level fields (the feedback on the one question just answered) — nothing nested, no other question.
 */
const leaks: string[] = [];
const scan = (action: string, r: Ok<unknown> | Fail) => {
  if (!r.ok) return;
  const found = findAnswerLeaks(r.data, ['$.saved']);
  if (action === 'practiceCheck') {
    if (found.sort().join() !== FEEDBACK_PATHS.join() || Object.keys(r.data as object).sort().join() !== 'analysis,correct,correctAnswer') leaks.push(`practiceCheck: ${found.join(' ')}`);
  } else for (const p of found) leaks.push(`${action}: ${p}`);
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
const wrongDocs = async (personId: string) => (await cloud.db().collection('wrongBook').where({ personId }).limit(100).get<WrongBookDoc>()).data;

async function exam(overrides: Partial<ExamFieldsInput> = {}): Promise<ExamDetail> {
  const input = examInput(bankId, { opensAt: iso(t - 3600_000), closesAt: iso(t + 7 * 24 * 3600_000), pushRule: { enterpriseIds: [ent._id] }, ...overrides });
  const { exam: e } = expectOk(await examCall<{ exam: ExamDetail }>(cloud, sys, 'createExam', { ...input }));
  return expectOk(await examCall<{ exam: ExamDetail }>(cloud, sys, 'publishExam', { examId: e._id })).exam;
}

/** The right displayed letters of every question of an attempt (from the server-only keys in the database). */
async function rightAnswers(attemptId: string): Promise<Record<string, string[]>> {
  const a = (await attemptDoc(attemptId))!;
  const out: Record<string, string[]> = {};
  for (const item of a.paper.items) {
    const keys = displayedKeys(item);
    out[item.questionId] = a.keys[item.questionId].map((k) => keys[item.optionOrder.indexOf(k)]).sort();
  }
  return out;
}
/** A wrong answer of the question's type in displayed letters. */
const wrongOf = (type: string, right: string[]) => (type === 'multiple' ? ['A', 'B', 'C', 'D'].filter((k) => !right.includes(k)).slice(0, 1) : [right[0] === 'A' ? 'B' : 'A']);
/** The analysis stored on the question version (the bank's truth). */
const analysisOf = async (questionId: string) => ((await cloud.db().collection('questions').doc(questionId).get()).data as unknown as { analysis: string } | { analysis: string }[]) as { analysis: string };

beforeAll(async () => {
  cloud = await startTestCloud();
  setClockForTests(() => new Date(t));
  sys = await cloud.login('admin');
  const acc = (await cloud.db().collection('accounts').doc('u:ent_admin').get()).data as unknown as { enterpriseId: string } | { enterpriseId: string }[];
  ent = await enterpriseDoc(cloud, (Array.isArray(acc) ? acc[0] : acc).enterpriseId);
  // 20 questions of each type: a practice paper of 2 + 2 + 2 leaves plenty unseen for the next round.
  bankId = await addBank(cloud, { judge: 20, single: 20, multiple: 20 });
}, 120_000);
afterAll(async () => {
  setClockForTests(null);
  await cloud?.close();
});

const practiceRule = () => ({
  sections: [
    { from: { bankIds: [bankId] }, type: 'judge', count: 2, scorePerQuestion: 10 },
    { from: { bankIds: [bankId] }, type: 'single', count: 2, scorePerQuestion: 20 },
    { from: { bankIds: [bankId] }, type: 'multiple', count: 2, scorePerQuestion: 20 },
  ],
});

describe('练习: per-question feedback and the 错题本', () => {
  it('practiceCheck locks the answer and reveals only that question: its key in this paper’s letters and its analysis; replays answer the same', async () => {
    const e = await exam({ title: '练习一', kind: 'practice', rule: practiceRule() as never, durationMinutes: 30 });
    const me = await addWorker(cloud, ent);
    const other = await addWorker(cloud, ent);
    const s = expectOk(await w<StartOutput>(me.openid, 'start', { examId: e._id }));
    expect(s.questions).toHaveLength(6);
    const right = await rightAnswers(s.attemptId);
    const single = s.questions.find((q) => q.type === 'single')!;
    const multiple = s.questions.find((q) => q.type === 'multiple')!;

    // Right: the key in this candidate's shuffled letters (not the bank's), with the analysis.
    const fb = expectOk(await w<Feedback>(me.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: single._id, answer: right[single._id] }));
    expect(fb).toEqual({ correct: true, correctAnswer: right[single._id], analysis: (await analysisOf(single._id)).analysis });
    // A replay of the same answer (lower case, another device) answers the same; another answer is refused, by practiceCheck and saveAnswer alike.
    expect(expectOk(await w<Feedback>(me.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: single._id, answer: right[single._id].map((k) => k.toLowerCase()) }))).toEqual(fb);
    expect(code(await w(me.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: single._id, answer: wrongOf('single', right[single._id]) }))).toBe('ANSWER_LOCKED');
    expect(code(await w(me.openid, 'saveAnswer', { attemptId: s.attemptId, questionId: single._id, answer: wrongOf('single', right[single._id]) }))).toBe('ANSWER_LOCKED');
    expect(code(await w(me.openid, 'saveAnswer', { attemptId: s.attemptId, questionId: single._id, answer: [] }))).toBe('ANSWER_LOCKED');
    expectOk(await w(me.openid, 'saveAnswer', { attemptId: s.attemptId, questionId: single._id, answer: right[single._id] }));
    // No answer, no feedback; bad letters, a question not on the paper, someone else's attempt: nothing revealed.
    expect(code(await w(me.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: multiple._id, answer: [] }))).toBe('INVALID_INPUT');
    expect(code(await w(me.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: multiple._id, answer: ['Z'] }))).toBe('ANSWER_INVALID');
    expect(code(await w(me.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: 'qbnone-v1', answer: ['A'] }))).toBe('NOT_FOUND');
    expect(code(await w(other.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: multiple._id, answer: ['A'] }))).toBe('NOT_FOUND');
    expect(code(await w(me.openid, 'practiceCheck', { attemptId: 'att:none:none:1', questionId: multiple._id, answer: ['A'] }))).toBe('NOT_FOUND');

    // Wrong: into the 错题本 once, however often the check is replayed.
    const wrongAnswer = wrongOf('multiple', right[multiple._id]);
    const bad = expectOk(await w<Feedback>(me.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: multiple._id, answer: wrongAnswer }));
    expect(bad).toMatchObject({ correct: false, correctAnswer: right[multiple._id] });
    expectOk(await w(me.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: multiple._id, answer: wrongAnswer }));
    const book = await wrongDocs(me.personId);
    expect(book).toHaveLength(1);
    expect(book[0]).toMatchObject({ _id: `wrong:${me.personId}:${multiple._id.replace(/-v\d+$/, '')}`, examId: e._id, questionId: multiple._id, wrongCount: 1, cleared: false });

    // Parallel checks of one question with different answers: exactly one is stored, the other is locked out.
    const judge = s.questions.find((q) => q.type === 'judge')!;
    const racing = await Promise.all([
      w<Feedback>(me.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: judge._id, answer: ['A'] }),
      w<Feedback>(me.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: judge._id, answer: ['B'] }),
    ]);
    expect(racing.map(code).sort()).toEqual(['ANSWER_LOCKED', 'ok']);
    const kept = (await attemptDoc(s.attemptId))!.answers[judge._id];
    expect(racing.find((r) => r.ok)).toMatchObject({ data: { correct: JSON.stringify(kept) === JSON.stringify(right[judge._id]) } });

    // Practice is never a result: no points; unlimited rounds, unseen questions first.
    expectOk(await w(me.openid, 'submit', { attemptId: s.attemptId }));
    expect((await cloud.db().collection('pointsLedger').where({ personId: me.personId, source: 'examPass' }).count()).total).toBe(0);
    expect(code(await w(me.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: s.questions[5]._id, answer: ['A'] }))).toBe('ATTEMPT_SUBMITTED');
    const second = expectOk(await w<StartOutput>(me.openid, 'start', { examId: e._id }));
    expect(second.attemptId).not.toBe(s.attemptId);
    const firstLineages = new Set(s.questions.map((q) => q._id));
    expect(second.questions.filter((q) => firstLineages.has(q._id))).toEqual([]);
    expect(expectOk(await w<{ items: MyExamItem[] }>(me.openid, 'myExams')).items.find((i) => i.examId === e._id)).toMatchObject({ kind: 'practice', attemptsLeft: null });
    // Nor in 一人一档.
    expect(expectOk(await cloud.call<{ onlineExams: unknown[] }>('learning', { action: 'myArchive' }, { openid: me.openid })).onlineExams).toEqual([]);
    expect(leaks).toEqual([]);
  });

  it('a practice answer past the deadline is refused without feedback; formal attempts never give practice feedback', async () => {
    const p = await exam({ title: '限时练习', kind: 'practice', rule: practiceRule() as never, durationMinutes: 5 });
    const f = await exam({ title: '正式考试', kind: 'formal', rule: practiceRule() as never });
    const me = await addWorker(cloud, ent);
    const sf = expectOk(await w<StartOutput>(me.openid, 'start', { examId: f._id }));
    expect(code(await w(me.openid, 'practiceCheck', { attemptId: sf.attemptId, questionId: sf.questions[0]._id, answer: ['A'] }))).toBe('EXAM_NOT_PRACTICE');
    expect(code(await w(me.openid, 'startWrongBook', { examId: f._id }))).toBe('EXAM_NOT_PRACTICE');
    expect(code(await w(me.openid, 'startWrongBook', { examId: 'exnone' }))).toBe('EXAM_NOT_AVAILABLE');
    const sp = expectOk(await w<StartOutput>(me.openid, 'start', { examId: p._id }));
    advance(5 * 60);
    expect(code(await w(me.openid, 'practiceCheck', { attemptId: sp.attemptId, questionId: sp.questions[0]._id, answer: ['A'] }))).toBe('ATTEMPT_EXPIRED');
    expect(await wrongDocs(me.personId)).toEqual([]);
    expect(leaks).toEqual([]);
  });

  it('模拟考试 is graded but never recorded as a pass: no points', async () => {
    const m = await exam({ title: '模拟考试', kind: 'mock', rule: practiceRule() as never, passScore: 60 });
    const me = await addWorker(cloud, ent);
    const s = expectOk(await w<StartOutput>(me.openid, 'start', { examId: m._id }));
    const right = await rightAnswers(s.attemptId);
    for (const q of s.questions) expectOk(await w(me.openid, 'saveAnswer', { attemptId: s.attemptId, questionId: q._id, answer: right[q._id] }));
    expect(expectOk(await w(me.openid, 'submit', { attemptId: s.attemptId }))).toEqual({ score: 100, fullScore: 100, passed: true });
    expect((await cloud.db().collection('pointsLedger').where({ personId: me.personId, source: 'examPass' }).count()).total).toBe(0);
    expect(expectOk(await cloud.call<{ onlineExams: unknown[] }>('learning', { action: 'myArchive' }, { openid: me.openid })).onlineExams).toEqual([]);
    // Unlimited: another round may start.
    expect(code(await w(me.openid, 'start', { examId: m._id }))).toBe('ok');
  });

  it('错题本: the list, a round over the uncleared questions only (no keys), resumed on another device; right clears, wrong counts again', async () => {
    const e = await exam({ title: '错题练习', kind: 'practice', rule: practiceRule() as never, durationMinutes: 30 });
    const me = await addWorker(cloud, ent);
    expect(code(await w(me.openid, 'startWrongBook', { examId: e._id }))).toBe('WRONG_BOOK_EMPTY');
    const s = expectOk(await w<StartOutput>(me.openid, 'start', { examId: e._id }));
    const right = await rightAnswers(s.attemptId);
    // Three wrong (one of each type), three right.
    const wrongIds: string[] = [];
    for (const type of ['judge', 'single', 'multiple']) {
      const [a, b] = s.questions.filter((q) => q.type === type);
      expect(expectOk(await w<Feedback>(me.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: a._id, answer: wrongOf(type, right[a._id]) })).correct).toBe(false);
      expect(expectOk(await w<Feedback>(me.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: b._id, answer: right[b._id] })).correct).toBe(true);
      wrongIds.push(a._id);
      advance(1);
    }
    expectOk(await w(me.openid, 'submit', { attemptId: s.attemptId }));

    const list = expectOk(await w<{ items: { questionId: string; type: string; stem: string; wrongCount: number; lastWrongAt: string }[]; total: number }>(me.openid, 'wrongBook', { examId: e._id }));
    expect(list.total).toBe(3);
    // Newest mistake first.
    expect(list.items.map((i) => i.questionId)).toEqual([...wrongIds].reverse());
    expect(list.items[0]).toMatchObject({ type: 'multiple', wrongCount: 1, examId: e._id });
    expect(list.items[0].stem).toContain('multiple');
    expect(expectOk(await w<{ total: number }>(me.openid, 'wrongBook', {})).total).toBe(3);
    expect(expectOk(await w<{ items: unknown[] }>(me.openid, 'wrongBook', { examId: e._id, page: 2, pageSize: 2 })).items).toHaveLength(1);

    const r1 = expectOk(await w<StartOutput>(me.openid, 'startWrongBook', { examId: e._id }));
    expect(r1.attemptId).toBe(`att:${e._id}:${me.personId}:w1`);
    expect(r1.questions.map((q) => q._id).sort()).toEqual([...wrongIds].sort());
    expect(Object.keys(r1.questions[0]).sort()).toEqual(['_id', 'options', 'stem', 'type']);
    // Another device resumes the same round; the regular practice is not blocked by it.
    expect(expectOk(await w<StartOutput>(me.openid, 'startWrongBook', { examId: e._id })).attemptId).toBe(r1.attemptId);
    const regular = expectOk(await w<StartOutput>(me.openid, 'start', { examId: e._id }));
    expect(regular.attemptId).toBe(`att:${e._id}:${me.personId}:2`);

    const rr = await rightAnswers(r1.attemptId);
    const [j, sg, m] = ['judge', 'single', 'multiple'].map((type) => r1.questions.find((q) => q.type === type)!);
    expect(expectOk(await w<Feedback>(me.openid, 'practiceCheck', { attemptId: r1.attemptId, questionId: j._id, answer: rr[j._id] })).correct).toBe(true);
    expect(expectOk(await w<Feedback>(me.openid, 'practiceCheck', { attemptId: r1.attemptId, questionId: sg._id, answer: rr[sg._id] })).correct).toBe(true);
    expect(expectOk(await w<Feedback>(me.openid, 'practiceCheck', { attemptId: r1.attemptId, questionId: m._id, answer: wrongOf('multiple', rr[m._id]) })).correct).toBe(false);
    // Replaying the clearing check changes nothing.
    expectOk(await w(me.openid, 'practiceCheck', { attemptId: r1.attemptId, questionId: j._id, answer: rr[j._id] }));
    const after = expectOk(await w<{ items: { questionId: string; wrongCount: number }[]; total: number }>(me.openid, 'wrongBook', { examId: e._id }));
    expect(after.items).toEqual([expect.objectContaining({ questionId: m._id, wrongCount: 2 })]);
    expectOk(await w(me.openid, 'submit', { attemptId: r1.attemptId }));

    // The next round holds only what is left; once it is answered right, the book is empty.
    const r2 = expectOk(await w<StartOutput>(me.openid, 'startWrongBook', { examId: e._id }));
    expect(r2.attemptId).toBe(`att:${e._id}:${me.personId}:w2`);
    expect(r2.questions.map((q) => q._id)).toEqual([m._id]);
    const r2right = await rightAnswers(r2.attemptId);
    expect(expectOk(await w<Feedback>(me.openid, 'practiceCheck', { attemptId: r2.attemptId, questionId: m._id, answer: r2right[m._id] })).correct).toBe(true);
    expectOk(await w(me.openid, 'submit', { attemptId: r2.attemptId }));
    expect(expectOk(await w<{ total: number }>(me.openid, 'wrongBook', { examId: e._id })).total).toBe(0);
    expect(code(await w(me.openid, 'startWrongBook', { examId: e._id }))).toBe('WRONG_BOOK_EMPTY');
    expect((await wrongDocs(me.personId)).every((d) => d.cleared)).toBe(true);
    expect(leaks).toEqual([]);
  });

  it('races and replays: the same wrong answer checked in parallel counts once; a lost 错题本 write is repaired by the replay; parallel 错题本 starts make one round', async () => {
    const e = await exam({ title: '并发练习', kind: 'practice', rule: practiceRule() as never, durationMinutes: 30 });
    const me = await addWorker(cloud, ent);
    const s = expectOk(await w<StartOutput>(me.openid, 'start', { examId: e._id }));
    const right = await rightAnswers(s.attemptId);
    const [q1, q2] = s.questions.filter((q) => q.type === 'single');
    const bad1 = wrongOf('single', right[q1._id]);
    const all = await Promise.all(Array.from({ length: 5 }, () => w<Feedback>(me.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: q1._id, answer: bad1 })));
    for (const r of all) expect(expectOk(r)).toMatchObject({ correct: false, correctAnswer: right[q1._id] });
    expect((await wrongDocs(me.personId)).map((d) => [d.questionId, d.wrongCount])).toEqual([[q1._id, 1]]);

    // The answer was stored but the 错题本 write lost (a crash between the two): replaying the check repairs it, once.
    const bad2 = wrongOf('single', right[q2._id]);
    expectOk(await w(me.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: q2._id, answer: bad2 }));
    await cloud.db().collection('wrongBook').doc(`wrong:${me.personId}:${q2._id.replace(/-v\d+$/, '')}`).remove();
    expectOk(await w(me.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: q2._id, answer: bad2 }));
    expectOk(await w(me.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: q2._id, answer: bad2 }));
    expect((await wrongDocs(me.personId)).map((d) => [d.questionId, d.wrongCount]).sort()).toEqual([[q1._id, 1], [q2._id, 1]].sort());

    const [a, b] = await Promise.all([w<StartOutput>(me.openid, 'startWrongBook', { examId: e._id }), w<StartOutput>(me.openid, 'startWrongBook', { examId: e._id })]);
    expect(expectOk(a).attemptId).toBe(expectOk(b).attemptId);
    expect(expectOk(a).questions).toEqual(expectOk(b).questions);
    expect((await cloud.db().collection('attempts').where({ examId: e._id, personId: me.personId, round: 'wrongBook' }).count()).total).toBe(1);
    expect(leaks).toEqual([]);
  });

  it('grading a practice paper fills the 错题本 with its answered-wrong questions (saved without a check, or a check whose write was lost), once; unanswered ones stay out', async () => {
    const e = await exam({ title: '整卷练习', kind: 'practice', rule: practiceRule() as never, durationMinutes: 30 });
    const me = await addWorker(cloud, ent);
    const s = expectOk(await w<StartOutput>(me.openid, 'start', { examId: e._id }));
    const right = await rightAnswers(s.attemptId);
    const [j1, j2] = s.questions.filter((q) => q.type === 'judge');
    const [s1, s2] = s.questions.filter((q) => q.type === 'single');
    // j1 wrong by saveAnswer, j2 right by saveAnswer, s1 wrong by practiceCheck (its 错题本 write then lost), s2 wrong by practiceCheck; the multiples unanswered.
    expectOk(await w(me.openid, 'saveAnswer', { attemptId: s.attemptId, questionId: j1._id, answer: wrongOf('judge', right[j1._id]) }));
    expectOk(await w(me.openid, 'saveAnswer', { attemptId: s.attemptId, questionId: j2._id, answer: right[j2._id] }));
    expectOk(await w(me.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: s1._id, answer: wrongOf('single', right[s1._id]) }));
    expectOk(await w(me.openid, 'practiceCheck', { attemptId: s.attemptId, questionId: s2._id, answer: wrongOf('single', right[s2._id]) }));
    await cloud.db().collection('wrongBook').doc(`wrong:${me.personId}:${s1._id.replace(/-v\d+$/, '')}`).remove();
    expectOk(await w(me.openid, 'submit', { attemptId: s.attemptId }));
    expectOk(await w(me.openid, 'submit', { attemptId: s.attemptId }));
    const book = (await wrongDocs(me.personId)).map((d) => [d.questionId, d.wrongCount]).sort();
    expect(book).toEqual([[j1._id, 1], [s1._id, 1], [s2._id, 1]].sort());

    // A 错题本 round left to its deadline: the timer grades it; the right answers saved in it clear, the wrong one counts again.
    const r = expectOk(await w<StartOutput>(me.openid, 'startWrongBook', { examId: e._id }));
    const rr = await rightAnswers(r.attemptId);
    expectOk(await w(me.openid, 'saveAnswer', { attemptId: r.attemptId, questionId: j1._id, answer: rr[j1._id] }));
    expectOk(await w(me.openid, 'saveAnswer', { attemptId: r.attemptId, questionId: s1._id, answer: rr[s1._id] }));
    expectOk(await w(me.openid, 'saveAnswer', { attemptId: r.attemptId, questionId: s2._id, answer: wrongOf('single', rr[s2._id]) }));
    advance(31 * 60);
    expectOk(await cloud.call('exam', { Type: 'Timer', TriggerName: 'tick' }, { timer: true }));
    expect((await attemptDoc(r.attemptId))?.status).toBe('expired');
    const left = expectOk(await w<{ items: { questionId: string; wrongCount: number }[] }>(me.openid, 'wrongBook', { examId: e._id }));
    expect(left.items.map((i) => [i.questionId, i.wrongCount])).toEqual([[s2._id, 2]]);
    expect(leaks).toEqual([]);
  });

  it('no worker response carried an answer field, except practiceCheck’s own feedback on the answered question', () => {
    expect(leaks).toEqual([]);
  });
});
