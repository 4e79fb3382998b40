/**
 * Journey (issue 10, across both apps): a county regulator imports a question bank from an xlsx in
 * the template format, builds a drawing rule and publishes a formal exam to the demo enterprise; a
 * worker of that enterprise takes it, leaves midway, resumes with the answers kept, submits and sees
 * the score; the regulator sees the worker's result and answer sheet in the console.
 *
 * The questions come from the demo bank's data (scripts/seed/questions), so the test knows every
 * key and can predict the score: 10 单选 × 5 + 5 多选 × 4 + 5 判断 × 6 = 100; one single answered
 * wrong → 95, 合格 (pass 80).
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Page } from 'playwright-core';
import type { ExamDetail, ResultRow, StartOutput } from '../shared/contracts/exam';
import { findAnswerLeaks } from '../shared/exam/grading';
import { seedDemoData, type DemoWorker } from '../scripts/seed';
import { DEMO_QUESTIONS, type SeedQuestion } from '../scripts/seed/questions';
import { questionWorkbook } from '../scripts/seed/questions/workbook';
import { demoExamInputs } from '../scripts/seed/exams';
import { mustCall, openIdOf, shot, startE2E, type E2E } from './harness';

jest.setTimeout(300_000);
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const PASSWORD = 'Anxue@2026';
const NEW_PASSWORD = 'Exam2026ok';
const TITLE = '2026年第四季度安全生产考试（滕州市）';
const BANK = '滕州市第四季度考试题库';
const POINTS = { single: 5, multiple: 4, judge: 6 } as const;
const COUNTS = { single: 10, multiple: 5, judge: 5 } as const;

/** Questions spread over the whole demo bank (every topic), in the bank's order. */
function journeyQuestions(): SeedQuestion[] {
  return (['single', 'multiple', 'judge'] as const).flatMap((type) => {
    const all = DEMO_QUESTIONS.filter((q) => q.type === type);
    const step = Math.floor(all.length / COUNTS[type]);
    return all.filter((_, i) => i % step === 0).slice(0, COUNTS[type]);
  });
}
const QUESTIONS = journeyQuestions();

/** What a page or a payload shows of a question: the right option texts (options are shuffled per paper). */
const rightTexts = (q: SeedQuestion): string[] => (q.type === 'judge' ? [q.answer[0] === 'A' ? '正确' : '错误'] : q.answer.map((k) => q.options[k.charCodeAt(0) - 65]));
const wrongText = (q: SeedQuestion): string => (q.type === 'judge' ? (q.answer[0] === 'A' ? '错误' : '正确') : q.options.find((_, i) => !q.answer.includes(String.fromCharCode(65 + i)))!);
const byStem = new Map(QUESTIONS.map((q) => [q.stem, q]));

let examId = '';
let worker: DemoWorker;
/** The single question the worker answers wrong. */
let missed = '';

async function consoleSignIn(username: string) {
  const { context, page } = await e2e.desktop();
  await page.goto(`${e2e.cloud.url}/admin/`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('account-info').waitFor();
  return { context, page };
}

/** `YYYY-MM-DD HH:mm` in the browser's (= this machine's) zone, as the console's date pickers take it. */
const minuteText = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

/** Picks options of the antd multiple Select whose root carries `testId` (nth match), by typing each label and Enter. */
async function pick(page: Page, testId: string, labels: string[], nth = 0) {
  await page.getByTestId(testId).nth(nth).click();
  for (const label of labels) {
    await page.keyboard.type(label);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active', { hasText: label }).waitFor();
    await page.keyboard.press('Enter');
  }
  await page.keyboard.press('Escape');
  // Closed (not just closing), so the next pick's dropdown is the only one.
  await page.waitForFunction(() => [...document.querySelectorAll('.ant-select-dropdown')].every((d) => d.classList.contains('ant-select-dropdown-hidden')));
}

/** Types into the nth InputNumber carrying `testId`. */
async function setNumber(page: Page, testId: string, nth: number, value: number) {
  const input = page.getByTestId(testId).nth(nth).locator('xpath=descendant-or-self::input');
  await input.fill(String(value));
  await input.press('Tab');
}

const regulatorToken = async () => (await mustCall<{ token: string }>(e2e.cloud, 'identity', { action: 'consoleLogin', username: 'tz_regulator', password: PASSWORD })).token;

it('a regulator imports a bank in the console from the template xlsx, builds a rule that validates, and publishes a formal exam to the demo enterprise', async () => {
  const { context, page } = await consoleSignIn('tz_regulator');
  await page.getByTestId('menu-banks').click();
  await page.getByTestId('bank-table').waitFor();
  await page.getByTestId('bank-create').click();
  await page.getByTestId('bank-name').fill(BANK);
  await page.getByTestId('bank-form-ok').click();
  // The new bank opens its (empty) question page.
  await page.waitForFunction(() => document.querySelector('[data-testid=bank-counts]')?.getAttribute('data-total') === '0');
  const bankId = new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('bankId')!;
  expect(bankId).toMatch(/^qb[0-9a-z]{22}$/);

  // 批量导入: the file in the template format, a clean dry run, the commit with its result.
  await page.getByTestId('bank-import').click();
  const file = join(mkdtempSync(join(tmpdir(), 'anxue-journey-')), '第四季度考试题库.xlsx');
  writeFileSync(file, questionWorkbook(QUESTIONS));
  await page.locator('[data-testid=import-dialog] input[type=file]').setInputFiles(file);
  await page.getByTestId('import-confirm').waitFor();
  expect(await page.getByTestId('import-create').innerText()).toBe(String(QUESTIONS.length));
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('import-result').waitFor();
  expect(await page.getByTestId('import-result').innerText()).toContain(`新增 ${QUESTIONS.length} 道题`);
  await page.getByTestId('import-finish').click();
  await page.waitForFunction((n) => document.querySelector('[data-testid=bank-counts]')?.getAttribute('data-total') === String(n), QUESTIONS.length);
  await shot(page, 'exam-journey-console-bank');

  // 组织考试: title, scores, a window open from an hour ago, the rule from this bank with its live check.
  await page.getByTestId('menu-exams').click();
  await page.getByTestId('exam-create').click();
  await page.getByTestId('exam-title-input').fill(TITLE);
  await setNumber(page, 'exam-duration', 0, 30);
  const opens = new Date(Date.now() - 3600_000);
  const closes = new Date(Date.now() + 30 * 24 * 3600_000);
  const windowInputs = page.getByTestId('exam-window').first().locator('xpath=ancestor-or-self::div[contains(@class, "ant-picker-range")]').locator('input');
  await windowInputs.nth(0).click();
  await windowInputs.nth(0).fill(minuteText(opens));
  await windowInputs.nth(0).press('Enter');
  await windowInputs.nth(1).fill(minuteText(closes));
  await windowInputs.nth(1).press('Enter');
  await page.waitForFunction(
    ([a, b]) => [...document.querySelectorAll('.ant-picker-range input')].map((i) => (i as HTMLInputElement).value).join('|') === `${a}|${b}`,
    [minuteText(opens), minuteText(closes)],
  );
  await page.getByTestId('exam-tab-rule').click();
  // The three default sections (单选, 多选, 判断): this bank, counts and points for 100.
  for (let i = 0; i < 3; i++) await pick(page, 'section-banks', [BANK], i);
  const types = ['single', 'multiple', 'judge'] as const;
  for (let i = 0; i < 3; i++) {
    await setNumber(page, 'section-count', i, COUNTS[types[i]]);
    await setNumber(page, 'section-score', i, POINTS[types[i]]);
  }
  await page.waitForFunction(() => document.querySelector('[data-testid=rule-check]')?.getAttribute('data-state') === 'ok');
  expect(await page.getByTestId('rule-total').getAttribute('data-total')).toBe('100');
  for (let i = 0; i < 3; i++) expect(await page.getByTestId('section-available').nth(i).getAttribute('data-available')).toBe(String(COUNTS[types[i]]));
  await shot(page, 'exam-journey-console-rule');

  // 推送范围: the demo enterprise only; the reach panel follows.
  const { account } = await mustCall<{ account: { enterpriseName: string } }>(e2e.cloud, 'identity', {
    action: 'consoleMe',
    sessionToken: (await mustCall<{ token: string }>(e2e.cloud, 'identity', { action: 'consoleLogin', username: 'ent_admin', password: PASSWORD })).token,
  });
  await page.getByTestId('exam-tab-push').click();
  await pick(page, 'rule-enterprises', [account.enterpriseName]);
  await page.waitForFunction(() => document.querySelector('[data-testid=reach-text]')?.getAttribute('data-enterprises') === '1' && !document.querySelector('[data-testid=reach-panel] .ant-spin-spinning'));
  const persons = Number(await page.getByTestId('reach-text').getAttribute('data-persons'));
  expect(persons).toBeGreaterThan(0);

  // 发布: the confirmation repeats the reach; the exam is published.
  await page.getByTestId('exam-publish').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=exam-publish-dialog] [data-testid=reach-summary]'));
  expect(Number(await page.locator('[data-testid=exam-publish-dialog] [data-testid=reach-summary]').getAttribute('data-persons'))).toBe(persons);
  await page.getByTestId('exam-publish-confirm').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=exam-status]')?.getAttribute('data-status') === 'published');
  examId = new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('id')!;
  expect(examId).toMatch(/^ex[0-9a-z]{20,22}$/);
  await context.close();

  // As stored: the rule from this bank, the window open now, the enterprise as the reach.
  const { exam } = await mustCall<{ exam: ExamDetail }>(e2e.cloud, 'exam', { action: 'getExam', sessionToken: await regulatorToken(), examId });
  expect(exam).toMatchObject({ title: TITLE, kind: 'formal', status: 'published', fullScore: 100, passScore: 80, durationMinutes: 30 });
  expect(exam.rule.sections.map((x) => [x.type, x.count, x.scorePerQuestion, x.from.bankIds])).toEqual(types.map((t) => [t, COUNTS[t], POINTS[t], [bankId]]));
  expect(Date.parse(exam.opensAt)).toBeLessThan(Date.now());
  expect(exam.pushRule.enterpriseIds).toHaveLength(1);
});

const escapeRe = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const stemOn = async (p: Page) => (await p.locator('.paper-stem').innerText()).trim();

/**
 * Answers the question on screen by clicking its options by text (the paper shuffles them): the
 * right ones, or one wrong one; waits for the page to say it is saved. Answers its stem.
 */
async function answerOnScreen(p: Page, right: boolean): Promise<string> {
  const stem = await stemOn(p);
  const known = byStem.get(stem);
  if (!known) throw new Error(`unknown stem ${stem}`);
  for (const text of right ? rightTexts(known) : [wrongText(known)]) {
    await p.locator('.paper-option').filter({ has: p.locator('.q-option__text', { hasText: new RegExp(`^${escapeRe(text)}$`) }) }).click();
  }
  await p.locator('.paper-save--saved').waitFor();
  return stem;
}

it('a worker of the demo enterprise takes it in H5: answers half, leaves, resumes with the answers kept, submits and sees the score', async () => {
  ({ workers: [worker] } = await seedDemoData());
  const { context, page: p } = await e2e.mobile();
  await p.goto(`${e2e.cloud.url}/`);
  await p.locator('.home-login').waitFor();
  const openid = await openIdOf(context);
  // The printed demo worker's first login and the forced password change (their own journeys cover the pages).
  await mustCall(e2e.cloud, 'identity', { action: 'login', idNumber: worker.idNumber, password: worker.password }, { openid });
  await mustCall(e2e.cloud, 'identity', { action: 'changePassword', oldPassword: worker.password, newPassword: NEW_PASSWORD }, { openid });
  await p.reload();
  // Every exam payload the page receives before grading, scanned for answer keys below.
  const payloads: Promise<unknown>[] = [];
  p.on('response', (r) => {
    if (r.url().endsWith('/api/fn/exam')) payloads.push(r.json().catch(() => null));
  });

  // 考试 tab: the exam under 正式考试, next to the seeded ones; intro → start.
  await p.locator('.weui-tabbar__item', { hasText: '考试' }).click();
  const row = p.locator('.exam-section--formal .exam-row', { hasText: TITLE });
  await row.waitFor();
  expect(await row.innerText()).toContain('待参加');
  // Beside the seeded formal exam (scripts/seed/exams.ts).
  await p.locator('.exam-row', { hasText: demoExamInputs('', new Date()).formal.title }).waitFor();
  await shot(p, 'exam-journey-worker-tab');
  await row.click();
  await p.locator('.intro-title', { hasText: TITLE }).waitFor();
  await p.locator('.intro-start').click();
  await p.locator('.intro-confirm .nut-dialog-footer-ok').click();
  await p.locator('.paper-stem').waitFor();
  expect(await p.locator('.paper-index').innerText()).toContain('第 1 / 20 题');

  // The first half: every answer right but the first 单选.
  const answered: string[] = [];
  for (let i = 0; i < 10; i++) {
    const isSingle = (await p.locator('.paper-question--single').count()) > 0;
    const right = !(isSingle && !missed);
    const stem = await answerOnScreen(p, right);
    if (!right) missed = stem;
    answered.push(stem);
    await p.locator('.paper-next').click();
    await p.locator('.paper-index', { hasText: `第 ${i + 2} / 20 题` }).waitFor();
  }
  expect(missed).not.toBe('');
  await shot(p, 'exam-journey-worker-paper');

  // Leaves for the 考试 tab midway: 进行中; back in, the same paper with the ten answers.
  await p.goto(`${e2e.cloud.url}/#/pages/exam/index`);
  await p.reload();
  await row.filter({ hasText: '进行中' }).waitFor();
  await row.click();
  await p.locator('.intro-start', { hasText: '继续答题' }).click();
  await p.locator('.paper-stem').waitFor();
  expect(answered).toContain(await stemOn(p));
  await p.locator('.paper-sheet-open').click();
  await p.locator('.paper-sheet').waitFor();
  expect(await p.locator('.paper-cell--answered').count()).toBe(10);
  await shot(p, 'exam-journey-worker-resumed');
  await p.locator('.paper-cell').nth(10).click();
  await p.locator('.paper-index', { hasText: '第 11 / 20 题' }).waitFor();

  // The second half, all right; the last question's button submits.
  for (let i = 10; i < 20; i++) {
    expect(answered).not.toContain(await stemOn(p));
    await answerOnScreen(p, true);
    if (i < 19) {
      await p.locator('.paper-next').click();
      await p.locator('.paper-index', { hasText: `第 ${i + 2} / 20 题` }).waitFor();
    }
  }
  // What the server kept is what the page showed (the scripting contract's resume).
  const resumed = await mustCall<StartOutput>(e2e.cloud, 'exam', { action: 'start', examId }, { openid });
  expect(Object.keys(resumed.saved ?? {})).toHaveLength(20);
  await p.locator('.paper-submit').click();
  await p.locator('.submit-confirm').waitFor();
  expect(await p.locator('.submit-confirm').innerText()).toContain('已全部作答');
  const leaks: string[] = [];
  for (const body of payloads) leaks.push(...findAnswerLeaks(await body, ['$.data.saved']));
  expect(leaks).toEqual([]);
  await p.locator('.submit-confirm .nut-dialog-footer-ok').click();

  // The graded score: one 单选 missed.
  await p.locator('.result-score').waitFor();
  expect(await p.locator('.result-score').innerText()).toBe(String(100 - POINTS.single));
  expect(await p.locator('.result-verdict').innerText()).toBe('合格');
  await shot(p, 'exam-journey-worker-result');
  await context.close();
});

/** The results table has settled on rows for `name` (no spinner). */
const resultsFor = (page: Page, name: string) =>
  page.waitForFunction((n) => {
    const rows = [...document.querySelectorAll('[data-testid=results-table] tbody tr.ant-table-row')];
    return !document.querySelector('[data-testid=results-table] .ant-spin-spinning') && rows.length === 1 && rows[0].textContent!.includes(n);
  }, name);

it('the regulator sees the result in the console: 合格 with the score, and the answer sheet with the missed question', async () => {
  const { context, page } = await consoleSignIn('tz_regulator');
  await page.goto(`${e2e.cloud.url}/admin/#/exams/${examId}`);
  await page.getByTestId('exam-detail').waitFor();
  await page.getByTestId('results-keyword').fill(worker.name);
  await page.getByTestId('results-keyword').press('Enter');
  await resultsFor(page, worker.name);
  const row = page.locator('[data-testid=results-table] tbody tr.ant-table-row');
  expect(await row.getByTestId('result-score').innerText()).toBe(String(100 - POINTS.single));
  expect(await row.innerText()).toContain('合格');
  // The header's rollup (targeted, submitted, passed) has loaded too.
  await page.waitForFunction(() => document.querySelector('[data-testid=rollup-passed]')?.textContent?.includes('1'));
  await shot(page, 'exam-journey-console-results');

  await row.getByTestId('result-attempt').click();
  await page.getByTestId('attempt-drawer').waitFor();
  await page.getByTestId('attempt-score').waitFor();
  expect(await page.getByTestId('attempt-score').innerText()).toContain(String(100 - POINTS.single));
  expect(await page.getByTestId('attempt-question').count()).toBe(20);
  expect(await page.getByTestId('attempt-question').filter({ hasText: missed }).count()).toBe(1);
  await shot(page, 'exam-journey-console-attempt');
  const results = await mustCall<{ items: ResultRow[] }>(e2e.cloud, 'exam', { action: 'examResults', sessionToken: await regulatorToken(), examId, keyword: worker.name });
  expect(results.items[0]).toMatchObject({ outcome: 'passed', score: 100 - POINTS.single, attempts: 1 });
  await context.close();
});
