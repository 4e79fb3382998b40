import * as XLSX from 'xlsx';
import type { ExamDetail, ExamFieldsInput } from '../../shared/contracts/exam';
import type { Fail, Ok } from '../../shared/errors';
import { annex4Sheet, ANNEX4_TITLE, type Annex4Row } from '../../shared/oversight/report';
import { reportWorkbookBytes } from '../../shared/oversight/reportXlsx';
import { setClockForTests } from '../common/clock';
import type { EnterpriseDoc } from '../common/enterprises';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import { addBank, examCall, examInput, oneJudgeRule } from '../exam/examTesting';
import { addWorker, enterpriseDoc } from '../learning/studyTesting';
import { displayedKeys } from '../../shared/exam/basics';
import type { StartOutput } from '../../shared/contracts/exam';
import type { AttemptDoc } from '../exam/attemptDoc';

jest.setTimeout(180_000);

/** oversight.annex4: 作弊, 不合格 and 缺考 persons of one exam in the caller's scope, paged, with 初考 / 补考 scores. */
let cloud: TestCloud;
let e1: EnterpriseDoc;
let foreign: EnterpriseDoc;
let bankId: string;
const tok = { sys: '', tz: '', zz: '', ent: '' };
let t = Date.parse('2026-12-02T02:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const code = (r: Ok<unknown> | Fail) => (r.ok ? 'ok' : r.code);
type Annex4 = { items: Annex4Row[]; total: number; summary: { cheating: number; failed: number; absent: number }; exam: { title: string; closed: boolean } };

async function login(): Promise<void> {
  tok.sys = await cloud.login('admin');
  tok.tz = await cloud.login('tz_regulator');
  tok.zz = await cloud.login('zz_regulator');
  tok.ent = await cloud.login('ent_admin');
}
async function freshEnterprise(base: EnterpriseDoc, name: string, county?: { countyCode: string; regionCode: string }): Promise<EnterpriseDoc> {
  const doc = { ...base, _id: `ent-a4-${Math.random().toString(36).slice(2, 10)}`, name, creditCode: `91370481${Math.random().toString(36).slice(2, 12).toUpperCase()}`, townCode: null, ...(county ?? {}) };
  await cloud.db().collection('enterprises').add({ data: doc as unknown as Record<string, unknown> });
  return doc as EnterpriseDoc;
}
async function take(openid: string, examId: string, right: number): Promise<string> {
  const s = expectOk(await cloud.call<StartOutput>('exam', { action: 'start', examId }, { openid }));
  const a = (await cloud.db().collection('attempts').doc(s.attemptId).get()).data as unknown as AttemptDoc | AttemptDoc[];
  const att = Array.isArray(a) ? a[0] : a;
  for (const [i, item] of att.paper.items.entries()) {
    const keys = displayedKeys(item);
    const good = att.keys[item.questionId].map((k) => keys[item.optionOrder.indexOf(k)]).sort();
    const answer = i < right ? good : good[0] === 'A' ? ['B'] : ['A'];
    expectOk(await cloud.call('exam', { action: 'saveAnswer', attemptId: s.attemptId, questionId: item.questionId, answer }, { openid }));
  }
  expectOk(await cloud.call('exam', { action: 'submit', attemptId: s.attemptId }, { openid }));
  return s.attemptId;
}

beforeAll(async () => {
  cloud = await startTestCloud();
  setClockForTests(() => new Date(t));
  await login();
  const acc = (await cloud.db().collection('accounts').doc('u:ent_admin').get()).data as unknown as { enterpriseId: string } | { enterpriseId: string }[];
  const ent = await enterpriseDoc(cloud, (Array.isArray(acc) ? acc[0] : acc).enterpriseId);
  e1 = await freshEnterprise(ent, '附件四测试厂');
  foreign = await freshEnterprise(ent, '附件四市中区厂', { countyCode: '370402', regionCode: '370402' });
  bankId = await addBank(cloud, { judge: 20 });
}, 180_000);
afterAll(async () => {
  setClockForTests(null);
  await cloud?.close();
});

describe('oversight.annex4', () => {
  it('作弊, then 不合格, then 缺考 (after close); 初考 / 补考; scope by county; paged; the sheet as the seed', async () => {
    const input = examInput(bankId, { title: '安全生产法律法规大考试', rule: oneJudgeRule(bankId, 5, 20) as never, passScore: 60, opensAt: iso(t - 3600_000), closesAt: iso(t + 2 * 24 * 3600_000), retake: { mode: 'attempts', maxAttempts: 2 } as never, pushRule: { enterpriseIds: [e1._id, foreign._id] } as never } as Partial<ExamFieldsInput>);
    const { exam } = expectOk(await examCall<{ exam: ExamDetail }>(cloud, tok.sys, 'createExam', { ...input }));
    expectOk(await examCall(cloud, tok.sys, 'publishExam', { examId: exam._id }));
    const w = {
      pass: await addWorker(cloud, e1, { name: '甲合格' }),
      fail: await addWorker(cloud, e1, { name: '乙不合格', postCategory: 'principal' }),
      once: await addWorker(cloud, e1, { name: '丙补考缺考' }),
      cheat: await addWorker(cloud, e1, { name: '丁作弊' }),
      absent: await addWorker(cloud, e1, { name: '戊缺考' }),
      away: await addWorker(cloud, foreign, { name: '己外县缺考' }),
    };
    await take(w.pass.openid, exam._id, 5);
    await take(w.fail.openid, exam._id, 1);
    await take(w.fail.openid, exam._id, 2);
    await take(w.once.openid, exam._id, 2);
    const marked = await take(w.cheat.openid, exam._id, 5);
    expectOk(await examCall(cloud, tok.tz, 'markCheating', { attemptId: marked, reason: '替考' }));

    // Open: no 缺考 yet.
    const open = expectOk(await cloud.call<Annex4>('oversight', { action: 'annex4', examId: exam._id }, { sessionToken: tok.tz }));
    expect(open.summary).toEqual({ cheating: 1, failed: 2, absent: 0 });
    expect(open.exam).toMatchObject({ title: '安全生产法律法规大考试', closed: false });

    t += 3 * 24 * 3600_000;
    await login();
    const tz = expectOk(await cloud.call<Annex4>('oversight', { action: 'annex4', examId: exam._id, pageSize: 50 }, { sessionToken: tok.tz }));
    expect(tz.summary).toEqual({ cheating: 1, failed: 2, absent: 1 });
    expect(tz.total).toBe(4);
    const by = new Map(tz.items.map((r) => [r.personId, r]));
    expect(tz.items[0]).toMatchObject({ personId: w.cheat.personId, initial: '作弊', retake: null, remark: '作弊', outcome: 'cheating' });
    expect(by.get(w.fail.personId)).toMatchObject({ name: '乙不合格', county: '滕州市', enterprise: '附件四测试厂', personType: '主要负责人', initial: 20, retake: 40, remark: '', outcome: 'failed' });
    expect(by.get(w.once.personId)).toMatchObject({ initial: 40, retake: '缺考', remark: '补考缺考' });
    expect(tz.items[3]).toMatchObject({ personId: w.absent.personId, initial: '缺考', retake: '缺考', remark: '缺考', outcome: 'absent' });
    expect(by.has(w.pass.personId)).toBe(false);
    // The county never sees the other county's absentee; the city does.
    expect(by.has(w.away.personId)).toBe(false);
    const zz = expectOk(await cloud.call<Annex4>('oversight', { action: 'annex4', examId: exam._id, pageSize: 50 }, { sessionToken: tok.zz }));
    expect(zz.summary).toEqual({ cheating: 1, failed: 2, absent: 2 });
    expect(zz.items.find((r) => r.personId === w.away.personId)).toMatchObject({ county: '市中区', remark: '缺考' });
    const zzTz = expectOk(await cloud.call<Annex4>('oversight', { action: 'annex4', examId: exam._id, regionCode: '370481' }, { sessionToken: tok.zz }));
    expect(zzTz.total).toBe(4);
    expect(code(await cloud.call('oversight', { action: 'annex4', examId: exam._id, regionCode: '370402' }, { sessionToken: tok.tz }))).toBe('NOT_IN_SCOPE');
    expect(code(await cloud.call('oversight', { action: 'annex4', examId: 'exmissing' }, { sessionToken: tok.tz }))).toBe('NOT_FOUND');
    expect(code(await cloud.call('oversight', { action: 'annex4', examId: exam._id }, { sessionToken: tok.ent }))).toBe('FORBIDDEN');

    // Paging across the parts: pages of 3 then 1, in the same order.
    const p1 = expectOk(await cloud.call<Annex4>('oversight', { action: 'annex4', examId: exam._id, pageSize: 3, page: 1 }, { sessionToken: tok.tz }));
    const p2 = expectOk(await cloud.call<Annex4>('oversight', { action: 'annex4', examId: exam._id, pageSize: 3, page: 2 }, { sessionToken: tok.tz }));
    expect([...p1.items, ...p2.items].map((r) => r.personId)).toEqual(tz.items.map((r) => r.personId));

    const t4 = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(reportWorkbookBytes([annex4Sheet(tz.items, ANNEX4_TITLE, '滕州市')]), { type: 'array' }).Sheets['附件4'], { header: 1, defval: null });
    expect(t4[3]).toEqual(['姓名', '县（市、区）', '企业名称', '人员类型', '初考分数', '补考分数', '备注']);
    expect(t4[4]).toEqual(['丁作弊', '滕州市', '附件四测试厂', '其他从业人员', '作弊', '', '作弊']);
  });
});
