/**
 * Journey: a county regulator opens 排行榜 (enterprises of its county from the rollups), switches
 * to the region ranking and the pass-rate metric, exports the whole ranking and the enterprises'
 * learning scores (企业评分) as xlsx; an enterprise admin sees its county rank on its dashboard.
 */
import { join } from 'path';
import { readFileSync } from 'fs';
import * as XLSX from 'xlsx';
import { tmpdir } from 'os';
import type { Download, Page } from 'playwright-core';
import { shot, startE2E, type E2E } from './harness';

jest.setTimeout(120_000);
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

async function login(page: Page, username: string) {
  await page.goto(`${e2e.cloud.url}/admin/`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('Anxue@2026');
  await page.getByRole('button', { name: '登录' }).click();
}

async function sheetOf(download: Download): Promise<unknown[][]> {
  const file = join(tmpdir(), `rankings-${Date.now()}-${Math.random().toString(36).slice(2)}.xlsx`);
  await download.saveAs(file);
  const wb = XLSX.read(readFileSync(file));
  return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1 });
}

const tableRows = '[data-testid="rankings-table"] tbody tr.ant-table-row';

it('a county regulator ranks its enterprises and towns, and exports the ranking and the learning scores', async () => {
  const { context, page } = await e2e.desktop();
  await login(page, 'tz_regulator');
  await page.getByTestId('dashboard-page').waitFor();
  // The menu entry, then the demo's small enterprises in (minimum staff 0).
  await page.getByRole('menuitem', { name: '排行榜' }).click();
  await page.getByTestId('rankings-page').waitFor();
  await page.getByTestId('rankings-min-staff').fill('0');
  await page.getByTestId('rankings-min-staff').press('Tab');
  await page.locator(tableRows).first().waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="rankings-canvas"] canvas') !== null);
  expect(await page.getByTestId('rankings-page').getByText(/滕州市/).first().isVisible()).toBe(true);
  await shot(page, 'console-rankings-enterprises');
  const shown = await page.locator(tableRows).count();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rankings-export').click()]);
  expect(download.suggestedFilename()).toMatch(/企业排行榜.*\.xlsx$/);
  const aoa = await sheetOf(download);
  expect(aoa[1]).toEqual(['名次', '名称', '在册人数', '课程完成率', '人均积分', '考试合格率', '学习得分']);
  expect(aoa.length - 2).toBeGreaterThanOrEqual(shown);
  expect(aoa[2][0]).toBe(1);

  const [grading] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rankings-grading-export').click()]);
  expect(grading.suggestedFilename()).toMatch(/企业学习得分\.xlsx$/);
  const g = await sheetOf(grading);
  expect(String(g[0][0])).toContain('学习得分 = 30×注册覆盖率');
  expect(g[1]).toEqual(['企业名称', '统一社会信用代码', '在册人数', '注册覆盖率', '课程完成度', '考试合格率', '学习活跃度', '学习得分']);

  // Region ranking by pass rate: the county's towns.
  await page.getByTestId('rankings-level').getByText('地区排名').click();
  await page.getByTestId('rankings-metric').click();
  await page.locator('.ant-select-dropdown:visible').getByText('考试合格率', { exact: true }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="rankings-page"]')?.textContent?.includes('个地区'));
  await page.locator('[data-testid="rankings-table"] [data-testid="rankings-drill"]').first().waitFor();
  await shot(page, 'console-rankings-regions');
  await context.close();
});

it('an enterprise admin sees its rank in its county on its dashboard', async () => {
  const { context, page } = await e2e.desktop();
  await login(page, 'ent_admin');
  await page.getByRole('menuitem', { name: '数据看板' }).click();
  await page.getByTestId('dashboard-page').waitFor();
  await page.getByTestId('own-rank').getByText('名次').waitFor();
  await page.waitForFunction(() => /在.+企业中的排名/.test(document.querySelector('[data-testid="own-rank"]')?.textContent ?? ''));
  await shot(page, 'console-own-rank');
  await context.close();
});
