import { setClockForTests } from '../common/clock';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import type { EnterpriseDoc } from '../common/enterprises';
import type { Fail, Ok } from '../../shared/errors';
import type { ExamDetail, MyExamItem, SpotExamRow, StartOutput } from '../../shared/contracts/exam';
import { findAnswerLeaks } from '../../shared/exam/grading';
import { displayedKeys } from '../../shared/exam/basics';
import { CERT_CODE_ALPHABET } from '../../shared/learning/leaderboard';
import { addWorker, enterpriseDoc } from '../learning/studyTesting';
import { addBank, examCall, requestIdOf } from './examTesting';
import type { AttemptDoc } from './attemptDoc';
import { setSpotCodePickForTests } from './spot';

jest.setTimeout(120_000);

let cloud: TestCloud;
let ent: EnterpriseDoc;
let other: EnterpriseDoc;
let outside: EnterpriseDoc | undefined;
let bankId: string;
const tok = { tz: '', zz: '', sd: '', sys: '', ent: '' };
let t = Date.parse('2026-12-02T02:00:00Z');
const advance = (s: number) => {
  t += s * 1000;
};

type Created = { exam: ExamDetail; code: string; qrText: string };
const leaks: string[] = [];
const w = async <T>(openid: string, action: string, input: Record<string, unknown> = {}): Promise<Ok<T> | Fail> => {
  const r = await cloud.call<T>('exam', { action, ...input }, { openid });
  if (r.ok) for (const p of findAnswerLeaks(r.data, ['$.saved'])) leaks.push(`${action}: ${p}`);
  return r;
};
const code = (r: Ok<unknown> | Fail) => (r.ok ? 'ok' : r.code);
const rule = () => ({ sections: [{ from: { bankIds: [bankId] }, type: 'judge', count: 5, scorePerQuestion: 20 }] });
const create = (input: Record<string, unknown> = {}, token = tok.tz) => examCall<Created>(cloud, token, 'createSpotExam', { enterpriseId: ent._id, rule: rule(), validMinutes: 60, durationMinutes: 20, ...input });
const list = async (token: string, input: Record<string, unknown> = {}) => expectOk(await examCall<{ items: SpotExamRow[]; total: number }>(cloud, token, 'listSpotExams', { pageSize: 50, ...input }));
/** Makes the next codes exactly these (one alphabet index per character). */
const nextCodes = (...codes: string[]) => {
  const picks = codes.join('').split('').map((ch) => CERT_CODE_ALPHABET.indexOf(ch));
  setSpotCodePickForTests(() => {
    const i = picks.shift();
    if (i === undefined) throw new Error('test ran out of codes');
    return i;
  });
};

beforeAll(async () => {
  cloud = await startTestCloud();
  setClockForTests(() => new Date(t));
  tok.tz = await cloud.login('tz_regulator');
  tok.zz = await cloud.login('zz_regulator');
  tok.sd = await cloud.login('sd_regulator');
  tok.sys = await cloud.login('admin');
  tok.ent = await cloud.login('ent_admin');
  const acc = (await cloud.db().collection('accounts').doc('u:ent_admin').get()).data as unknown as { enterpriseId: string } | { enterpriseId: string }[];
  ent = await enterpriseDoc(cloud, (Array.isArray(acc) ? acc[0] : acc).enterpriseId);
  const _ = cloud.db().command;
  other = (await cloud.db().collection('enterprises').where({ _id: _.neq(ent._id), countyCode: ent.countyCode }).limit(1).get<EnterpriseDoc>()).data[0];
  outside = (await cloud.db().collection('enterprises').where({ countyCode: _.neq(ent.countyCode) }).limit(1).get<EnterpriseDoc>()).data[0];
  // A bank tz_regulator manages (drawing uses the publisher's own banks).
  bankId = await addBank(cloud, { judge: 10 }, { role: 'regulator', regionCode: ent.countyCode! });
}, 120_000);
afterAll(async () => {
  setSpotCodePickForTests(null);
  setClockForTests(null);
  await cloud?.close();
});

describe('逢查必考', () => {
  it('an inspector creates it for an enterprise in scope: open now for validMinutes, a 6-character code and its QR text; only that enterprise’s workers join', async () => {
    const inspectionId = `insp-${Date.now()}`;
    const c = expectOk(await create({ inspectionId, title: '现场抽考：有限空间作业' }));
    expect(c.code).toMatch(new RegExp(`^[${CERT_CODE_ALPHABET}]{6}$`));
    expect(c.qrText).toBe(`anxue:spot:${c.code}`);
    expect(c.exam).toMatchObject({ kind: 'formal', status: 'published', title: '现场抽考：有限空间作业', opensAt: new Date(t).toISOString(), closesAt: new Date(t + 60 * 60_000).toISOString(), spot: { enterpriseId: ent._id, inspectionId, code: c.code }, pushRule: { enterpriseIds: [ent._id] } });

    const me = await addWorker(cloud, ent);
    const stranger = await addWorker(cloud, other);
    const joined = expectOk(await w<{ examId: string; title: string }>(me.openid, 'joinSpotExam', { code: c.code.toLowerCase() }));
    expect(joined).toEqual({ examId: c.exam._id, title: '现场抽考：有限空间作业' });
    // Another enterprise's worker, an unknown code: the same answer.
    expect(code(await w(stranger.openid, 'joinSpotExam', { code: c.code }))).toBe('SPOT_CODE_INVALID');
    expect(code(await w(me.openid, 'joinSpotExam', { code: c.code === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ' }))).toBe('SPOT_CODE_INVALID');
    expect(expectOk(await w<{ items: MyExamItem[] }>(me.openid, 'myExams')).items.find((i) => i.examId === c.exam._id)).toMatchObject({ kind: 'formal', status: 'open', attemptsLeft: 1, spot: true });
    expect(expectOk(await w<{ items: MyExamItem[] }>(stranger.openid, 'myExams')).items.map((i) => i.examId)).not.toContain(c.exam._id);

    // Taking it: all right, a pass with points like any formal exam.
    const s = expectOk(await w<StartOutput>(me.openid, 'start', { examId: c.exam._id }));
    expect(Date.parse(s.deadline)).toBe(t + 20 * 60_000);
    const a = ((await cloud.db().collection('attempts').doc(s.attemptId).get()).data ?? null) as unknown as AttemptDoc;
    for (const item of a.paper.items) {
      const keys = displayedKeys(item);
      expectOk(await w(me.openid, 'saveAnswer', { attemptId: s.attemptId, questionId: item.questionId, answer: a.keys[item.questionId].map((k) => keys[item.optionOrder.indexOf(k)]) }));
    }
    expect(expectOk(await w(me.openid, 'submit', { attemptId: s.attemptId }))).toEqual({ score: 100, fullScore: 100, passed: true });
    const second = await addWorker(cloud, ent);
    expectOk(await w(second.openid, 'start', { examId: c.exam._id }));

    // The inspection record: by inspection, with counts; the city and the province see it, the enterprise admin may not list.
    const byInspection = await list(tok.tz, { inspectionId });
    expect(byInspection.total).toBe(1);
    expect(byInspection.items[0]).toMatchObject({ examId: c.exam._id, code: c.code, qrText: c.qrText, inspectionId, enterpriseId: ent._id, enterpriseName: ent.name, open: true, started: 2, graded: 1, passed: 1, failed: 0, cheating: 0 });
    expect((await list(tok.zz, { inspectionId })).total).toBe(1);
    expect((await list(tok.sd, { inspectionId })).total).toBe(1);
    expect((await list(tok.sys, { inspectionId })).total).toBe(1);
    expect(code(await examCall(cloud, tok.ent, 'listSpotExams', {}))).toBe('FORBIDDEN');
    expect((await list(tok.tz, { inspectionId, state: 'closed' })).total).toBe(0);

    // After validMinutes: closed for joining; the 一人一档 of the worker lists the result.
    advance(61 * 60);
    expect(code(await w(me.openid, 'joinSpotExam', { code: c.code }))).toBe('SPOT_CODE_INVALID');
    // The timer grades the second worker's attempt with what was saved (nothing: failed).
    expectOk(await cloud.call('exam', { Type: 'Timer', TriggerName: 'tick' }, { timer: true }));
    expect((await list(tok.tz, { inspectionId, state: 'closed' })).items[0]).toMatchObject({ open: false, started: 2, graded: 2, passed: 1, failed: 1 });
    // 一人一档: the results follow the person (practice and mock would not be listed).
    type Archive = { onlineExams: { examId: string; spot: boolean; score: number; passed: boolean; cheating: boolean; attempts: number; enterpriseName: string | null; source: string }[] };
    const mine = expectOk(await cloud.call<Archive>('learning', { action: 'myArchive' }, { openid: me.openid })).onlineExams;
    expect(mine).toEqual([expect.objectContaining({ examId: c.exam._id, spot: true, score: 100, passed: true, cheating: false, attempts: 1, enterpriseName: ent.name, source: 'online' })]);
    const theirs = expectOk(await cloud.call<Archive>('learning', { action: 'myArchive' }, { openid: second.openid })).onlineExams;
    expect(theirs).toEqual([expect.objectContaining({ examId: c.exam._id, score: 0, passed: false })]);
    expect(leaks).toEqual([]);
  });

  it('only regulators create it, for an enterprise in their scope (a missing one answers alike)', async () => {
    expect(code(await create({}, tok.sys))).toBe('FORBIDDEN');
    expect(code(await create({}, tok.ent))).toBe('FORBIDDEN');
    expect(code(await create({ enterpriseId: 'entnone' }))).toBe('NOT_IN_SCOPE');
    expect(outside).toBeDefined();
    expect(code(await create({ enterpriseId: outside!._id }))).toBe('NOT_IN_SCOPE');
    // Outside tz_regulator's list as well.
    expect((await list(tok.tz, { enterpriseId: outside!._id })).total).toBe(0);
    expect(code(await create({ rule: { sections: [{ from: { bankIds: [bankId] }, type: 'judge', count: 20, scorePerQuestion: 5 }] } }))).toBe('DRAWING_RULE_INVALID');
  });

  it('a retried create with the same requestId answers the same exam and code, also in parallel', async () => {
    const requestId = requestIdOf();
    const all = await Promise.all([create({ requestId }), create({ requestId }), create({ requestId })]);
    const ids = new Set(all.map((r) => expectOk(r).exam._id));
    const codes = new Set(all.map((r) => expectOk(r).code));
    expect(ids.size).toBe(1);
    expect(codes.size).toBe(1);
    expect(expectOk(await create({ requestId })).code).toBe([...codes][0]);
    expect((await cloud.db().collection('exams').where({ _id: [...ids][0] }).count()).total).toBe(1);
  });

  it('codes are unique while their exam is open: a taken code is skipped, a closed exam’s code is reused', async () => {
    nextCodes('AAAAAA');
    const first = expectOk(await create({ validMinutes: 30 }));
    expect(first.code).toBe('AAAAAA');
    nextCodes('AAAAAA', 'BBBBBB');
    const second = expectOk(await create({ validMinutes: 120 }));
    expect(second.code).toBe('BBBBBB');
    advance(31 * 60);
    nextCodes('AAAAAA');
    const third = expectOk(await create({ validMinutes: 30 }));
    expect(third.code).toBe('AAAAAA');
    setSpotCodePickForTests(null);
    const me = await addWorker(cloud, ent);
    expect(expectOk(await w<{ examId: string }>(me.openid, 'joinSpotExam', { code: 'AAAAAA' })).examId).toBe(third.exam._id);
  });

  it('code guessing is rate-limited per person', async () => {
    const me = await addWorker(cloud, ent);
    const other = await addWorker(cloud, ent);
    for (let i = 0; i < 20; i++) expect(code(await w(me.openid, 'joinSpotExam', { code: 'ZZZZZ' + CERT_CODE_ALPHABET[i] }))).toBe('SPOT_CODE_INVALID');
    expect(code(await w(me.openid, 'joinSpotExam', { code: 'ZZZZZZ' }))).toBe('RATE_LIMITED');
    expect(code(await w(other.openid, 'joinSpotExam', { code: 'ZZZZZZ' }))).toBe('SPOT_CODE_INVALID');
    advance(10 * 60);
    expect(code(await w(me.openid, 'joinSpotExam', { code: 'ZZZZZZ' }))).toBe('SPOT_CODE_INVALID');
  });
});
