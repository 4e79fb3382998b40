/**
 * Journey: a county regulator signs in and lands on 监管首页 (the dashboard of its county, from the
 * rollups), drills down from the county to a town or an enterprise, comes back, and exports a
 * chart's data as an xlsx that opens with the expected sheet and rows.
 */
import { join } from 'path';
import { readFileSync } from 'fs';
import * as XLSX from 'xlsx';
import { tmpdir } from 'os';
import { shot, startE2E, type E2E } from './harness';

jest.setTimeout(120_000);
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

it('a county regulator opens the dashboard, drills down and back, and exports the children table', async () => {
  const { context, page } = await e2e.desktop();
  await page.goto(`${e2e.cloud.url}/admin/`);
  await page.locator('#username').fill('tz_regulator');
  await page.locator('#password').fill('Anxue@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('dashboard-page').waitFor();
  await page.getByTestId('dashboard-kpis').getByText('注册人员').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="dashboard-children-canvas"] canvas') !== null);
  await page.locator('[data-testid="dashboard-children-table"] tbody tr.ant-table-row').first().waitFor();
  expect(await page.getByTestId('dashboard-page').getByText(/滕州市/).first().isVisible()).toBe(true);
  await shot(page, 'console-dashboard-county');

  // Drill into the first child (sorted by registered persons): the breadcrumb shows the way back.
  const first = page.locator('[data-testid="dashboard-children-table"] [data-testid="dashboard-drill"]').first();
  const childName = (await first.innerText()).trim();
  await first.click();
  await page.getByTestId('dashboard-trail').waitFor();
  await page.waitForFunction((name) => document.querySelector('[data-testid="dashboard-page"]')?.textContent?.includes(name), childName);
  await shot(page, 'console-dashboard-drilled');
  await page.getByTestId('dashboard-trail').getByText('滕州市', { exact: false }).first().click();
  await page.getByTestId('dashboard-trail').waitFor({ state: 'detached' });

  // Export the children table: the sheet has the title row, the header and one row per child.
  const rows = await page.locator('[data-testid="dashboard-children-table"] tbody tr.ant-table-row').count();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dashboard-children-chart-export').click()]);
  expect(download.suggestedFilename()).toMatch(/下级地区及企业.*\.xlsx$/);
  const file = join(tmpdir(), `dashboard-${Date.now()}.xlsx`);
  await download.saveAs(file);
  const wb = XLSX.read(readFileSync(file));
  const aoa = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1 });
  expect(aoa[1]).toEqual(expect.arrayContaining(['名称', '注册企业', '注册人员', '本周活跃学员']));
  expect(aoa.length - 2).toBeGreaterThanOrEqual(Math.min(rows, 20));
  await context.close();
});
