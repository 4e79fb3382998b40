/**
 * Journey: a county regulator opens 监管首页, drills down to a child region, opens its 周通报 from the
 * dashboard, and exports it: the downloaded xlsx (read back with SheetJS) has the report's sheets,
 * the seed-style headers and the total equal to the dashboard's figure. Then 附件3 (the seed's rows)
 * and the print view.
 */
import { join } from 'path';
import { readFileSync } from 'fs';
import * as XLSX from 'xlsx';
import { tmpdir } from 'os';
import { shot, startE2E, type E2E } from './harness';

jest.setTimeout(150_000);
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const readXlsx = async (download: { saveAs(p: string): Promise<void> }, name: string) => {
  const file = join(tmpdir(), `${name}-${Date.now()}.xlsx`);
  await download.saveAs(file);
  return XLSX.read(readFileSync(file));
};

it('a county regulator drills down on the dashboard and exports that region’s weekly report', async () => {
  const { context, page } = await e2e.desktop();
  await page.goto(`${e2e.cloud.url}/admin/`);
  await page.locator('#username').fill('tz_regulator');
  await page.locator('#password').fill('Anxue@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('dashboard-page').waitFor();
  await page.locator('[data-testid="dashboard-children-table"] tbody tr.ant-table-row').first().waitFor();

  // Drill into the first child region (a town of 滕州市); note its registered persons.
  const regionRow = page.locator('[data-testid="dashboard-children-table"] tbody tr.ant-table-row').filter({ hasNot: page.locator('.ant-tag') }).first();
  const childName = (await regionRow.getByTestId('dashboard-drill').innerText()).trim();
  await regionRow.getByTestId('dashboard-drill').click();
  await page.getByTestId('dashboard-trail').waitFor();
  await page.waitForFunction((name) => document.querySelector('[data-testid="dashboard-page"]')?.textContent?.includes(name), childName);
  const persons = Number((await page.getByTestId('dashboard-kpis').locator('.ant-statistic').nth(1).locator('.ant-statistic-content-value').innerText()).replace(/[^\d]/g, ''));

  // 周通报 of that region.
  await page.getByTestId('dashboard-weekly-report').click();
  await page.getByTestId('reports-page').waitFor();
  await page.waitForFunction((name) => document.querySelector('[data-testid="report-body"]')?.textContent?.includes(name), childName);
  await page.getByTestId('report-kpis').waitFor();
  await page.waitForFunction(() => !(document.querySelector('[data-testid="report-export"]') as HTMLButtonElement).disabled);
  await shot(page, 'console-reports-weekly');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export').click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`${childName}周通报_\\d{4}-W\\d{2}\\.xlsx$`));
  const wb = await readXlsx(download, 'weekly');
  // A town has no child regions: its enterprises get a sheet of their own.
  expect(wb.SheetNames.filter((n) => n !== '分企业')).toEqual(['分地区', '分行业', '排名靠后地区', '排名靠后企业']);
  const aoa = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['分地区'], { header: 1, defval: null });
  expect(aoa[0][0]).toBe('安全生产学习注册、学习、考试情况周通报');
  expect(String(aoa[1][0])).toContain(childName);
  expect(aoa[2].filter(Boolean)).toEqual(['地区', '注册情况', '学习情况', '考试情况', '较上期变化（百分点）']);
  expect(aoa[3].slice(1, 7)).toEqual(['注册企业', '市场主体名单', '企业注册率', '注册人员', '参保人数', '人员注册率']);
  const total = aoa.find((r) => typeof r[0] === 'string' && (r[0] as string).startsWith('合计'))!;
  expect(total[4]).toBe(persons);

  // The print view: no menu, no buttons.
  await page.emulateMedia({ media: 'print' });
  await page.waitForFunction(() => getComputedStyle(document.querySelector('[data-testid="side-menu"]')!).display === 'none');
  await shot(page, 'console-reports-weekly-print');
  await page.emulateMedia({ media: 'screen' });

  // 附件3: the seed's rows, exported with the two-row header.
  await page.getByRole('tab', { name: '附件3 汇总表' }).click();
  await page.locator('[data-testid="annex3-table"] tbody tr.ant-table-row').nth(12).waitFor();
  await shot(page, 'console-reports-annex3');
  const [d3] = await Promise.all([page.waitForEvent('download'), page.getByTestId('annex3-export').click()]);
  const t3 = XLSX.utils.sheet_to_json<unknown[]>((await readXlsx(d3, 'annex3')).Sheets['附件3'], { header: 1, defval: null });
  expect(t3[1][0]).toBe('专项行动执行情况汇总表');
  expect(t3[3].filter(Boolean)).toEqual(['行业门类', '企业数量', '参加人数', '企业组织考试', '县（市、区）组织考试', '全省大统考']);
  expect(t3.slice(5, 18).map((r) => r[0])).toEqual(['非煤矿山', '危化品', '烟花爆竹', '冶 金', '有 色', '建 材', '机 械', '轻 工', '纺 织', '烟 草', '商 贸', '其 他', '合 计']);

  // 附件4: pick the first formal exam; the list (or its empty state) shows.
  await page.getByRole('tab', { name: '附件4 人员名单' }).click();
  await page.waitForFunction(() => { const v = document.querySelector('[data-testid="report-annex4"]')?.getAttribute('data-exams'); return v != null && v !== 'loading'; });
  const exams = Number(await page.getByTestId('report-annex4').getAttribute('data-exams'));
  if (exams > 0) {
    await page.getByTestId('annex4-exam').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.getByTestId('annex4-table').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="annex4-table"] .ant-spin-spinning') && !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
  }
  await shot(page, 'console-reports-annex4');
  await context.close();
});
