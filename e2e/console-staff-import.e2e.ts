/**
 * Journey: an enterprise admin imports staff in the console — downloads the template, uploads a
 * file with two bad rows (bad ID checksum, unknown 岗位分类), sees both with row number, name and
 * column, uploads the corrected file (plus a person employed by another enterprise: listed, never
 * written), imports with progress to 100%, gets the one-time passwords once (打印 / 导出Excel), and
 * 完成 returns to the staff list; the same file again has nothing to import.
 * (The mini-program import journey is e2e/mp-admin-import.e2e.ts.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { makeIdNumber } from '../shared/idNumber';
import { parseStaffFile, tableToXlsx, TEMPLATE_HEADER } from '../shared/staffImport';
import * as XLSX from 'xlsx';
import { mustCall, shot, startE2E, type E2E } from './harness';

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

/**
 * A person employed by another demo enterprise, arranged over HTTP: the sysadmin opens an admin
 * account for that enterprise, which changes its initial password and adds the person.
 */
async function employElsewhere(idNumber: string, name: string): Promise<void> {
  const cloud = e2e.cloud;
  const admin = await mustCall<{ token: string }>(cloud, 'identity', { action: 'consoleLogin', username: 'admin', password: 'Anxue@2026' });
  const own = await mustCall<{ token: string; account: { enterpriseId: string } }>(cloud, 'identity', { action: 'consoleLogin', username: 'ent_admin', password: 'Anxue@2026' });
  const list = await mustCall<{ items: { _id: string }[] }>(cloud, 'org', { action: 'listEnterprises', pageSize: 100, sessionToken: admin.token });
  const other = list.items.find((e) => e._id !== own.account.enterpriseId)!;
  const created = await mustCall<{ initialPassword: string }>(cloud, 'identity', {
    action: 'createAccount',
    username: 'e2e_other_admin',
    displayName: '外单位管理员',
    role: 'enterpriseAdmin',
    enterpriseId: other._id,
    sessionToken: admin.token,
  });
  const first = await mustCall<{ token: string }>(cloud, 'identity', { action: 'consoleLogin', username: 'e2e_other_admin', password: created.initialPassword });
  const changed = await mustCall<{ token?: string }>(cloud, 'identity', {
    action: 'consoleChangePassword',
    oldPassword: created.initialPassword,
    newPassword: 'Other@2026x',
    sessionToken: first.token,
  });
  const token =
    changed.token ?? (await mustCall<{ token: string }>(cloud, 'identity', { action: 'consoleLogin', username: 'e2e_other_admin', password: 'Other@2026x' })).token;
  await mustCall(cloud, 'org', { action: 'addStaff', name, idNumber, postCategory: 'otherWorker', employmentType: 'regular', sessionToken: token });
}

it('downloads the template, reports two bad rows, then imports the corrected file', async () => {
  const elsewhereId = makeIdNumber('370481', '19610315', '960');
  await employElsewhere(elsewhereId, '外厂戊');
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
    ['3', '导入乙', '身份证号码', '身份证号码校验位不正确，请核对'],
    ['5', '导入丁', '岗位分类', expect.stringContaining('“车间主任”不是有效的岗位分类')],
  ]);
  await expect(dialog.getByTestId('import-invalid').innerText()).resolves.toContain('2 处错误');
  await shot(page, 'console-import-problems');

  // 3. The corrected file: uploaded to storage, dry run on the server → summary, nothing written yet.
  const good = writeXlsx('staff-good.xlsx', [
    line('导入甲', ids[0]),
    line('导入乙', ids[1]),
    line('导入丙', ids[2]),
    line('导入丁', ids[3], '班组长'),
    line('外厂戊', elsewhereId),
  ]);
  await dialog.locator('input[type=file]').setInputFiles(good);
  const summary = dialog.getByTestId('import-summary');
  await summary.waitFor();
  const summaryText = await summary.innerText();
  expect(summaryText).toContain('共 5 行');
  expect(summaryText.replace(/\s+/g, ' ')).toMatch(/新增 4 更新 0 无变化 0 未写入 1/);
  const elsewhere = dialog.getByTestId('import-elsewhere');
  expect(await elsewhere.innerText()).toContain('已在其他单位注册或任职，未写入——需本人在小程序中申请加入本企业，再由本企业在人员审核中通过');
  expect((await elsewhere.locator('tbody tr.ant-table-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual(['6 外厂戊']);
  await shot(page, 'console-import-summary');

  // 4. Import: progress reaches 100% and the result summarises what was written.
  await dialog.getByTestId('import-confirm').click();
  const result = dialog.getByTestId('import-result');
  await result.waitFor().catch(async (e) => {
    throw new Error(`no result: ${await dialog.innerText()} (${e})`);
  });
  expect(await result.innerText()).toContain('新增 4 人');
  expect(await result.innerText()).toContain('未写入 1 人');
  expect(await dialog.getByTestId('import-progress-done').innerText()).toContain('100%');

  // The one-time passwords: row, name, masked ID, password — shown once, printable, exportable.
  const credentials = dialog.getByTestId('import-credentials');
  await credentials.waitFor();
  expect(await credentials.innerText()).toContain('仅显示一次');
  const creds = await credentials.locator('tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  expect(creds.map((c) => c.slice(0, 2))).toEqual([
    ['2', '导入甲'],
    ['3', '导入乙'],
    ['4', '导入丙'],
    ['5', '导入丁'],
  ]);
  for (const c of creds) {
    expect(c[2]).toMatch(/^\d{4}\*+[\dX]{4}$/);
    expect(c[3]).toMatch(/^\S{8,}$/);
  }
  await shot(page, 'console-import-done');
  const [exported] = await Promise.all([page.waitForEvent('download'), credentials.getByTestId('credentials-export').click()]);
  expect(exported.suggestedFilename()).toMatch(/^新账号初始密码-.*\.xlsx$/);
  const exportedPath = join(dir, 'credentials.xlsx');
  await exported.saveAs(exportedPath);
  const wb = XLSX.read(readFileSync(exportedPath), { type: 'buffer' });
  const sheetRows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]], { header: 1 });
  expect(sheetRows[0]).toEqual(['行号', '姓名', '身份证号', '初始密码']);
  expect(sheetRows.slice(1).map((r) => r[3])).toEqual(creds.map((c) => c[3]));
  // 打印 prints only the list (print stylesheet).
  await page.emulateMedia({ media: 'print' });
  await shot(page, 'console-import-credentials-print');
  await page.emulateMedia({ media: 'screen' });

  // 完成 returns to the staff list, which shows the new people.
  await dialog.getByTestId('import-finish').click();
  await page.waitForURL(/#\/staff$/);
  await page.locator('[data-testid="staff-table"] tbody tr.ant-table-row', { hasText: '导入丁' }).waitFor();

  // Importing the same file again changes nothing: no 确认导入.
  await page.goto(`${e2e.cloud.url}/admin/#/staff/import`);
  await dialog.waitFor();
  await dialog.locator('input[type=file]').setInputFiles(good);
  await summary.waitFor();
  expect((await summary.innerText()).replace(/\s+/g, ' ')).toMatch(/新增 0 更新 0 无变化 4 未写入 1/);
  await dialog.getByTestId('import-nothing').getByText('没有需要导入的变化').waitFor();
  expect(await dialog.getByTestId('import-confirm').count()).toBe(0);
  await context.close();
});
