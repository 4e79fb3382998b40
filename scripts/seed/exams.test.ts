import * as XLSX from 'xlsx';
import type { BankRow, MyExamItem } from '../../shared/contracts/exam';
import { drawPaper, toDrawCandidate, validateDrawingRule, type DrawingValidation } from '../../shared/exam/drawing';
import { mapQuestionRows, newQuestion, questionLineageId, stemKey, validateQuestion } from '../../shared/exam/questions';
import { drawingRuleInput } from '../../shared/exam/drawing';
import { expectOk, startTestCloud, type TestCloud } from '../../cloudfunctions/common/testing';
import { DEMO_PASSWORD } from './demo';
import { DEMO_QUESTIONS } from './questions';
import { questionWorkbook } from './questions/workbook';
import { seedDemoData } from './index';
import { demoPaperRule, seedDemoExams, type ConsoleApi, type DemoExams } from './exams';

/**
 * The demo question bank and exams: the data is valid on its own (shared validation, no duplicate
 * stems, the xlsx maps back without problems, the paper rule validates against the pool), and the
 * seed — run through the functions against the local database as `npm start` runs it — imports all
 * of it, publishes both exams, reaches the demo worker's myExams, and changes nothing when run again.
 */
describe('demo question bank (data)', () => {
  it('has ≥ 300 questions (≥ 160 single, ≥ 80 multiple, ≥ 80 judge), each valid, with 解析 and tags, no duplicate stems', () => {
    expect(DEMO_QUESTIONS.length).toBeGreaterThanOrEqual(300);
    const byType = (t: string) => DEMO_QUESTIONS.filter((q) => q.type === t).length;
    expect(byType('single')).toBeGreaterThanOrEqual(160);
    expect(byType('multiple')).toBeGreaterThanOrEqual(80);
    expect(byType('judge')).toBeGreaterThanOrEqual(80);
    const invalid = DEMO_QUESTIONS.map((q) => ({ stem: q.stem, check: validateQuestion(q) })).filter((r) => !r.check.ok);
    expect(invalid).toEqual([]);
    for (const q of DEMO_QUESTIONS) {
      expect(q.analysis.length).toBeGreaterThan(5);
      expect(q.tags.knowledgePoints.length).toBeGreaterThan(0);
      // Judge stems are statements; choice stems carry the blank.
      if (q.type !== 'judge') expect(q.stem).toMatch(/（ ）/);
    }
    const keys = DEMO_QUESTIONS.map((q) => stemKey(q.stem));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    // Tagged with the law / standard they rest on, across the topics.
    const laws = new Set(DEMO_QUESTIONS.flatMap((q) => q.tags.lawRefs.map((l) => l.replace(/第.+条$/, ''))));
    for (const law of ['《安全生产法》', '《消防法》', '《危险化学品安全管理条例》', '《职业病防治法》', '《工贸企业有限空间作业安全规定》', '《工贸企业粉尘防爆安全规定》', '《特种作业人员安全技术培训考核管理规定》', '《生产安全事故应急条例》', '《用人单位劳动防护用品管理规范》']) {
      expect(laws).toContain(law);
    }
  });

  it('round-trips through the import template: the xlsx maps back to the same questions without problems', () => {
    const wb = XLSX.read(questionWorkbook(), { type: 'buffer' });
    const table = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, defval: '' });
    const mapped = mapQuestionRows(table);
    if (!mapped.ok) throw new Error(mapped.reason);
    expect(mapped.problems).toEqual([]);
    expect(mapped.rows).toHaveLength(DEMO_QUESTIONS.length);
    mapped.rows.forEach((r, i) => {
      const q = DEMO_QUESTIONS[i];
      expect({ type: r.content.type, stem: r.content.stem, options: r.content.options.map((o) => o.text), answer: r.content.answer, analysis: r.content.analysis, tags: r.content.tags, difficulty: r.content.difficulty }).toEqual({
        type: q.type,
        stem: q.stem,
        options: q.type === 'judge' ? ['正确', '错误'] : q.options,
        answer: q.answer,
        analysis: q.analysis,
        tags: q.tags,
        difficulty: q.difficulty,
      });
    });
  });

  it('the 100-question paper rule (60 single + 20 multiple + 20 judge) validates against the pool and draws', () => {
    const pool = DEMO_QUESTIONS.map((q, i) => {
      const check = validateQuestion(q);
      if (!check.ok) throw new Error(q.stem);
      return toDrawCandidate(newQuestion({ bankId: 'qbdemo', lineageId: questionLineageId('qbdemo', `seed:${i}`), content: check.content, now: '2026-01-01T00:00:00.000Z' }));
    });
    const rule = drawingRuleInput.parse(demoPaperRule('qbdemo'));
    const v = validateDrawingRule(rule, 100, pool);
    expect(v).toMatchObject({ ok: true, questionCount: 100, totalScore: 100, problems: [] });
    const drawn = drawPaper(rule, pool, 'seed-test');
    expect(drawn.ok && drawn.paper.items.length).toBe(100);
  });
});

describe('demo exams (seed through the functions, local database)', () => {
  let cloud: TestCloud;
  let api: ConsoleApi;
  let first: DemoExams;
  beforeAll(async () => {
    cloud = await startTestCloud();
    api = {
      login: (username, password) => cloud.login(username, password),
      call: async (fn, action, input, token) => expectOk(await cloud.call(fn, { action, ...input }, { sessionToken: token })),
      // The test cloud has no upload tickets: the file lands where tz_regulator's ticket would put it.
      upload: async (_token, username, body, name) => cloud.putFile(name, body, username),
    };
    first = await seedDemoExams(api);
  });
  afterAll(() => cloud?.close());

  it('imports every question into the regulator bank and publishes a practice and a formal exam of 100 questions, 60 minutes, pass 80, open for months', async () => {
    const total = (b: BankRow) => b.counts.single + b.counts.multiple + b.counts.judge;
    expect(total(first.bank)).toBe(DEMO_QUESTIONS.length);
    for (const e of [first.practice, first.formal]) {
      expect(e).toMatchObject({ status: 'published', fullScore: 100, passScore: 80, durationMinutes: 60 });
      expect(e.rule.sections.reduce((n, s) => n + s.count, 0)).toBe(100);
      expect(Date.parse(e.opensAt)).toBeLessThanOrEqual(Date.now());
      expect(Date.parse(e.closesAt) - Date.now()).toBeGreaterThan(90 * 24 * 3600_000);
    }
    expect([first.practice.kind, first.formal.kind]).toEqual(['practice', 'formal']);
    const token = await cloud.login('tz_regulator', DEMO_PASSWORD);
    const preview = expectOk(await cloud.call<DrawingValidation>('exam', { action: 'previewDrawingRule', rule: demoPaperRule(first.bank._id), fullScore: 100 }, { sessionToken: token }));
    expect(preview).toMatchObject({ ok: true, questionCount: 100 });
    // Every section has far more questions than it draws: papers differ between workers.
    for (const s of preview.sections) expect(s.guaranteed).toBeGreaterThanOrEqual(s.count * 2);
  });

  it('the demo worker (ent_admin’s enterprise) sees both exams in myExams and can start the formal one', async () => {
    // As the demo worker's first visit in the mini-program: log in with the printed ID number (binds the WeChat user), then the forced password change.
    const { workers } = await seedDemoData();
    const openid = 'o-seed-demo-worker';
    expectOk(await cloud.call('identity', { action: 'login', idNumber: workers[0].idNumber, password: DEMO_PASSWORD }, { openid }));
    expectOk(await cloud.call('identity', { action: 'changePassword', oldPassword: DEMO_PASSWORD, newPassword: 'Worker@2026x' }, { openid }));
    const mine = expectOk(await cloud.call<{ items: MyExamItem[] }>('exam', { action: 'myExams' }, { openid })).items;
    const byId = new Map(mine.map((i) => [i.examId, i]));
    expect(byId.get(first.practice._id)).toMatchObject({ kind: 'practice', status: 'open', durationMinutes: 60, passScore: 80 });
    expect(byId.get(first.formal._id)).toMatchObject({ kind: 'formal', status: 'open', attemptsLeft: 2 });
    const started = expectOk(await cloud.call<{ questions: unknown[] }>('exam', { action: 'start', examId: first.formal._id }, { openid }));
    expect(started.questions).toHaveLength(100);
  });

  it('runs again without writing anything new (npm start twice; a crash halfway is finished by the next run)', async () => {
    const again = await seedDemoExams(api);
    expect(again.bank._id).toBe(first.bank._id);
    expect(again.bank.counts).toEqual(first.bank.counts);
    expect([again.practice._id, again.formal._id]).toEqual([first.practice._id, first.formal._id]);
    const token = await cloud.login('tz_regulator', DEMO_PASSWORD);
    const exams = expectOk(await cloud.call<{ total: number }>('exam', { action: 'listExams' }, { sessionToken: token }));
    expect(exams.total).toBe(2);
  });
});
