/**
 * Journey (issue 10, console): a county regulator creates a question bank, imports an xlsx whose
 * dry run reports the one bad row (row and column), imports the corrected file in chunks (a second
 * import of the same file adds nothing), edits a question (a new version), builds a drawing rule
 * with a live preview and saves it as a template, then organises a formal exam from it with the
 * reach preview and publishes it (the confirmation repeats the reach).
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import dayjs from 'dayjs';
import type { Page } from 'playwright-core';
import { tableToXlsx } from '../shared/staffImport';
import { QUESTION_TEMPLATE_SHEET } from '../shared/exam/questions';
import { BAD_ROW, QUESTION_COUNTS, questionRows } from './fixtures/examQuestions';
import { shot, startE2E, type E2E } from './harness';

jest.setTimeout(300_000);
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const BANK = '滕州市安全生产通用题库';
const TOTAL = QUESTION_COUNTS.single + QUESTION_COUNTS.multiple + QUESTION_COUNTS.judge;

async function signIn(username: string) {
  const { context, page } = await e2e.desktop();
  await page.goto(`${e2e.cloud.url}/admin/`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('Anxue@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('account-info').waitFor();
  return { context, page };
}

const FILES = mkdtempSync(join(tmpdir(), 'anxue-questions-'));
function xlsxFile(name: string, fixed: boolean): string {
  const path = join(FILES, name);
  writeFileSync(path, tableToXlsx(questionRows(fixed), QUESTION_TEMPLATE_SHEET));
  return path;
}

/** Before a screenshot: no drawer or modal still sliding or fading, no table loading. */
const settled = (page: Page) =>
  page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running') && !document.querySelector('.ant-spin-spinning, .ant-drawer-mask-motion-leave, .ant-zoom-leave'));

const chooseFile = (page: Page, path: string) => page.locator('[data-testid=import-dialog] input[type=file]').setInputFiles(path);

it('a regulator builds a bank by import (bad row shown, fixed, committed once), edits a question into version 2', async () => {
  const { context, page } = await signIn('tz_regulator');
  await page.getByTestId('menu-banks').click();
  await page.getByTestId('bank-table').waitFor();
  await page.getByTestId('bank-create').click();
  await page.getByTestId('bank-name').fill(BANK);
  await page.getByTestId('bank-form-ok').click();
  // A new bank opens its question page, empty.
  await page.waitForFunction(() => document.querySelector('[data-testid=bank-counts]')?.getAttribute('data-total') === '0');
  expect(await page.locator('h4').first().innerText()).toBe(BANK);

  // The file with one bad row: the dry run names its row and column; nothing is written.
  await page.getByTestId('bank-import').click();
  await chooseFile(page, xlsxFile('questions-bad.xlsx', false));
  await page.getByTestId('import-blocked').waitFor();
  const problems = page.getByTestId('import-problems').locator('tbody tr');
  expect(await problems.count()).toBe(1);
  expect(await problems.first().innerText()).toMatch(new RegExp(`^${BAD_ROW}\\s+答案\\s+答案E不在选项中`));
  expect(await page.getByTestId('import-create').innerText()).toBe(String(TOTAL - 1));
  expect(await page.getByTestId('import-confirm').count()).toBe(0);
  await shot(page, 'console-exam-import-dryrun');

  // The corrected file: committed with progress; the bank counts follow.
  await chooseFile(page, xlsxFile('questions-fixed.xlsx', true));
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('import-result').waitFor();
  expect(await page.getByTestId('import-result').innerText()).toContain(`新增 ${TOTAL} 道题`);
  await page.getByTestId('import-finish').click();
  await page.waitForFunction((n) => document.querySelector('[data-testid=bank-counts]')?.getAttribute('data-total') === String(n), TOTAL);

  // The same file again: every stem is already there, nothing to import.
  await page.getByTestId('bank-import').click();
  await chooseFile(page, xlsxFile('questions-fixed.xlsx', true));
  await page.getByTestId('import-nothing').waitFor();
  await page.locator('[data-testid=import-dialog] .ant-modal-footer button', { hasText: '取消' }).click();
  await page.getByTestId('import-dialog').waitFor({ state: 'hidden' });

  // Edit a question: saved as version 2 (attempts keep version 1).
  await page.getByTestId('question-type-filter').click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '判断题' }).click();
  await page.waitForFunction((n) => {
    const rows = document.querySelectorAll('[data-testid=question-table] tbody tr.ant-table-row');
    return rows.length === n && !document.querySelector('[data-testid=question-table] .ant-spin-spinning');
  }, QUESTION_COUNTS.judge);
  await page.getByTestId('question-edit').first().click();
  await page.getByTestId('question-version-note').waitFor();
  const stem = page.getByTestId('question-stem');
  await stem.fill(`${await stem.inputValue()}（修订）`);
  await settled(page);
  await shot(page, 'console-exam-question-editor');
  await page.getByTestId('question-save').click();
  await page.getByTestId('question-drawer').waitFor({ state: 'hidden' });
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=question-version]')].some((e) => e.textContent === '第2版'));
  await settled(page);
  await shot(page, 'console-exam-questions');

  // Back to the list: the bank with its counts by type.
  await page.getByTestId('bank-back').click();
  const row = page.locator('[data-testid=bank-table] tr', { hasText: BANK });
  await row.waitFor();
  expect(await row.getByTestId('bank-total').innerText()).toBe(String(TOTAL));
  await settled(page);
  await shot(page, 'console-exam-banks');
  // Deleting a bank with questions is refused and explained (questions are disabled, never deleted).
  await row.getByTestId('bank-delete').click();
  await page.getByTestId('bank-delete-confirm').click();
  await page.getByTestId('bank-not-empty').waitFor();
  await context.close();
});

/** Picks options of the antd multiple Select whose root carries `testId` (nth match), by typing each label and Enter. */
async function pick(page: Page, testId: string, labels: string[], nth = 0) {
  await page.getByTestId(testId).nth(nth).click();
  for (const label of labels) {
    await page.keyboard.type(label);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active', { hasText: label }).waitFor();
    await page.keyboard.press('Enter');
  }
  await page.keyboard.press('Escape');
  // The next pick must not see this dropdown while it is still closing.
  await page.waitForFunction(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
}

/** Types into the nth InputNumber carrying `testId`. */
async function setNumber(page: Page, testId: string, nth: number, value: number) {
  const input = page.getByTestId(testId).nth(nth).locator('xpath=descendant-or-self::input');
  await input.fill(String(value));
  await input.press('Tab');
}

const ruleState = (page: Page, state: string) => page.waitForFunction((s) => document.querySelector('[data-testid=rule-check]')?.getAttribute('data-state') === s, state);

it('the regulator saves a drawing rule as a template (live preview), organises a formal exam from it and publishes it with the reach', async () => {
  const { context, page } = await signIn('tz_regulator');
  await page.getByTestId('menu-exam-templates').click();
  await page.getByTestId('template-table').waitFor();
  await page.getByTestId('template-create').click();
  await page.getByTestId('template-name').fill('滕州市年度安全生产考试模板');
  // Three sections (single, multiple, judge) from the imported bank: 10×4 + 5×6 + 5×6 = 100.
  for (let i = 0; i < 3; i++) await pick(page, 'section-banks', [BANK], i);
  await setNumber(page, 'section-count', 0, 10);
  await setNumber(page, 'section-score', 0, 4);
  await setNumber(page, 'section-count', 1, 5);
  await setNumber(page, 'section-score', 1, 6);
  // Too many judge questions first: the preview says the section is short.
  await setNumber(page, 'section-count', 2, QUESTION_COUNTS.judge + 4);
  await setNumber(page, 'section-score', 2, 6);
  await ruleState(page, 'problems');
  expect(await page.getByTestId('rule-problems').innerText()).toContain(`符合条件的判断题只有${QUESTION_COUNTS.judge}道，需要${QUESTION_COUNTS.judge + 4}道`);
  expect(await page.getByTestId('section-available').nth(2).getAttribute('data-enough')).toBe('false');
  await setNumber(page, 'section-count', 2, 5);
  await ruleState(page, 'ok');
  // A tag filter narrows a section: 知识点 基础知识 still leaves all 12 single questions.
  await page.locator('[data-testid=section-table] .ant-table-row').first().getByRole('button', { name: '条件' }).click();
  await page.locator('.ant-table-expanded-row').first().locator('.ant-select-selection-search-input').nth(2).fill('基础知识');
  await page.keyboard.press('Enter');
  await ruleState(page, 'ok');
  expect(await page.getByTestId('rule-total').getAttribute('data-total')).toBe('100');
  expect(await page.getByTestId('section-available').nth(0).getAttribute('data-available')).toBe(String(QUESTION_COUNTS.single));
  await settled(page);
  await shot(page, 'console-exam-template');
  await page.getByTestId('template-save').click();
  await page.getByTestId('template-drawer').waitFor({ state: 'hidden' });
  await page.getByTestId('template-name-link').filter({ hasText: '滕州市年度安全生产考试模板' }).waitFor();

  // 用此模板组织考试: the editor starts with the template's rule, scores and duration.
  await page.getByTestId('template-use').first().click();
  await page.getByTestId('exam-title-input').waitFor();
  await page.waitForFunction(() => (document.querySelector('[data-testid=exam-title-input]') as HTMLInputElement | null)?.value === '滕州市年度安全生产考试模板');
  await page.getByTestId('exam-title-input').fill('2026年滕州市安全生产知识正式考试');
  // 补考: a second window after the exam closes.
  await page.locator('[data-testid=exam-retake] input[value=secondWindow]').check();
  await page.getByText('补考次数').waitFor();
  await settled(page);
  await shot(page, 'console-exam-editor-info');
  await page.locator('[data-testid=exam-retake] input[value=attempts]').check();
  await page.getByTestId('exam-tab-rule').click();
  await ruleState(page, 'ok');
  await page.getByTestId('exam-tab-push').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=reach-text]') && !document.querySelector('[data-testid=reach-panel] .ant-spin-spinning'));
  const persons = Number(await page.getByTestId('reach-text').getAttribute('data-persons'));
  expect(persons).toBeGreaterThan(0);
  await settled(page);
  await shot(page, 'console-exam-editor-reach');

  // 发布: saves the draft, the confirmation repeats the reach, the exam is published.
  await page.getByTestId('exam-publish').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=exam-publish-dialog] [data-testid=reach-summary]'));
  expect(Number(await page.locator('[data-testid=exam-publish-dialog] [data-testid=reach-summary]').getAttribute('data-persons'))).toBe(persons);
  await settled(page);
  await shot(page, 'console-exam-publish');
  await page.getByTestId('exam-publish-confirm').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=exam-status]')?.getAttribute('data-status') === 'published');
  const examId = new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('id');
  expect(examId).toMatch(/^ex[0-9a-z]{20,22}$/);

  // Published: read-only, but it can run one day longer.
  const closes = page.locator('.ant-picker-range').first().locator('input').nth(1);
  const later = dayjs(await closes.inputValue(), 'YYYY-MM-DD HH:mm').add(1, 'day').format('YYYY-MM-DD HH:mm');
  await page.getByTestId('exam-extend').click();
  const picker = page.getByTestId('exam-extend-closes').locator('xpath=descendant-or-self::input');
  await picker.click();
  await picker.fill(later);
  await picker.press('Enter');
  await page.getByTestId('exam-extend-ok').click();
  await page.waitForFunction((v) => (document.querySelectorAll('.ant-picker-range input')[1] as HTMLInputElement | undefined)?.value === v, later);

  // The list shows it published, and links to its detail page.
  await page.getByTestId('exam-back').click();
  await page.getByTestId('exam-table').waitFor();
  const row = page.locator('[data-testid=exam-table] tr', { hasText: '2026年滕州市安全生产知识正式考试' });
  await row.waitFor();
  expect(await row.getByTestId('exam-status').getAttribute('data-status')).toBe('published');
  await settled(page);
  await shot(page, 'console-exams');
  await row.getByTestId('exam-detail').click();
  await page.waitForFunction((id) => window.location.hash === `#/exams/${id}`, examId);
  await context.close();
});

it('an enterprise admin organises exams for its own staff only (the push rule offers person dimensions)', async () => {
  const { context, page } = await signIn('ent_admin');
  await page.getByTestId('menu-exams').click();
  await page.getByTestId('exam-table').waitFor();
  await page.getByTestId('exam-create').click();
  await page.getByTestId('exam-tab-push').click();
  const note = page.locator('[data-testid=push-rule] .ant-alert');
  await note.waitFor();
  expect(await note.innerText()).toContain('仅推送给本企业');
  expect(await page.getByTestId('rule-regions').count()).toBe(0);
  await page.waitForFunction(() => document.querySelector('[data-testid=reach-text]') && !document.querySelector('[data-testid=reach-panel] .ant-spin-spinning'));
  expect(Number(await page.getByTestId('reach-text').getAttribute('data-enterprises'))).toBe(1);
  await context.close();
});
