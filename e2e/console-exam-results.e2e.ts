/**
 * Journey (issue 10, console): the 考试详情 page of a formal exam a county regulator organised for
 * ent_admin's enterprise. Set-up through the scripting contract: three new employees take it
 * (two pass, one fails on a question it then appeals). In the console the regulator sees the
 * results and the rollup, exports them, opens a paper and marks it 作弊 (with a reason), sees
 * 题目分析, and accepts the appeal, which voids the question and rescores the failed paper into a
 * pass. The enterprise admin uploads offline scores: a bad row is reported by row and column, the
 * corrected file is committed with progress. The regulator's 逢查必考 page renders.
 */
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as XLSX from 'xlsx';
import type { Page } from 'playwright-core';
import type { EnterpriseDetail } from '../shared/contracts/org';
import type { BankRow, ExamDetail, StartOutput } from '../shared/contracts/exam';
import { RESULTS_HEADER } from '../shared/exam/examSheets';
import { makeIdNumber } from '../shared/idNumber';
import { mustCall, shot, startE2E, type E2E } from './harness';

jest.setTimeout(300_000);
let e2e: E2E;
const dir = mkdtempSync(join(tmpdir(), 'exam-results-e2e-'));
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const TITLE = '2026年度有限空间作业安全考试';
const STEMS = ['进入有限空间作业前必须先通风、再检测、后作业', '有限空间作业现场必须设置专人监护'];

async function signIn(username: string) {
  const { context, page } = await e2e.desktop();
  await page.goto(`${e2e.cloud.url}/admin/`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('Anxue@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('account-info').waitFor();
  return { context, page };
}

const consoleToken = async (username: string) => (await mustCall<{ token: string }>(e2e.cloud, 'identity', { action: 'consoleLogin', username, password: 'Anxue@2026' })).token;
const examCall = <T>(token: string, action: string, input: Record<string, unknown> = {}) => mustCall<T>(e2e.cloud, 'exam', { action, sessionToken: token, ...input });
const workerCall = <T>(openid: string, action: string, input: Record<string, unknown> = {}) => mustCall<T>(e2e.cloud, 'exam', { action, ...input }, { openid });

/** A new employee of ent_admin's enterprise, logged in on the mini-program as `openid`. */
async function newWorker(entToken: string, name: string, idNumber: string, openid: string) {
  const added = await mustCall<{ initialPassword: string; personId: string }>(e2e.cloud, 'org', { action: 'addStaff', sessionToken: entToken, name, idNumber, postCategory: 'otherWorker', employmentType: 'regular' });
  await mustCall(e2e.cloud, 'identity', { action: 'login', idNumber, password: added.initialPassword }, { openid });
  await mustCall(e2e.cloud, 'identity', { action: 'changePassword', oldPassword: added.initialPassword, newPassword: 'Exam2026xy' }, { openid });
  return added.personId;
}

/** Takes the exam answering the first `right` questions (in paper order) 正确 (the key) and the rest 错误. */
async function take(openid: string, examId: string, right: number) {
  const paper = await workerCall<StartOutput>(openid, 'start', { examId });
  for (const [i, q] of paper.questions.entries()) await workerCall(openid, 'saveAnswer', { attemptId: paper.attemptId, questionId: q._id, answer: [i < right ? 'A' : 'B'] });
  const result = await workerCall<{ score: number; passed: boolean }>(openid, 'submit', { attemptId: paper.attemptId });
  return { ...result, attemptId: paper.attemptId, questions: paper.questions };
}

const rowsOf = (page: Page, testId: string) =>
  page.getByTestId(testId).locator('tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));

const statistic = async (page: Page, testId: string) => (await page.getByTestId(testId).locator('.ant-statistic-content-value').innerText()).trim();

let examId = '';
const ids = [makeIdNumber('370481', '19900412', '131'), makeIdNumber('370481', '19910523', '242'), makeIdNumber('370481', '19920614', '353')];

it('the regulator sees the results, exports them, marks a paper 作弊, reads 题目分析 and accepts an appeal that rescores a failed paper into a pass', async () => {
  const tz = await consoleToken('tz_regulator');
  const ent = await consoleToken('ent_admin');
  const { enterprise } = await mustCall<{ enterprise: EnterpriseDetail }>(e2e.cloud, 'org', { action: 'getEnterprise', sessionToken: ent });

  // A two-question judge bank and a formal exam (2 × 50 points, pass 60) for the enterprise.
  const { bank } = await examCall<{ bank: BankRow }>(tz, 'createBank', { name: '有限空间专项题库', requestId: 'e2e-results-bank-01' });
  for (const [i, stem] of STEMS.entries())
    await examCall(tz, 'createQuestion', { bankId: bank._id, requestId: `e2e-results-q-${i}0000`, question: { type: 'judge', stem, answer: ['A'], analysis: '《工贸企业有限空间作业安全规定》。' } });
  const now = Date.now() + e2e.cloud.clock.offsetMs();
  const { exam: draft } = await examCall<{ exam: ExamDetail }>(tz, 'createExam', {
    title: TITLE,
    kind: 'formal',
    rule: { sections: [{ from: { bankIds: [bank._id] }, type: 'judge', count: 2, scorePerQuestion: 50 }] },
    fullScore: 100,
    passScore: 60,
    durationMinutes: 30,
    opensAt: new Date(now - 3600_000).toISOString(),
    closesAt: new Date(now + 7 * 86_400_000).toISOString(),
    allowReview: true,
    appealDays: 7,
    pushRule: { enterpriseIds: [enterprise._id] },
  });
  examId = (await examCall<{ exam: ExamDetail }>(tz, 'publishExam', { examId: draft._id })).exam._id;

  // 甲 passes, 乙 fails one question and appeals it, 丙 passes (and will be marked 作弊).
  await newWorker(ent, '考试甲', ids[0], 'exam-worker-a');
  await newWorker(ent, '考试乙', ids[1], 'exam-worker-b');
  await newWorker(ent, '考试丙', ids[2], 'exam-worker-c');
  expect((await take('exam-worker-a', examId, 2)).passed).toBe(true);
  const b = await take('exam-worker-b', examId, 1);
  expect(b).toMatchObject({ score: 50, passed: false });
  expect((await take('exam-worker-c', examId, 2)).passed).toBe(true);
  await workerCall('exam-worker-b', 'appeal', { attemptId: b.attemptId, questionId: b.questions[1]._id, reason: '监护人员的要求题干表述不清，应按规定理解' });

  const { context, page } = await signIn('tz_regulator');
  await page.goto(`${e2e.cloud.url}/admin/#/exams/${examId}`);
  await page.getByTestId('exam-detail').waitFor();
  expect(await page.locator('h4').first().innerText()).toBe(TITLE);
  // Everyone the exam targets is listed (the enterprise's staff, most of them 未参加); the three who took it by name.
  await page.getByTestId('outcome-chart').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=rollup-passed] .ant-statistic-content-value')?.textContent === '2');
  expect(Number(await statistic(page, 'rollup-total'))).toBeGreaterThan(3);
  await shot(page, 'console-exam-results');
  await page.getByTestId('results-keyword').fill('考试');
  await page.getByTestId('results-keyword').press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=results-table] tbody tr.ant-table-row').length === 3);
  expect(await statistic(page, 'rollup-failed')).toBe('1');
  const rows = await rowsOf(page, 'results-table');
  const byName = new Map(rows.map((r) => [r[0], r]));
  expect(byName.get('考试甲')).toEqual(expect.arrayContaining(['合格', '100']));
  expect(byName.get('考试乙')).toEqual(expect.arrayContaining(['不合格', '50']));
  expect(byName.get('考试乙')?.[1]).toMatch(/^3704\*+\d{3}[\dX]$/); // masked only

  // The 不合格 card filters to 乙 only; a second click shows everyone again.
  await page.getByTestId('summary-failed').click();
  await page.waitForFunction(() => {
    const trs = document.querySelectorAll('[data-testid=results-table] tbody tr.ant-table-row');
    return trs.length === 1 && trs[0].textContent!.includes('考试乙');
  });
  await page.getByTestId('summary-failed').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=results-table] tbody tr.ant-table-row').length === 3);

  // 导出Excel (the current filter): the three people under the sheet's header.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('results-export').click()]);
  expect(download.suggestedFilename()).toMatch(/考试结果-\d{8}\.xlsx$/);
  const file = join(dir, 'results.xlsx');
  await download.saveAs(file);
  const sheet = XLSX.read(readFileSync(file), { type: 'buffer' });
  const exported = XLSX.utils.sheet_to_json<string[]>(sheet.Sheets[sheet.SheetNames[0]], { header: 1 });
  expect(exported[0]).toEqual([...RESULTS_HEADER]);
  expect(exported.slice(1).map((r) => r[0]).sort()).toEqual(['考试丙', '考试乙', '考试甲']);

  // 答卷 of 丙 → 标记作弊 with a reason.
  await page.getByTestId('results-table').locator('tr', { hasText: '考试丙' }).getByTestId('result-attempt').click();
  const drawer = page.getByTestId('attempt-drawer');
  await drawer.getByTestId('attempt-question').nth(1).waitFor();
  expect(await drawer.getByTestId('attempt-score').innerText()).toContain('100 / 100');
  await shot(page, 'console-exam-attempt');
  await drawer.getByTestId('attempt-mark-cheating').click();
  await page.getByTestId('cheating-reason').fill('考试期间由他人代答，经现场核实');
  await page.getByTestId('cheating-confirm').click();
  await drawer.getByTestId('attempt-cheating').waitFor();
  await page.locator('.ant-drawer-close').click();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=results-table] tbody tr.ant-table-row')].some((tr) => tr.textContent!.includes('考试丙') && tr.textContent!.includes('作弊')));
  await page.waitForFunction(() => document.querySelector('[data-testid=rollup-cheating] .ant-statistic-content-value')?.textContent === '1');

  // 题目分析: both questions, with their facility.
  await page.getByTestId('exam-detail-tabs').getByText('题目分析').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=analysis-table] tbody tr.ant-table-row').length === 2);
  await shot(page, 'console-exam-analysis');

  // 申诉处理: accept 乙's appeal → the question is voided and 乙's paper rescored into a pass.
  await page.getByTestId('exam-detail-tabs').getByText('申诉处理').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=appeals-table] tbody tr.ant-table-row').length === 1);
  await page.getByTestId('appeal-decide').click();
  await page.getByTestId('appeal-reply').fill('题干表述确有歧义，该题作废');
  await page.getByTestId('appeal-accept').click();
  await page.getByTestId('appeal-accept-confirm').click();
  const rescored = page.getByTestId('appeal-rescored');
  await rescored.waitFor();
  expect(await rescored.innerText()).toContain('其中 1 人由不合格变为合格');
  await shot(page, 'console-exam-appeals');

  await page.getByTestId('exam-detail-tabs').getByText('考试结果').click();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=results-table] tbody tr.ant-table-row')].some((tr) => tr.textContent!.includes('考试乙') && tr.textContent!.includes('合格') && !tr.textContent!.includes('不合格')));
  expect(await statistic(page, 'rollup-failed')).toBe('0');
  await context.close();
});

it('逢查必考: the regulator makes a spot exam for the enterprise from a bank; the code and its QR show big; a worker joins with the code and the list counts the result', async () => {
  const ent = await consoleToken('ent_admin');
  const { enterprise } = await mustCall<{ enterprise: EnterpriseDetail }>(e2e.cloud, 'org', { action: 'getEnterprise', sessionToken: ent });
  const { context, page } = await signIn('tz_regulator');
  await page.getByTestId('menu-spot-exams').click();
  await page.getByTestId('spot-form').waitFor();
  await page.getByTestId('spot-table').waitFor();

  await page.getByTestId('spot-enterprise').click();
  await page.keyboard.type(enterprise.name.slice(0, 6));
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: enterprise.name }).click();
  await page.getByTestId('spot-inspection').fill('JC-2026-1202');
  await page.getByTestId('spot-source').getByText('从题库抽题').click();
  await page.getByTestId('spot-bank').click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '有限空间专项题库' }).click();
  await page.getByTestId('spot-count-judge').fill('2');
  await page.getByTestId('spot-score-judge').fill('50');
  await page.getByTestId('spot-count-single').fill('0');
  await page.getByTestId('spot-count-multiple').fill('0');
  await page.waitForFunction(() => document.querySelector('[data-testid=spot-full-score]')?.textContent?.includes('满分 100 分'));
  await page.getByTestId('spot-create').click();

  const code = (await page.getByTestId('spot-code').innerText()).trim();
  expect(code).toMatch(/^[0-9A-Z]{6}$/);
  expect(await page.getByTestId('spot-qr').getAttribute('data-qr-text')).toBe(`anxue:spot:${code}`);
  // The dialog's zoom-in has finished before the picture is taken.
  await page.waitForFunction(() => !document.querySelector('.ant-modal [class*=ant-zoom-], .ant-modal-wrap[class*=ant-zoom-], [class*=ant-zoom-appear]'));
  await shot(page, 'console-spot-code');
  await page.getByRole('button', { name: '关闭' }).click();

  // A worker of that enterprise joins with the code and passes.
  const joined = await workerCall<{ examId: string }>('exam-worker-a', 'joinSpotExam', { code: code.toLowerCase() });
  expect((await take('exam-worker-a', joined.examId, 2)).passed).toBe(true);

  // The list (进行中) shows the exam with its inspection, code and 1 taker who passed.
  await page.getByTestId('spot-state').getByText('进行中').click();
  const row = page.getByTestId('spot-table').locator('tr.ant-table-row', { hasText: code });
  await row.waitFor();
  expect(await row.innerText()).toContain('JC-2026-1202');
  await page.waitForFunction((c) => {
    const tr = [...document.querySelectorAll('[data-testid=spot-table] tr.ant-table-row')].find((t) => t.textContent!.includes(c));
    return tr?.querySelector('[data-testid=spot-row-counts]')?.textContent?.startsWith('1 / 1 / 0');
  }, code);
  await shot(page, 'console-spot-exams');

  // Its results open on the exam's detail page.
  await row.getByTestId('spot-row-title').click();
  await page.getByTestId('exam-detail').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=rollup-passed] .ant-statistic-content-value')?.textContent === '1');
  expect(await page.getByTestId('exam-detail').innerText()).toContain(`考试码 ${code}`);
  await context.close();
});

it('the enterprise admin sees its own exam’s results by department; it uploads offline scores: a bad row is reported by row and column, the corrected file is committed', async () => {
  // An enterprise exam (企业组织) for its own staff, taken by 甲.
  const ent = await consoleToken('ent_admin');
  const { bank } = await examCall<{ bank: BankRow }>(ent, 'createBank', { name: '本企业班组题库', requestId: 'e2e-results-bank-02' });
  for (const [i, stem] of ['班前会应交代当班作业的安全注意事项', '发现事故隐患应立即报告现场负责人'].entries())
    await examCall(ent, 'createQuestion', { bankId: bank._id, requestId: `e2e-results-q-${i}1111`, question: { type: 'judge', stem, answer: ['A'], analysis: '班组安全管理要求。' } });
  const now = Date.now() + e2e.cloud.clock.offsetMs();
  const { exam: draft } = await examCall<{ exam: ExamDetail }>(ent, 'createExam', {
    title: '班组安全月度考试',
    kind: 'formal',
    rule: { sections: [{ from: { bankIds: [bank._id] }, type: 'judge', count: 2, scorePerQuestion: 50 }] },
    fullScore: 100,
    passScore: 60,
    durationMinutes: 20,
    opensAt: new Date(now - 3600_000).toISOString(),
    closesAt: new Date(now + 86_400_000).toISOString(),
  });
  const own = (await examCall<{ exam: ExamDetail }>(ent, 'publishExam', { examId: draft._id })).exam;
  expect(own.tier).toBe('enterprise');
  expect((await take('exam-worker-a', own._id, 2)).passed).toBe(true);

  const { context, page } = await signIn('ent_admin');
  await page.goto(`${e2e.cloud.url}/admin/#/exams/${own._id}`);
  await page.getByTestId('exam-detail').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=rollup-passed] .ant-statistic-content-value')?.textContent === '1');
  await page.getByTestId('results-department').waitFor();
  expect(await page.getByTestId('results-enterprise').count()).toBe(0);
  expect(await page.getByTestId('exam-detail').innerText()).toContain('企业组织');
  await page.getByTestId('results-keyword').fill('考试甲');
  await page.getByTestId('results-keyword').press('Enter');
  await page.waitForFunction(() => {
    const trs = document.querySelectorAll('[data-testid=results-table] tbody tr.ant-table-row');
    return trs.length === 1 && trs[0].textContent!.includes('合格');
  });
  await shot(page, 'console-exam-results-enterprise');

  // The county's exam reaches this enterprise: its admin reads the results of its own staff, as a
  // viewer (no 申诉处理, which is the organiser's).
  await page.goto(`${e2e.cloud.url}/admin/#/exams/${examId}`);
  await page.waitForFunction((t) => document.querySelector('[data-testid=exam-detail] h4')?.textContent === t, TITLE);
  await page.waitForFunction(() => document.querySelector('[data-testid=rollup-passed] .ant-statistic-content-value')?.textContent === '2');
  expect(await page.getByTestId('exam-detail-tabs').innerText()).not.toContain('申诉处理');
  expect(await page.getByTestId('exam-detail-info').innerText()).toContain('组织单位');

  await page.getByTestId('menu-score-upload').click();
  await page.getByTestId('score-upload-page').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('score-template').click()]);
  expect(download.suggestedFilename()).toBe('考试成绩上传模板.xlsx');

  const write = (name: string, rows: (string | number)[][]) => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['身份证号码', '姓名', '成绩', '考试日期', '考试名称'], ...rows]), '考试成绩');
    const path = join(dir, name);
    XLSX.writeFile(wb, path);
    return path;
  };
  const bad = write('scores-bad.xlsx', [
    [ids[0], '考试甲', 92, '2026-11-20', '2026年度车间安全考试（线下）'],
    [ids[1], '考试乙', 120, '2026-11-20', '2026年度车间安全考试（线下）'],
  ]);
  await page.locator('[data-testid=score-upload-page] input[type=file]').setInputFiles(bad);
  await page.getByTestId('score-problems').waitFor();
  expect(await rowsOf(page, 'score-problems')).toEqual([['3', '考试乙', '成绩', '成绩不能超过满分100分']]);
  await shot(page, 'console-score-upload-problems');

  const good = write('scores-good.xlsx', [
    [ids[0], '考试甲', 92, '2026-11-20', '2026年度车间安全考试（线下）'],
    [ids[1], '考试乙', 76.5, '2026-11-20', '2026年度车间安全考试（线下）'],
  ]);
  await page.locator('[data-testid=score-upload-page] input[type=file]').setInputFiles(good);
  const summary = page.getByTestId('score-summary');
  await summary.waitFor();
  expect((await summary.innerText()).replace(/\s+/g, ' ')).toMatch(/共 2 行.*新增成绩 2 已上传过 0 有错误 0/);
  await page.getByTestId('score-commit').click();
  const result = page.getByTestId('score-result');
  await result.waitFor();
  expect(await result.innerText()).toContain('新增 2 条');
  await shot(page, 'console-score-upload-done');

  // The same file again: nothing new to write.
  await page.getByTestId('score-again').click();
  await page.locator('[data-testid=score-upload-page] input[type=file]').setInputFiles(good);
  await page.getByTestId('score-nothing').waitFor();
  await context.close();
});

it('考试管理 下发给我的: the enterprise admin finds the county’s exam pushed to it (not in 本企业组织的) and opens its results', async () => {
  const { context, page } = await signIn('ent_admin');
  await page.goto(`${e2e.cloud.url}/admin/#/exams`);
  await page.getByTestId('exam-scope').waitFor();
  await page.getByTestId('exam-table').locator('.ant-table-tbody').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid=exam-table] .ant-spin-spinning'));
  expect(await page.getByTestId('exam-table').getByText(TITLE).count()).toBe(0);
  await page.getByTestId('exam-scope').getByText('下发给我的').click();
  const row = page.getByTestId('exam-table').locator('tr.ant-table-row', { hasText: TITLE });
  await row.waitFor();
  expect(page.url()).toContain('scope=reaching');
  await shot(page, 'console-exams-reaching');
  await row.getByTestId('exam-detail').click();
  await page.waitForFunction((id) => location.hash.startsWith(`#/exams/${id}`), examId);
  await page.getByTestId('outcome-chart').waitFor();
  await context.close();
});
