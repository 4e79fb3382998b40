/**
 * Journey: the 滕州市 regulator imports the 市场主体名单 for a period in the console — a file with a
 * row of another county and a bad credit code is refused with both rows listed (row, column), the
 * corrected file is pre-checked and imported with progress to 100 %, the totals and the list show
 * it, 名单比对 lists the enterprises that are not registered and exports them to xlsx, and 清空
 * (after a confirmation) removes the period's list.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as XLSX from 'xlsx';
import { baselineHeader, baselineTableToXlsx } from '../shared/baselineSheet';
import { makeCreditCode } from '../shared/creditCode';
import type { Page } from 'playwright-core';
import { SHOTS, startE2E, type E2E } from './harness';

/** Screenshots with CSS transitions finished (a table's loading fade would grey the rows). */
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled' });

jest.setTimeout(180_000);
let e2e: E2E;
let dir: string;
beforeAll(async () => {
  e2e = await startE2E();
  dir = mkdtempSync(join(tmpdir(), 'anxue-baseline-e2e-'));
});
afterAll(async () => {
  await e2e?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const codes = [1, 2, 3].map((i) => makeCreditCode('370481', `E2EBAXE0${i}`));
const write = (name: string, rows: unknown[][]) => {
  const p = join(dir, name);
  writeFileSync(p, baselineTableToXlsx([baselineHeader('market'), ...rows], 'market'));
  return p;
};

it('imports a 市场主体名单 with a dry run and progress, then lists the unregistered enterprises', async () => {
  const { context, page } = await e2e.desktop();
  await page.goto(`${e2e.cloud.url}/admin/`);
  await page.locator('#username').fill('tz_regulator');
  await page.locator('#password').fill('Anxue@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('account-info').waitFor();
  await page.goto(`${e2e.cloud.url}/admin/#/baselines?period=2026-11`);
  await page.getByTestId('baseline-table').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=baseline-table]')?.textContent?.includes('暂无市场主体名单'));

  await page.getByTestId('baseline-import').click();
  const dialog = page.locator('.ant-modal').filter({ hasText: '导入市场主体名单（2026-11）' });
  await dialog.waitFor();

  // Row 3: 市中区 is outside 滕州市; row 4: a wrong check character. Found by the server's dry run.
  const badCode = codes[2].slice(0, 17) + (codes[2][17] === '1' ? '2' : '1');
  await dialog.locator('input[type=file]').setInputFiles(
    write('bad.xlsx', [
      [codes[0], '滕州甲机械有限公司', '370481', '机械'],
      [codes[1], '市中区乙商贸有限公司', '370402', '商贸'],
      [badCode, '滕州丙化工有限公司', '枣庄市滕州市', '危化品'],
    ]),
  );
  const problems = dialog.getByTestId('baseline-problems');
  await problems.waitFor();
  const rows = await problems.locator('tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  expect(rows.map((r) => r.slice(0, 3))).toEqual([['4', '滕州丙化工有限公司', '统一社会信用代码']]);
  await shot(page, 'console-baselines-problems-local');

  // The browser check passes a file whose only problem is the region: the server's dry run finds it.
  await dialog.locator('input[type=file]').setInputFiles(
    write('scope.xlsx', [
      [codes[0], '滕州甲机械有限公司', '370481', '机械'],
      [codes[1], '市中区乙商贸有限公司', '370402', '商贸'],
    ]),
  );
  await dialog.getByTestId('baseline-plan').waitFor();
  const serverRows = await dialog.getByTestId('baseline-problems').locator('tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  expect(serverRows.map((r) => r.slice(0, 3))).toEqual([['3', '市中区乙商贸有限公司', '所属区划']]);
  expect(serverRows[0][3]).toContain('管辖范围');
  await shot(page, 'console-baselines-problems');

  await dialog.locator('input[type=file]').setInputFiles(
    write('good.xlsx', [
      [codes[0], '滕州甲机械有限公司', '370481', '机械'],
      [codes[1], '滕州乙商贸有限公司', '370481', '商贸'],
      [codes[2], '滕州丙化工有限公司', '枣庄市滕州市', '危化品'],
    ]),
  );
  const plan = dialog.getByTestId('baseline-plan');
  await page.waitForFunction(() => document.querySelector('[data-testid=baseline-plan]')?.textContent?.includes('共 3 行'));
  expect((await plan.innerText()).replace(/\s+/g, ' ')).toMatch(/新增 3 更新 0 无变化 0/);
  await dialog.getByTestId('baseline-confirm').click();
  const result = dialog.getByTestId('baseline-result');
  await result.waitFor();
  expect(await result.innerText()).toContain('新增 3 家');
  expect(await result.innerText()).toContain('100%');
  await dialog.getByTestId('baseline-finish').click();

  await page.waitForFunction(() => document.querySelectorAll('[data-testid=baseline-table] tbody tr.ant-table-row').length === 3);
  expect(await page.getByTestId('baseline-totals').innerText()).toContain('3');
  await shot(page, 'console-baselines');

  // 名单比对: the three enterprises are not registered.
  await page.goto(`${e2e.cloud.url}/admin/#/reconcile?period=2026-11`);
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-testid=reconcile-count]');
    return c?.getAttribute('data-loaded') === 'unregistered' && c.textContent?.includes('共 3 家');
  });
  const listed = await page.getByTestId('reconcile-table').locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
  expect(listed.sort()).toEqual([...codes].sort());
  await shot(page, 'console-reconcile');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('reconcile-export').click()]);
  const saved = join(dir, 'export.xlsx');
  await download.saveAs(saved);
  const ws = XLSX.read(readFileSync(saved), { type: 'buffer' }).Sheets[XLSX.read(readFileSync(saved), { type: 'buffer' }).SheetNames[0]];
  const table = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1 });
  expect(table[0][0]).toBe('未注册企业 2026-11');
  expect(table.slice(2).map((r) => r[0]).sort()).toEqual([...codes].sort());

  // The other lists open (their own empty / filled states).
  await page.getByTestId('reconcile-tabs').getByText('本周无学习').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=reconcile-count]')?.getAttribute('data-loaded') === 'inactive');
  await shot(page, 'console-reconcile-inactive');

  // 清空 asks first, then the period's list is gone (and 名单比对 follows).
  await page.goto(`${e2e.cloud.url}/admin/#/baselines?period=2026-11`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=baseline-table] tbody tr.ant-table-row').length === 3);
  await page.getByTestId('baseline-clear').click();
  const confirm = page.locator('.ant-modal-confirm').filter({ hasText: '清空 2026-11 期市场主体名单？' });
  await confirm.waitFor();
  // The dialog's zoom-in motion has ended when antd drops its motion classes.
  await page.waitForFunction(() => !document.querySelector('.ant-modal [class*=zoom-appear], .ant-modal [class*=zoom-enter], .ant-modal[class*=zoom-appear], .ant-modal[class*=zoom-enter]'));
  await page.screenshot({ path: join(SHOTS, 'console-baselines-clear.png') });
  await confirm.getByRole('button', { name: '确认清空' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid=baseline-table]')?.textContent?.includes('暂无市场主体名单'));
  await context.close();
});
