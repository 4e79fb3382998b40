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
  await context.close();
});
