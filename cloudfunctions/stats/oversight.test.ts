import { isoWeekKey } from '../../shared/calendar';
import { entNode, ovId, periodsOf, regionCourseNode, regionIndustryNode, regionNode, shanghaiMonth } from '../../shared/oversight/rollup';
import { regionPath } from '../../shared/regions';
import { setClockForTests } from '../common/clock';
import type { EnterpriseDoc } from '../common/enterprises';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import { addCourse, addWorker } from '../learning/studyTesting';
import { addRequest, freshIdNumber, newEnterprise, pendingRegistration } from '../org/orgTesting';
import type { ExamDetail, StartOutput } from '../../shared/contracts/exam';
import { displayedKeys } from '../../shared/exam/basics';
import { addBank, examCall, examInput, oneJudgeRule } from '../exam/examTesting';
import type { AttemptDoc } from '../exam/attemptDoc';
import { applyMoves } from '../common/oversight';

jest.setTimeout(60_000);

/**
 * Oversight rollups (docs/oversight-design.md): every event moves its counters on the enterprise,
 * each region of its path and each region × industry, in all-time, week and month; a replay moves
 * nothing; the nightly reconciliation finds zero drift after real events and repairs injected drift.
 */
let cloud: TestCloud;
let sysadmin = '';
let t = Date.parse('2026-12-02T02:00:00Z');
const advance = (s: number) => (t += s * 1000);
type Counters = Record<string, number>;

beforeAll(async () => {
  cloud = await startTestCloud();
  setClockForTests(() => new Date(t));
}, 90_000);
afterAll(async () => {
  setClockForTests(null);
  await cloud?.close();
});

const org = <T>(token: string, action: string, input: Record<string, unknown> = {}) => cloud.call<T>('org', { action, ...input }, { sessionToken: token });
const learn = <T>(openid: string, action: string, input: Record<string, unknown> = {}) => cloud.call<T>('learning', { action, ...input }, { openid });
const reconcile = async (fix: boolean) => expectOk(await cloud.call<{ documents: number; drift: number; sample: unknown[] }>('stats', { action: 'reconcileOversight', fix }, { sessionToken: (sysadmin = await cloud.login('admin')) }));

/** The counters of every node of an enterprise in every period of `at`, keyed by document id. */
async function snapshot(e: Pick<EnterpriseDoc, '_id' | 'regionCode' | 'industry'>, at = t): Promise<Record<string, Counters>> {
  const nodes = [entNode(e._id), ...regionPath(e.regionCode).flatMap((c) => [regionNode(c), regionIndustryNode(c, e.industry)])];
  const ids = nodes.flatMap((n) => periodsOf(at).map((p) => ovId(n, p)));
  const res = await cloud.db().collection('stats').where({ _id: cloud.db().command.in(ids) }).limit(100).get<Counters & { _id: string }>();
  const byId = new Map(res.data.map((d) => [d._id, d]));
  return Object.fromEntries(ids.map((id) => [id, byId.get(id) ?? {}]));
}
/** What changed between two snapshots, per document, for the given fields. */
function delta(before: Record<string, Counters>, after: Record<string, Counters>, fields: string[]): Record<string, Counters> {
  return Object.fromEntries(Object.keys(after).map((id) => [id, Object.fromEntries(fields.map((f) => [f, (after[id][f] ?? 0) - (before[id]?.[f] ?? 0)]))]));
}
const every = (snap: Record<string, Counters>, v: Counters) => Object.fromEntries(Object.keys(snap).map((id) => [id, v]));
const enterprise = async (id: string) => (await cloud.db().collection('enterprises').doc(id).get()).data as unknown as EnterpriseDoc;

describe('oversight rollups', () => {
  it('the seeded demo data starts at zero drift', async () => {
    expect((await reconcile(false)).drift).toBe(0);
  });

  it('registration, approval, addStaff, leaving and a transfer move their counters on every node and period; a replay moves nothing', async () => {
    const a = await newEnterprise(cloud);
    const b = await newEnterprise(cloud, { regionCode: '370402', industry: 'textile', keyAreas: [], scale: 'below' });
    const entA = await enterprise(a.enterpriseId);
    const entB = await enterprise(b.enterpriseId);
    const fields = ['enterprises', 'persons', 'joined', 'leavers'];
    // Registered: one enterprise everywhere (the region nodes held others already).
    expect((await snapshot(entA))[ovId(entNode(entA._id), 'all')]).toMatchObject({ enterprises: 1, kind: 'ov', level: 'enterprise', parent: `r:${entA.regionCode}` });

    // Approval of a registration.
    let before = await snapshot(entA);
    const reg = await pendingRegistration(cloud, { _id: entA._id, name: entA.name }, { name: '欧审批' });
    expectOk(await org(a.token, 'decideRequest', { requestId: reg.requestId, decision: 'approve' }));
    let after = await snapshot(entA);
    expect(delta(before, after, fields)).toEqual(every(after, { enterprises: 0, persons: 1, joined: 1, leavers: 0 }));
    // The replay is refused and counts nothing.
    expect(await org(a.token, 'decideRequest', { requestId: reg.requestId, decision: 'approve' })).toMatchObject({ ok: false, code: 'REQUEST_NOT_PENDING' });
    expect(delta(after, await snapshot(entA), fields)).toEqual(every(after, { enterprises: 0, persons: 0, joined: 0, leavers: 0 }));

    // addStaff (a person new to the platform), then 离职.
    before = await snapshot(entA);
    const { personId } = expectOk(await org<{ personId: string }>(a.token, 'addStaff', { name: '欧新人', idNumber: freshIdNumber(), postCategory: 'otherWorker', employmentType: 'regular' }));
    advance(3600);
    expectOk(await org(a.token, 'leaveStaff', { personId, reason: '合同到期' }));
    after = await snapshot(entA);
    expect(delta(before, after, fields)).toEqual(every(after, { enterprises: 0, persons: 0, joined: 1, leavers: 1 }));

    // A transfer A → B: A loses one (a leaver), B gains one; the shared province and city see both.
    const beforeA = await snapshot(entA);
    const beforeB = await snapshot(entB);
    const requestId = await addRequest(cloud, { type: 'changeEmployer', personId: reg.personId, personName: '欧审批', enterpriseId: entB._id, enterpriseName: entB.name, fromEnterpriseId: entA._id, fromEnterpriseName: entA.name });
    expectOk(await org(b.token, 'decideRequest', { requestId, decision: 'approve' }));
    const afterA = await snapshot(entA);
    const afterB = await snapshot(entB);
    expect(delta(beforeA, afterA, fields)[ovId(entNode(entA._id), 'all')]).toEqual({ enterprises: 0, persons: -1, joined: 0, leavers: 1 });
    expect(delta(beforeB, afterB, fields)[ovId(entNode(entB._id), 'all')]).toEqual({ enterprises: 0, persons: 1, joined: 1, leavers: 0 });
    const province = ovId(regionNode(entA.provinceCode), 'all');
    expect(delta(beforeA, afterA, fields)[province]).toEqual({ enterprises: 0, persons: 0, joined: 1, leavers: 1 });
    // Different counties and industries: each side moves alone.
    expect(delta(beforeA, afterA, fields)[ovId(regionIndustryNode(entA.countyCode, entA.industry), 'all')]).toEqual({ enterprises: 0, persons: -1, joined: 0, leavers: 1 });

    expect(await reconcile(false)).toMatchObject({ drift: 0 });
  });

  it('study time, points, active learners per week and month, completions and course starts are counted once, and reconcile at zero drift', async () => {
    const { enterpriseId } = await newEnterprise(cloud, { industry: 'hazardousChemicals' });
    const ent = await enterprise(enterpriseId);
    const w1 = await addWorker(cloud, ent);
    const w2 = await addWorker(cloud, ent);
    const course = await addCourse(cloud, { materials: [{ requiredSeconds: 300 }], pushRule: { enterpriseIds: [ent._id] } });
    const before = await snapshot(ent);
    for (const w of [w1, w2]) {
      const s = expectOk(await learn<{ sessionId: string }>(w.openid, 'startStudy', { courseId: course._id, materialId: 'm1' }));
      advance(120);
      expectOk(await learn(w.openid, 'checkpoint', { sessionId: s.sessionId, hidden: true }));
      // A replayed checkpoint credits nothing more.
      expectOk(await learn(w.openid, 'checkpoint', { sessionId: s.sessionId, hidden: true }));
    }
    // w1 finishes the course.
    const s = expectOk(await learn<{ sessionId: string }>(w1.openid, 'startStudy', { courseId: course._id, materialId: 'm1' }));
    advance(200);
    expect(expectOk(await learn<{ done: boolean }>(w1.openid, 'checkpoint', { sessionId: s.sessionId }))).toMatchObject({ done: true });
    const after = await snapshot(ent);
    const d = delta(before, after, ['learners', 'onlineSeconds', 'completions']);
    const week = `w${isoWeekKey(t)}`;
    const month = `m${shanghaiMonth(t)}`;
    for (const p of ['all', week, month]) {
      expect(d[ovId(entNode(ent._id), p)]).toEqual({ learners: 2, onlineSeconds: 120 + 120 + 180, completions: 1 });
      expect(d[ovId(regionIndustryNode(ent.countyCode, 'hazardousChemicals'), p)]).toEqual({ learners: 2, onlineSeconds: 420, completions: 1 });
    }
    expect(after[ovId(entNode(ent._id), 'all')].points).toBeGreaterThan(0);
    const rc = (await cloud.db().collection('stats').doc(ovId(regionCourseNode(ent.countyCode, course._id), 'all')).get()).data as unknown as Counters;
    expect(rc).toMatchObject({ learners: 2, completions: 1, parent: `crs:${ent.countyCode}` });

    // The next week: one more active learner in the new week only.
    advance(7 * 86400);
    const s2 = expectOk(await learn<{ sessionId: string }>(w2.openid, 'startStudy', { courseId: course._id, materialId: 'm1' }));
    advance(60);
    expectOk(await learn(w2.openid, 'checkpoint', { sessionId: s2.sessionId, hidden: true }));
    const next = await snapshot(ent);
    expect(next[ovId(entNode(ent._id), `w${isoWeekKey(t)}`)]).toMatchObject({ learners: 1, onlineSeconds: 60 });
    expect(next[ovId(entNode(ent._id), 'all')].learners - (before[ovId(entNode(ent._id), 'all')].learners ?? 0)).toBe(2);

    expect(await reconcile(false)).toMatchObject({ drift: 0 });
  });

  it('formal exam outcomes count per tier once per person (a failed retake that passes turns a fail into a pass); a replayed timer pass moves nothing', async () => {
    const { enterpriseId } = await newEnterprise(cloud);
    const ent = await enterprise(enterpriseId);
    const tz = await cloud.login('tz_regulator');
    const bankId = await addBank(cloud, { judge: 20 }, { role: 'regulator', regionCode: ent.countyCode });
    const iso = (ms: number) => new Date(ms).toISOString();
    const input = examInput(bankId, { rule: oneJudgeRule(bankId, 5, 20) as never, passScore: 60, opensAt: iso(t - 3600_000), closesAt: iso(t + 2 * 86400_000), retake: { mode: 'attempts', maxAttempts: 2 }, pushRule: { enterpriseIds: [enterpriseId] } as never });
    const { exam } = expectOk(await examCall<{ exam: ExamDetail }>(cloud, tz, 'createExam', { ...input }));
    expectOk(await examCall(cloud, tz, 'publishExam', { examId: exam._id }));
    const take = async (openid: string, right: number) => {
      const st = expectOk(await cloud.call<StartOutput>('exam', { action: 'start', examId: exam._id }, { openid }));
      const a = (await cloud.db().collection('attempts').doc(st.attemptId).get()).data as unknown as AttemptDoc;
      for (const [i, item] of a.paper.items.entries()) {
        const keys = displayedKeys(item);
        const good = a.keys[item.questionId].map((k) => keys[item.optionOrder.indexOf(k)]).sort();
        expectOk(await cloud.call('exam', { action: 'saveAnswer', attemptId: st.attemptId, questionId: item.questionId, answer: i < right ? good : good[0] === 'A' ? ['B'] : ['A'] }, { openid }));
      }
      expectOk(await cloud.call('exam', { action: 'submit', attemptId: st.attemptId }, { openid }));
    };
    const tick = async () => {
      advance(11);
      expectOk(await cloud.call('exam', { Type: 'Timer', TriggerName: 'tick' }, { timer: true }));
    };
    const passer = await addWorker(cloud, ent);
    const retaker = await addWorker(cloud, ent);
    const before = await snapshot(ent);
    await take(passer.openid, 5);
    await take(retaker.openid, 1);
    await tick();
    const fields = ['examTakers_county', 'examPassed_county', 'examFailed_county'];
    let after = await snapshot(ent);
    expect(delta(before, after, fields)).toEqual(every(after, { examTakers_county: 2, examPassed_county: 1, examFailed_county: 1 }));
    await tick();
    expect(delta(before, await snapshot(ent), fields)).toEqual(every(after, { examTakers_county: 2, examPassed_county: 1, examFailed_county: 1 }));
    // The retake passes: still two takers, now both passed.
    await take(retaker.openid, 5);
    await tick();
    after = await snapshot(ent);
    expect(delta(before, after, fields)[ovId(entNode(ent._id), 'all')]).toEqual({ examTakers_county: 2, examPassed_county: 2, examFailed_county: 0 });
    expect(await reconcile(false)).toMatchObject({ drift: 0 });
  });

  it('the reconciliation finds injected drift (a crash between an event and its counters), fixes it, and then reports zero', async () => {
    const detail = await enterprise((await newEnterprise(cloud)).enterpriseId);
    const county = ovId(regionNode(detail.countyCode), 'all');
    const entAll = ovId(entNode(detail._id), 'all');
    const _ = cloud.db().command;
    await cloud.db().collection('stats').doc(county).update({ data: { persons: _.inc(5) } });
    await cloud.db().collection('stats').doc(entAll).remove();
    const found = await reconcile(true);
    expect(found.drift).toBe(2);
    expect(found.sample).toEqual(expect.arrayContaining([expect.objectContaining({ _id: county, field: 'persons' }), expect.objectContaining({ _id: entAll, field: 'enterprises', stored: 0, expected: 1 })]));
    expect((await cloud.db().collection('stats').doc(entAll).get()).data).toMatchObject({ enterprises: 1, parent: `r:${detail.regionCode}` });
    expect((await reconcile(false)).drift).toBe(0);
    // The nightly timer runs it too.
    expect(expectOk(await cloud.call<{ oversight: { drift: number } }>('stats', { Type: 'Timer', TriggerName: 'nightly' }, { timer: true })).oversight.drift).toBe(0);
  });
});


describe('applyMoves creating first-seen documents', () => {
  // Never counted twice. A move that races the first creation can still come up short (its update
  // reached the documents that existed, its re-read found them all created meanwhile); the nightly
  // reconciliation repairs that, as it does a crash between an event and its counters.
  it('parallel first moves on new documents never count a move twice (batch insert, a lost race sorted out by its token)', async () => {
    const place = { enterpriseId: `E-RACE-${Date.now().toString(36)}`, enterpriseName: '并发测试企业', regionCode: '370481', industry: 'metallurgy' };
    const at = new Date(t);
    await Promise.all(Array.from({ length: 8 }, () => applyMoves(cloud.db() as never, [{ place, at, inc: { persons: 1 } }])));
    const ids = periodsOf(at).map((p) => ovId(entNode(place.enterpriseId), p));
    const res = await cloud.db().collection('stats').where({ _id: cloud.db().command.in(ids) }).limit(10).get<{ _id: string; persons: number }>();
    expect(res.data).toHaveLength(ids.length);
    for (const d of res.data) {
      expect(d.persons).toBeGreaterThanOrEqual(1);
      expect(d.persons).toBeLessThanOrEqual(8);
    }
  });
});
