/**
 * Journey: an enterprise admin imports staff in the console — downloads the template, uploads a
 * file with two bad rows (bad ID checksum, unknown 岗位分类), sees both with row number and column,
 * uploads the corrected file, sees the dry-run summary, imports with progress to 100% and the result.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { makeIdNumber } from '../shared/idNumber';
import { parseStaffFile, tableToXlsx, TEMPLATE_HEADER } from '../shared/staffImport';
import { shot, startE2E, type E2E } from './harness';

jest.setTimeout(180_000);
let e2e: E2E;
let dir: string;
beforeAll(async () => {
  e2e = await startE2E();
  dir = mkdtempSync(join(tmpdir(), 'anxue-import-e2e-'));
});
afterAll(async () => {
  await e2e?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Born 1961 with sequence numbers 9xx: not among the seeded demo persons.
const ids = [0, 1, 2, 3].map((i) => makeIdNumber('370481', '19610315', String(910 + i)));
const line = (name: string, id: string, post = '其他从业人员') => [name, id, '', '', post, '正式员工', '', '', '', ''];

function writeXlsx(name: string, rows: unknown[][]): string {
  const p = join(dir, name);
  writeFileSync(p, tableToXlsx([[...TEMPLATE_HEADER], ...rows]));
  return p;
}

it('downloads the template, reports two bad rows, then imports the corrected file', async () => {
  const { context, page } = await e2e.desktop();
  await page.goto(`${e2e.cloud.url}/admin/`);
  await page.locator('#username').fill('ent_admin');
  await page.locator('#password').fill('Anxue@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('account-info').waitFor();
  await page.goto(`${e2e.cloud.url}/admin/#/staff/import`);
  const dialog = page.locator('.ant-modal').filter({ hasText: '批量导入人员' });
  await dialog.waitFor();

  // 1. The template downloads as 员工导入模板.xlsx and is itself a valid import file.
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('import-template').click()]);
  expect(download.suggestedFilename()).toBe('员工导入模板.xlsx');
  const saved = join(dir, 'template.xlsx');
  await download.saveAs(saved);
  const template = parseStaffFile(readFileSync(saved));
  expect(template.ok && template.problems).toEqual([]);

  // 2. Two bad rows: a wrong check character (row 3) and an unknown post category (row 5).
  const badId = ids[1].slice(0, 17) + (ids[1][17] === '1' ? '2' : '1');
  const bad = writeXlsx('staff-bad.xlsx', [line('导入甲', ids[0]), line('导入乙', badId), line('导入丙', ids[2]), line('导入丁', ids[3], '车间主任')]);
  await dialog.locator('input[type=file]').setInputFiles(bad);
  const problems = dialog.getByTestId('import-problems');
  await problems.waitFor();
  const rows = await problems.locator('tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  expect(rows).toEqual([
    ['3', '身份证号码', '身份证号码校验位不正确，请核对'],
    ['5', '岗位分类', expect.stringContaining('“车间主任”不是有效的岗位分类')],
  ]);
  await expect(dialog.getByTestId('import-invalid').innerText()).resolves.toContain('2 处错误');
  await shot(page, 'console-import-problems');

  // 3. The corrected file: uploaded to storage, dry run on the server → summary, nothing written yet.
  const good = writeXlsx('staff-good.xlsx', [line('导入甲', ids[0]), line('导入乙', ids[1]), line('导入丙', ids[2]), line('导入丁', ids[3], '班组长')]);
  await dialog.locator('input[type=file]').setInputFiles(good);
  const summary = dialog.getByTestId('import-summary');
  await summary.waitFor();
  const summaryText = await summary.innerText();
  expect(summaryText).toContain('共 4 行');
  expect(summaryText.replace(/\s+/g, ' ')).toMatch(/新增 4 更新 0 无变化 0 转入申请 0/);
  await expect(dialog.innerText()).resolves.toContain('初始密码为 Ax + 身份证号码后6位');
  await shot(page, 'console-import-summary');

  // 4. Import: progress reaches 100% and the result summarises what was written.
  await dialog.getByTestId('import-confirm').click();
  const result = dialog.getByTestId('import-result');
  await result.waitFor().catch(async (e) => {
    throw new Error(`no result: ${await dialog.innerText()} (${e})`);
  });
  expect(await result.innerText()).toContain('新增 4 人');
  expect(await dialog.getByTestId('import-progress-done').innerText()).toContain('100%');
  await shot(page, 'console-import-done');

  // Importing the same file again changes nothing.
  await dialog.getByTestId('import-finish').click();
  await page.getByTestId('open-import').click();
  await dialog.locator('input[type=file]').setInputFiles(good);
  await summary.waitFor();
  expect((await summary.innerText()).replace(/\s+/g, ' ')).toMatch(/新增 0 更新 0 无变化 4 转入申请 0/);
  await context.close();
});

it('imports from the mini-program (H5: a file input; weapp: chooseMessageFile)', async () => {
  const { context, page } = await e2e.mobile();
  await page.goto(`${e2e.cloud.url}/#/pages/admin/login/index`);
  await page.locator('.admin-username input').fill('ent_admin');
  await page.locator('.admin-password input').fill('Anxue@2026');
  await page.locator('.admin-login-submit').click();
  await page.waitForURL(/admin\/approvals/);
  // The approvals page links to 导入员工.
  await page.locator('.page').getByText('导入员工', { exact: true }).first().click();
  await page.waitForURL(/admin\/import/);
  const input = page.locator('.admin-import-page input[type=file]');
  await input.waitFor({ state: 'attached' });

  // A bad row first: the server's dry run lists it, nothing is written.
  const badId = ids[0].slice(0, 17) + (ids[0][17] === '1' ? '2' : '1');
  await input.setInputFiles(writeXlsx('mp-bad.xlsx', [line('小程序甲', badId)]));
  const problem = page.locator('.import-problems__item').first();
  await problem.waitFor().catch(async (e) => {
    await shot(page, 'mp-import-debug');
    throw e;
  });
  expect(await problem.innerText()).toContain('第2行 · 身份证号码');

  const fresh = makeIdNumber('370481', '19620401', '955');
  await page.locator('.admin-import-page input[type=file]').setInputFiles(writeXlsx('mp-good.xlsx', [line('导入甲', ids[0]), line('小程序乙', fresh, '班组长')]));
  const summary = page.locator('.import-summary');
  await summary.waitFor();
  expect((await summary.innerText()).replace(/\s+/g, ' ')).toBe('1 新增 0 更新 1 无变化 0 转入申请');
  await page.locator('.import-actions .nut-button-primary', { hasText: '确认导入' }).click();
  await page.locator('.import-done').waitFor();
  expect(await page.locator('.admin-import-page').innerText()).toContain('新增 1 人');
  await shot(page, 'mp-import-done');
  await context.close();
});
