import { setClockForTests } from '../common/clock';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import type { EnterpriseDoc } from '../common/enterprises';
import type { Fail, Ok } from '../../shared/errors';
import type { ExamDetail, ExamFieldsInput, ResultRow, StartOutput } from '../../shared/contracts/exam';
import type { PersonOutcome } from '../../shared/exam/attemptState';
import { displayedKeys } from '../../shared/exam/basics';
import { addWorker, enterpriseDoc } from '../learning/studyTesting';
import { addBank, examCall, examInput, oneJudgeRule } from './examTesting';
import type { AttemptDoc } from './attemptDoc';

jest.setTimeout(180_000);

/**
 * examResults and itemAnalysis against the local database with the injectable clock: outcomes per
 * targeted person (缺考 only after close), summary counts, filters, scope; item statistics of the
 * graded, unmarked attempts.
 */
let cloud: TestCloud;
let ent: EnterpriseDoc;
let e1: EnterpriseDoc;
let e2: EnterpriseDoc;
let bankId: string;
const tok = { sys: '', tz: '', sd: '', ent: '' };
let t = Date.parse('2026-12-02T02:00:00Z');
const advance = (s: number) => {
  t += s * 1000;
};
const iso = (ms: number) => new Date(ms).toISOString();
const code = (r: Ok<unknown> | Fail) => (r.ok ? 'ok' : r.code);
type Results = { items: ResultRow[]; total: number; summary: Record<PersonOutcome, number> };
const results = async (token: string, input: Record<string, unknown>) => expectOk(await examCall<Results>(cloud, token, 'examResults', input));

async function freshEnterprise(name: string): Promise<EnterpriseDoc> {
  const doc = { ...ent, _id: `ent-res-${Math.random().toString(36).slice(2, 10)}`, name, creditCode: `91370481${Math.random().toString(36).slice(2, 12).toUpperCase()}` };
  await cloud.db().collection('enterprises').add({ data: doc as unknown as Record<string, unknown> });
  return doc;
}

async function publish(overrides: Partial<ExamFieldsInput>, token = tok.sys): Promise<ExamDetail> {
  const input = examInput(bankId, { rule: oneJudgeRule(bankId, 5, 20) as never, passScore: 60, opensAt: iso(t - 3600_000), closesAt: iso(t + 2 * 24 * 3600_000), ...overrides });
  const { exam } = expectOk(await examCall<{ exam: ExamDetail }>(cloud, token, 'createExam', { ...input }));
  return expectOk(await examCall<{ exam: ExamDetail }>(cloud, token, 'publishExam', { examId: exam._id })).exam;
}

async function attemptDoc(id: string): Promise<AttemptDoc> {
  const r = await cloud.db().collection('attempts').doc(id).get();
  return (Array.isArray(r.data) ? r.data[0] : r.data) as AttemptDoc;
}

/** Starts, answers `right` of the 5 questions correctly (20 points each), submits unless `submit` is false. */
async function take(openid: string, examId: string, right: number, submit = true): Promise<string> {
  const s = expectOk(await cloud.call<StartOutput>('exam', { action: 'start', examId }, { openid }));
  const a = await attemptDoc(s.attemptId);
  for (const [i, item] of a.paper.items.entries()) {
    const keys = displayedKeys(item);
    const good = a.keys[item.questionId].map((k) => keys[item.optionOrder.indexOf(k)]).sort();
    const answer = i < right ? good : good[0] === 'A' ? ['B'] : ['A'];
    expectOk(await cloud.call('exam', { action: 'saveAnswer', attemptId: s.attemptId, questionId: item.questionId, answer }, { openid }));
  }
  if (submit) expectOk(await cloud.call('exam', { action: 'submit', attemptId: s.attemptId }, { openid }));
  return s.attemptId;
}

/** Console sessions expire on the moved clock: log in again. */
async function login(): Promise<void> {
  tok.sys = await cloud.login('admin');
  tok.tz = await cloud.login('tz_regulator');
  tok.sd = await cloud.login('sd_regulator');
  tok.ent = await cloud.login('ent_admin');
}

beforeAll(async () => {
  cloud = await startTestCloud();
  setClockForTests(() => new Date(t));
  await login();
  const acc = (await cloud.db().collection('accounts').doc('u:ent_admin').get()).data as unknown as { enterpriseId: string } | { enterpriseId: string }[];
  ent = await enterpriseDoc(cloud, (Array.isArray(acc) ? acc[0] : acc).enterpriseId);
  e1 = await freshEnterprise('结果测试一厂');
  e2 = await freshEnterprise('结果测试二厂');
  bankId = await addBank(cloud, { judge: 20 });
}, 180_000);
afterAll(async () => {
  setClockForTests(null);
  await cloud?.close();
});

describe('examResults', () => {
  it('per targeted person: outcomes, summary, filters, scope; 缺考 only after close; the timer settles the overdue attempt', async () => {
    const exam = await publish({ title: '结果考试', durationMinutes: 30, pushRule: { enterpriseIds: [e1._id, e2._id] } as never });
    const w = {
      pass: await addWorker(cloud, e1, { name: '甲合格' }),
      fail: await addWorker(cloud, e1, { name: '乙不合格' }),
      cheat: await addWorker(cloud, e1, { name: '丙作弊' }),
      running: await addWorker(cloud, e1, { name: '丁答题中' }),
      none1: await addWorker(cloud, e1, { name: '戊未考' }),
      pass2: await addWorker(cloud, e2, { name: '己合格' }),
      none2: await addWorker(cloud, e2, { name: '庚未考' }),
    };
    await take(w.pass.openid, exam._id, 5);
    await take(w.fail.openid, exam._id, 1);
    const cheatAttempt = await take(w.cheat.openid, exam._id, 5);
    expectOk(await examCall(cloud, tok.tz, 'markCheating', { attemptId: cheatAttempt, reason: '替考' }));
    await take(w.running.openid, exam._id, 1, false);
    await take(w.pass2.openid, exam._id, 4);

    const all = await results(tok.sys, { examId: exam._id });
    expect(all.total).toBe(7);
    expect(all.summary).toEqual({ passed: 2, failed: 1, cheating: 1, inProgress: 1, pending: 0, notStarted: 2, absent: 0 });
    const byPerson = new Map(all.items.map((r) => [r.personId, r]));
    expect(byPerson.get(w.pass.personId)).toMatchObject({ outcome: 'passed', score: 100, attempts: 1, enterpriseId: e1._id, enterpriseName: '结果测试一厂', source: 'online' });
    expect(byPerson.get(w.fail.personId)).toMatchObject({ outcome: 'failed', score: 20 });
    expect(byPerson.get(w.cheat.personId)).toMatchObject({ outcome: 'cheating', cheating: { reason: '替考' } });
    expect(byPerson.get(w.running.personId)).toMatchObject({ outcome: 'inProgress', score: null, attempts: 1 });
    expect(byPerson.get(w.none1.personId)).toMatchObject({ outcome: 'notStarted', attempts: 0, bestAttemptId: null });
    expect(byPerson.get(w.pass2.personId)).toMatchObject({ outcome: 'passed', score: 80 });
    // Masked ID numbers only.
    for (const r of all.items) expect(r.idMasked).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
    expect(JSON.stringify(all)).not.toMatch(/idCipher|idHash|passwordHash|openid/);

    // Outcome filters page over exactly the persons with that outcome; the total is the summary's.
    const passed = await results(tok.sys, { examId: exam._id, outcome: 'passed' });
    expect(passed.items.map((r) => r.personId).sort()).toEqual([w.pass.personId, w.pass2.personId].sort());
    expect(passed.total).toBe(2);
    const notStarted = await results(tok.sys, { examId: exam._id, outcome: 'notStarted' });
    expect(notStarted.items.map((r) => r.personId).sort()).toEqual([w.none1.personId, w.none2.personId].sort());
    expect((await results(tok.sys, { examId: exam._id, outcome: 'absent' })).items).toEqual([]);
    const cheating = await results(tok.sys, { examId: exam._id, outcome: 'cheating' });
    expect(cheating.items.map((r) => r.personId)).toEqual([w.cheat.personId]);
    // Paging: two pages of one over the passed.
    const p1 = await results(tok.sys, { examId: exam._id, outcome: 'passed', pageSize: 1, page: 1 });
    const p2 = await results(tok.sys, { examId: exam._id, outcome: 'passed', pageSize: 1, page: 2 });
    expect(new Set([...p1.items, ...p2.items].map((r) => r.personId)).size).toBe(2);
    const page2 = await results(tok.sys, { examId: exam._id, pageSize: 5, page: 2 });
    expect(page2.items).toHaveLength(2);

    // Filters: enterprise, keyword (name), region; the summary follows them.
    const onlyE2 = await results(tok.sys, { examId: exam._id, enterpriseId: e2._id });
    expect(onlyE2.total).toBe(2);
    expect(onlyE2.summary).toMatchObject({ passed: 1, notStarted: 1, failed: 0, cheating: 0 });
    const named = await results(tok.sys, { examId: exam._id, keyword: '乙不合' });
    expect(named.items.map((r) => r.personId)).toEqual([w.fail.personId]);
    expect(named.summary).toMatchObject({ failed: 1, passed: 0, notStarted: 0 });
    expect((await results(tok.sys, { examId: exam._id, regionCode: ent.countyCode })).total).toBe(7);
    expect((await results(tok.sys, { examId: exam._id, regionCode: '370102' })).total).toBe(0);

    // Scope: the county and the province regulator see them; a region outside the county is refused; an enterprise admin the exam does not reach: as a missing exam.
    expect((await results(tok.tz, { examId: exam._id })).total).toBe(7);
    expect((await results(tok.sd, { examId: exam._id })).summary.passed).toBe(2);
    expect(code(await examCall(cloud, tok.tz, 'examResults', { examId: exam._id, regionCode: '370102' }))).toBe('NOT_IN_SCOPE');
    expect(code(await examCall(cloud, tok.ent, 'examResults', { examId: exam._id }))).toBe('NOT_FOUND');
    expect(code(await examCall(cloud, tok.ent, 'examResults', { examId: 'exmissing' }))).toBe('NOT_FOUND');

    // After the window closes: 缺考 for those without an attempt; the overdue attempt is pending until the timer grades it.
    advance(3 * 24 * 3600);
    await login();
    const closed = await results(tok.sys, { examId: exam._id });
    expect(closed.summary).toEqual({ passed: 2, failed: 1, cheating: 1, inProgress: 0, pending: 1, notStarted: 0, absent: 2 });
    expect((await results(tok.sys, { examId: exam._id, outcome: 'absent' })).items.map((r) => r.personId).sort()).toEqual([w.none1.personId, w.none2.personId].sort());
    expectOk(await cloud.call('exam', { Type: 'Timer', TriggerName: 'tick' }, { timer: true }));
    expect((await results(tok.sys, { examId: exam._id })).summary).toMatchObject({ pending: 0, failed: 2 });
  });

  it('an enterprise admin sees its own staff only, also on an exam reaching other enterprises', async () => {
    const exam = await publish({ title: '多企业考试', pushRule: { enterpriseIds: [ent._id, e1._id] } as never });
    const mine = await addWorker(cloud, ent, { name: '本企业考生' });
    const theirs = await addWorker(cloud, e1, { name: '他企业考生' });
    await take(mine.openid, exam._id, 5);
    await take(theirs.openid, exam._id, 5);
    const r = await results(tok.ent, { examId: exam._id, pageSize: 100 });
    expect(r.items.length).toBeGreaterThan(0);
    expect(r.items.every((x) => x.enterpriseId === ent._id)).toBe(true);
    expect(r.summary.passed).toBe(1);
    expect((await results(tok.ent, { examId: exam._id, outcome: 'passed' })).items.map((x) => x.personId)).toEqual([mine.personId]);
    expect(code(await examCall(cloud, tok.ent, 'examResults', { examId: exam._id, enterpriseId: e1._id }))).toBe('NOT_IN_SCOPE');
    expect((await results(tok.sys, { examId: exam._id, outcome: 'passed' })).total).toBe(2);
  });
});

describe('itemAnalysis', () => {
  it('per question over graded, unmarked attempts: overall, by industry and region; formal exams only', async () => {
    const exam = await publish({ title: '题目分析考试', pushRule: { enterpriseIds: [e2._id] } as never });
    const takers = await Promise.all(Array.from({ length: 4 }, (_, i) => addWorker(cloud, e2, { name: `分析${i}` })));
    for (const [i, wk] of takers.entries()) await take(wk.openid, exam._id, i + 1);
    const marked = await addWorker(cloud, e2, { name: '分析作弊' });
    const m = await take(marked.openid, exam._id, 5);
    expectOk(await examCall(cloud, tok.tz, 'markCheating', { attemptId: m, reason: '夹带' }));

    type Analysis = { responses: number; groups: { key: string; name: string; items: { questionId: string; stem: string; n: number; facility: number; discrimination: number | null; voided: boolean }[] }[] };
    const overall = expectOk(await examCall<Analysis>(cloud, tok.sys, 'itemAnalysis', { examId: exam._id }));
    expect(overall.responses).toBe(4);
    expect(overall.groups).toHaveLength(1);
    expect(overall.groups[0]).toMatchObject({ key: 'all', name: '全部' });
    for (const i of overall.groups[0].items) {
      expect(i.stem.length).toBeGreaterThan(0);
      expect(i.facility).toBeGreaterThanOrEqual(0);
      expect(i.facility).toBeLessThanOrEqual(1);
    }
    // Total facility = mean score share: (20+40+60+80) / 4 / 100 = 0.5 over 5 equal questions.
    const n = overall.groups[0].items.reduce((s, i) => s + i.n, 0);
    const earned = overall.groups[0].items.reduce((s, i) => s + i.facility * i.n, 0);
    expect(n).toBe(20);
    expect(earned / n).toBeCloseTo(0.5, 3);
    const byIndustry = expectOk(await examCall<Analysis>(cloud, tok.tz, 'itemAnalysis', { examId: exam._id, by: 'industry' }));
    expect(byIndustry.groups.map((g) => g.key)).toEqual([e2.industry]);
    expect(byIndustry.groups[0].name).not.toBe(e2.industry);
    const byRegion = expectOk(await examCall<Analysis>(cloud, tok.sd, 'itemAnalysis', { examId: exam._id, by: 'region' }));
    expect(byRegion.groups.map((g) => g.key)).toEqual([e2.cityCode]);
    expect(code(await examCall(cloud, tok.ent, 'itemAnalysis', { examId: exam._id }))).toBe('NOT_FOUND');
    const mock = await publish({ title: '模拟考试', kind: 'mock', pushRule: { enterpriseIds: [e2._id] } as never });
    expect(code(await examCall(cloud, tok.sys, 'itemAnalysis', { examId: mock._id }))).toBe('INVALID_INPUT');
  });
});
