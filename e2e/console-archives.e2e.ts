/**
 * Journey: a county regulator opens 档案查询 (an enterprise's archive drawer with 内训师 and the audit
 * log; a person's 一人一档 drawer), 合规清单 (three tabs, an export that opens as a sheet) and 待办.
 */
import { readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as XLSX from 'xlsx';
import { shot, startE2E, type E2E } from './harness';

jest.setTimeout(120_000);
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

it('a county regulator reads archives, compliance lists and 待办', async () => {
  const { context, page } = await e2e.desktop();
  await page.goto(`${e2e.cloud.url}/admin/`);
  await page.locator('#username').fill('tz_regulator');
  await page.locator('#password').fill('Anxue@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('dashboard-page').waitFor();

  await page.goto(`${e2e.cloud.url}/admin/#/archives`);
  await page.locator('[data-testid="archive-enterprise-table"] tbody tr.ant-table-row').first().waitFor();
  await shot(page, 'console-archives-enterprises');
  await page.getByTestId('archive-enterprise-open').first().click();
  await page.getByTestId('enterprise-archive-drawer').getByText('内训师', { exact: false }).first().waitFor();
  await page.locator('[data-testid="enterprise-archive-drawer"] [data-testid="audit-table"] tbody tr').first().waitFor();
  await shot(page, 'console-archives-enterprise-drawer');
  await page.keyboard.press('Escape');
  await page.getByTestId('enterprise-archive-drawer').waitFor({ state: 'hidden' });

  await page.getByRole('tab', { name: '人员档案' }).click();
  await page.locator('[data-testid="archive-person-table"] tbody tr.ant-table-row').first().waitFor();
  const masked = await page.locator('[data-testid="archive-person-table"] tbody tr.ant-table-row').first().innerText();
  expect(masked).toMatch(/\*{6,}/);
  await page.getByTestId('archive-person-open').first().click();
  await page.getByTestId('person-archive-drawer').getByText('年度学时').waitFor();
  await shot(page, 'console-archives-person-drawer');
  await page.keyboard.press('Escape');

  await page.goto(`${e2e.cloud.url}/admin/#/compliance`);
  await page.locator('[data-testid="trainers-table"] tbody tr.ant-table-row').first().waitFor();
  await shot(page, 'console-compliance-trainers');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trainers').click()]);
  const file = join(tmpdir(), `trainers-${Date.now()}.xlsx`);
  await download.saveAs(file);
  const aoa = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(readFileSync(file)).Sheets['内训师配备情况'], { header: 1 });
  expect(aoa[1]).toEqual(['企业名称', '所在地区', '行业', '规模', '职工数', '内训师', '应配', '是否达标', '配备要求']);
  await page.getByRole('tab', { name: '证书到期台账' }).click();
  await page.getByTestId('expiring-table').waitFor();
  await page.getByRole('tab', { name: '学时不足' }).click();
  await page.getByTestId('hours-more').click();
  await page.waitForFunction(() => /已核查 [1-9]/.test(document.body.textContent ?? ''));
  await shot(page, 'console-compliance-hours');

  await page.goto(`${e2e.cloud.url}/admin/#/todos`);
  await page.getByTestId('todo-credit').waitFor();
  await shot(page, 'console-todos');
  await context.close();
});
