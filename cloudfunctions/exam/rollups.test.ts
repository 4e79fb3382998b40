import { setClockForTests } from '../common/clock';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import type { EnterpriseDoc } from '../common/enterprises';
import type { ExamDetail, ExamFieldsInput, StartOutput } from '../../shared/contracts/exam';
import { displayedKeys } from '../../shared/exam/basics';
import { examRollupId, rollupIdsOf } from '../../shared/exam/rollup';
import { ledgerEntryId } from '../../shared/learning/points';
import { learnerIdOf } from '../learning/learner';
import { regionPath } from '../../shared/regions';
import { addWorker, enterpriseDoc } from '../learning/studyTesting';
import { addBank, examCall, examInput, oneJudgeRule, requestIdOf } from './examTesting';
import type { AttemptDoc } from './attemptDoc';

jest.setTimeout(180_000);

/**
 * The exam timer's rollup pass against the local database with the injectable clock: per-exam
 * documents by exam / enterprise / region path / industry, moved by outcome changes, unchanged by
 * replays; lost pass points repaired; targeted / absent at close. And createExam's request id.
 */
let cloud: TestCloud;
let ent: EnterpriseDoc;
let e1: EnterpriseDoc;
let e2: EnterpriseDoc;
let bankId: string;
const tok = { sys: '', tz: '' };
let t = Date.parse('2026-12-03T02:00:00Z');
const advance = (s: number) => {
  t += s * 1000;
};
const iso = (ms: number) => new Date(ms).toISOString();

async function login(): Promise<void> {
  tok.sys = await cloud.login('admin');
  tok.tz = await cloud.login('tz_regulator');
}

async function freshEnterprise(name: string): Promise<EnterpriseDoc> {
  const doc = { ...ent, _id: `ent-rol-${Math.random().toString(36).slice(2, 10)}`, name, creditCode: `91370481${Math.random().toString(36).slice(2, 12).toUpperCase()}` };
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

async function take(openid: string, examId: string, right: number): Promise<string> {
  const s = expectOk(await cloud.call<StartOutput>('exam', { action: 'start', examId }, { openid }));
  const a = await attemptDoc(s.attemptId);
  for (const [i, item] of a.paper.items.entries()) {
    const keys = displayedKeys(item);
    const good = a.keys[item.questionId].map((k) => keys[item.optionOrder.indexOf(k)]).sort();
    expectOk(await cloud.call('exam', { action: 'saveAnswer', attemptId: s.attemptId, questionId: item.questionId, answer: i < right ? good : good[0] === 'A' ? ['B'] : ['A'] }, { openid }));
  }
  expectOk(await cloud.call('exam', { action: 'submit', attemptId: s.attemptId }, { openid }));
  return s.attemptId;
}

type Tick = { expired: number; granted: number; rollup: { persons: number; documents: number; granted: number; closed: number; busy: boolean } };
/** The timer, after the rollup's lag (attempts touched in the last 10 s wait for the next pass). */
async function tick(): Promise<Tick> {
  advance(11);
  return expectOk(await cloud.call<Tick>('exam', { Type: 'Timer', TriggerName: 'tick' }, { timer: true }));
}

type Rollup = { _id: string; tier: string; dim: string; key: string | null; targeted?: number; started?: number; graded?: number; passed?: number; failed?: number; absent?: number; cheating?: number; scoreSum?: number; seq: number };
async function rollup(id: string): Promise<Rollup | null> {
  const r = await cloud.db().collection('stats').doc(id).get();
  return ((Array.isArray(r.data) ? r.data[0] : r.data) ?? null) as Rollup | null;
}
const counts = (r: Rollup | null) => (r ? { targeted: r.targeted, started: r.started, graded: r.graded, passed: r.passed, failed: r.failed, absent: r.absent, cheating: r.cheating, scoreSum: r.scoreSum } : null);
async function allRollups(examId: string): Promise<Rollup[]> {
  return (await cloud.db().collection('stats').where({ examId }).limit(1000).get<Rollup>()).data.sort((a, b) => (a._id < b._id ? -1 : 1));
}

beforeAll(async () => {
  cloud = await startTestCloud();
  setClockForTests(() => new Date(t));
  await login();
  const acc = (await cloud.db().collection('accounts').doc('u:ent_admin').get()).data as unknown as { enterpriseId: string } | { enterpriseId: string }[];
  ent = await enterpriseDoc(cloud, (Array.isArray(acc) ? acc[0] : acc).enterpriseId);
  e1 = await freshEnterprise('汇总测试一厂');
  e2 = await freshEnterprise('汇总测试二厂');
  // tz_regulator's bank (the county's regulators manage it; the sysadmin too).
  bankId = await addBank(cloud, { judge: 20 }, { role: 'regulator', regionCode: ent.countyCode });
}, 180_000);
afterAll(async () => {
  setClockForTests(null);
  await cloud?.close();
});

describe('exam rollups (tick)', () => {
  it('counts persons per exam, enterprise, region path and industry; moves by outcome changes; replays change nothing; repairs lost points; targeted / absent at close', async () => {
    const exam = await publish({ title: '汇总考试', durationMinutes: 30, retake: { mode: 'attempts', maxAttempts: 2 }, pushRule: { enterpriseIds: [e1._id, e2._id] } as never }, tok.tz);
    expect(exam.tier).toBe('county');
    const w = {
      pass: await addWorker(cloud, e1, { name: '甲' }),
      fail: await addWorker(cloud, e1, { name: '乙' }),
      cheat: await addWorker(cloud, e2, { name: '丙' }),
      none: await addWorker(cloud, e2, { name: '丁' }),
    };
    const passId = await take(w.pass.openid, exam._id, 4);
    await take(w.fail.openid, exam._id, 1);
    const cheatId = await take(w.cheat.openid, exam._id, 5);
    // A crash between grading and the ledger entry: the entry is missing; the pass repairs it.
    const lost = ledgerEntryId(w.pass.personId, 'examPass', exam._id);
    await cloud.db().collection('pointsLedger').doc(lost).remove();

    const first = await tick();
    expect(first.rollup.busy).toBe(false);
    expect(first.rollup.granted).toBe(1);
    expect((await cloud.db().collection('pointsLedger').where({ _id: lost }).count()).total).toBe(1);
    const all = await rollup(examRollupId(exam._id, 'all'));
    expect(all).toMatchObject({ tier: 'county', dim: 'all', started: 3, graded: 3, passed: 2, failed: 1, scoreSum: 80 + 100 + 20 });
    expect(counts(await rollup(examRollupId(exam._id, 'ent', e1._id)))).toMatchObject({ started: 2, passed: 1, failed: 1, scoreSum: 100 });
    expect(counts(await rollup(examRollupId(exam._id, 'ent', e2._id)))).toMatchObject({ started: 1, passed: 1, scoreSum: 100 });
    const a = await attemptDoc(passId);
    const regionIds = rollupIdsOf(exam._id, a).filter((id) => id.includes(':region:'));
    expect(regionIds.map((id) => id.split(':').pop())).toEqual(regionPath(a.townCode ?? a.countyCode!));
    for (const id of regionIds) expect(counts(await rollup(id))).toMatchObject({ started: 3, passed: 2, failed: 1 });
    expect(await rollup(examRollupId(exam._id, 'ind', e1.industry))).toMatchObject({ tier: 'county', started: 3, passed: 2 });

    // A replay (nothing new) changes nothing.
    const before = await allRollups(exam._id);
    const again = await tick();
    expect(again.rollup).toMatchObject({ persons: 0, documents: 0 });
    expect(await allRollups(exam._id)).toEqual(before);

    // A batch replayed after a crash between the documents and the persons' contributions: the documents are skipped.
    const cursor = (await rollup('examRollup:cursor')) as unknown as { t: number; id: string; seq: number };
    const prevRolled = (await attemptDoc(cheatId)).rolled;
    expect(prevRolled?.c?.outcome).toBe('passed');
    expectOk(await examCall(cloud, tok.tz, 'markCheating', { attemptId: cheatId, reason: '替考' }));
    await tick();
    const marked = await allRollups(exam._id);
    expect(counts(await rollup(examRollupId(exam._id, 'all')))).toMatchObject({ passed: 1, cheating: 1, graded: 3, scoreSum: 100 });
    expect(counts(await rollup(examRollupId(exam._id, 'ent', e2._id)))).toMatchObject({ passed: 0, cheating: 1, scoreSum: 0 });
    // Put back the person's contribution and the cursor as they were before that batch: the same batch runs again.
    await cloud.db().collection('attempts').doc(cheatId).update({ data: { rolled: cloud.db().command.set(prevRolled) } });
    await cloud.db().collection('stats').doc('examRollup:cursor').set({ data: { kind: 'examRollupCursor', t: cursor.t, id: cursor.id, seq: cursor.seq } });
    await tick();
    expect(await allRollups(exam._id)).toEqual(marked);
    expect((await attemptDoc(cheatId)).rolled?.c?.outcome).toBe('cheating');

    // A retake passed: failed → passed.
    const failAttempt2 = await take(w.fail.openid, exam._id, 3);
    expect(failAttempt2).toMatch(/:2$/);
    await tick();
    expect(counts(await rollup(examRollupId(exam._id, 'ent', e1._id)))).toMatchObject({ started: 2, graded: 2, passed: 2, failed: 0, scoreSum: 80 + 60 });

    // The window closes: targeted (the rule's reach) and absent = targeted − started, per document.
    advance(3 * 24 * 3600);
    await login();
    const closed = await tick();
    expect(closed.rollup.closed).toBeGreaterThanOrEqual(1);
    expect(counts(await rollup(examRollupId(exam._id, 'all')))).toMatchObject({ targeted: 4, started: 3, absent: 1 });
    expect(counts(await rollup(examRollupId(exam._id, 'ent', e1._id)))).toMatchObject({ targeted: 2, absent: 0 });
    expect(counts(await rollup(examRollupId(exam._id, 'ent', e2._id)))).toMatchObject({ targeted: 2, started: 1, absent: 1 });
    // Replayed close: nothing moves.
    const atClose = await allRollups(exam._id);
    await tick();
    expect(await allRollups(exam._id)).toEqual(atClose);
    void w.none;
  });
});

describe('round trips as the database server counts them (router caller lookup included)', () => {
  it('start ≤ 3 (warm), saveAnswer ≤ 2, first passing submit ≤ 3; a foreign attempt id is not found; the learner total follows with the timer, once', async () => {
    const exam = await publish({ title: '往返次数', pushRule: { enterpriseIds: [e1._id] } as never }, tok.tz);
    const warm = await addWorker(cloud, e1, { name: '预热' });
    expectOk(await cloud.call('exam', { action: 'start', examId: exam._id }, { openid: warm.openid }));
    const me = await addWorker(cloud, e1, { name: '计数' });
    const learnerId = learnerIdOf(me.personId);
    await cloud.db().collection('studySessions').add({ data: { _id: learnerId, personId: me.personId, pointsTotal: 7, rev: 3 } });

    cloud.takeRoundTrips();
    const s = expectOk(await cloud.call<StartOutput>('exam', { action: 'start', examId: exam._id }, { openid: me.openid }));
    expect(cloud.takeRoundTrips()).toBeLessThanOrEqual(3);
    const a = await attemptDoc(s.attemptId);
    for (const item of a.paper.items) {
      const keys = displayedKeys(item);
      const good = a.keys[item.questionId].map((k) => keys[item.optionOrder.indexOf(k)]).sort();
      cloud.takeRoundTrips();
      expectOk(await cloud.call('exam', { action: 'saveAnswer', attemptId: s.attemptId, questionId: item.questionId, answer: good }, { openid: me.openid }));
      expect(cloud.takeRoundTrips()).toBeLessThanOrEqual(2);
    }
    // Another worker naming this attempt: as a missing one (the companion is filtered in the database).
    expect((await cloud.call('exam', { action: 'submit', attemptId: s.attemptId }, { openid: warm.openid })).ok).toBe(false);
    expect(await cloud.call('exam', { action: 'saveAnswer', attemptId: s.attemptId, questionId: a.paper.items[0].questionId, answer: ['A'] }, { openid: warm.openid })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    cloud.takeRoundTrips();
    expect(expectOk(await cloud.call('exam', { action: 'submit', attemptId: s.attemptId }, { openid: me.openid }))).toEqual({ score: 100, fullScore: 100, passed: true });
    expect(cloud.takeRoundTrips()).toBeLessThanOrEqual(3);
    cloud.takeRoundTrips();
    expectOk(await cloud.call('exam', { action: 'submit', attemptId: s.attemptId }, { openid: me.openid }));
    expect(cloud.takeRoundTrips()).toBeLessThanOrEqual(1);

    const ledger = ledgerEntryId(me.personId, 'examPass', exam._id);
    const entry = async () => (await cloud.db().collection('pointsLedger').where({ _id: ledger }).get<{ points: number; learnerCredited: boolean }>()).data[0];
    expect((await entry()).learnerCredited).toBe(false);
    await tick();
    await tick();
    const learner = (await cloud.db().collection('studySessions').where({ _id: learnerId }).get<{ pointsTotal: number; rev: number; creditedExams: string[] }>()).data[0];
    expect(learner).toMatchObject({ pointsTotal: 7 + (await entry()).points, rev: 4, creditedExams: [exam._id] });
    expect((await entry()).learnerCredited).toBe(true);
  });
});

describe('createExam with a request id', () => {
  it('a retried or parallel create writes one draft and answers it', async () => {
    const requestId = requestIdOf();
    const input = { ...examInput(bankId, { rule: oneJudgeRule(bankId, 5, 20) as never, opensAt: iso(t), closesAt: iso(t + 86400_000) }), requestId };
    const [a, b] = await Promise.all([examCall<{ exam: ExamDetail }>(cloud, tok.tz, 'createExam', input), examCall<{ exam: ExamDetail }>(cloud, tok.tz, 'createExam', input)]);
    const c = expectOk(await examCall<{ exam: ExamDetail; validation: { ok: boolean } }>(cloud, tok.tz, 'createExam', input));
    expect(expectOk(a).exam._id).toBe(c.exam._id);
    expect(expectOk(b).exam._id).toBe(c.exam._id);
    expect(c.exam.status).toBe('draft');
    expect((await cloud.db().collection('exams').where({ _id: c.exam._id }).count()).total).toBe(1);
    // Another account's same request id is another exam.
    const other = expectOk(await examCall<{ exam: ExamDetail }>(cloud, tok.sys, 'createExam', input));
    expect(other.exam._id).not.toBe(c.exam._id);
  });
});
