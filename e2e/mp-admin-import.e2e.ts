/**
 * Journey: an enterprise admin imports staff in the H5 mini-program (导入员工). Persons registered
 * elsewhere are never written and are explained row by row; a file with nothing to write offers no
 * 确认导入; after an import the new accounts' one-time passwords are listed once, with 复制全部.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Page } from 'playwright-core';
import { makeIdNumber } from '../shared/idNumber';
import { PRIVACY_NOTICE_VERSION } from '../shared/privacy';
import { tableToXlsx, TEMPLATE_HEADER } from '../shared/staffImport';
import { callFunction, mustCall, shot, startE2E, type E2E } from './harness';

jest.setTimeout(180_000);
let e2e: E2E;
let dir: string;
beforeAll(async () => {
  e2e = await startE2E();
  dir = mkdtempSync(join(tmpdir(), 'anxue-mp-import-e2e-'));
});
afterAll(async () => {
  await e2e?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const OWN = '滕州天元矿业有限公司'; // ent_admin's enterprise
const line = (name: string, id: string) => [name, id, '', '', '其他从业人员', '正式员工', '', '', '', ''];
function writeXlsx(name: string, rows: unknown[][]): string {
  const p = join(dir, name);
  writeFileSync(p, tableToXlsx([[...TEMPLATE_HEADER], ...rows]));
  return p;
}
const summaryOf = async (p: Page) => (await p.locator('.import-summary').innerText()).replace(/\s+/g, ' ').trim();

it('explains rows not written, offers nothing to confirm for an unchanged file, then lists one-time passwords once', async () => {
  const cloud = e2e.cloud;
  // Own staff (unchanged on import) and a person registered at another enterprise (never written).
  const ownId = makeIdNumber('370481', '19640101', '931');
  const elsewhereId = makeIdNumber('370481', '19640202', '932');
  const admin = await mustCall<{ token: string }>(cloud, 'identity', { action: 'consoleLogin', username: 'ent_admin', password: 'Anxue@2026' });
  await mustCall(cloud, 'org', { action: 'addStaff', name: '本厂甲', idNumber: ownId, postCategory: 'otherWorker', employmentType: 'regular', sessionToken: admin.token });
  const other = (await mustCall<{ items: { _id: string; name: string }[] }>(cloud, 'org', { action: 'searchEnterprises', keyword: '' })).items.find((e) => e.name !== OWN)!;
  await mustCall(
    cloud,
    'identity',
    {
      action: 'register',
      name: '外厂乙',
      idNumber: elsewhereId,
      password: 'Elsewhere2026',
      enterpriseId: other._id,
      postCategory: 'otherWorker',
      certificates: [],
      consentVersion: PRIVACY_NOTICE_VERSION,
    },
    { openid: 'e2e-mp-import-elsewhere' },
  );

  const { context, page: p } = await e2e.mobile();
  await p.goto(`${cloud.url}/#/pages/admin/login/index`);
  await p.locator('.admin-username input').fill('ent_admin');
  await p.locator('.admin-password input').fill('Anxue@2026');
  await p.locator('.admin-login-submit').click();
  await p.locator('.admin-import').click();
  const input = p.locator('.admin-import-page input[type=file]');
  await input.waitFor({ state: 'attached' });

  // Nothing to write: no 确认导入, no "N 新增" beside 未写入.
  await input.setInputFiles(writeXlsx('nothing.xlsx', [line('本厂甲', ownId), line('外厂乙', elsewhereId)]));
  await p.locator('.import-summary').waitFor();
  expect(await summaryOf(p)).toBe('0 新增 0 更新 1 无变化 1 未写入');
  const elsewhere = p.locator('.import-elsewhere');
  expect(await elsewhere.innerText()).toContain('已在其他单位注册或任职，需本人在小程序申请加入本企业');
  expect(await elsewhere.innerText()).toContain('第3行 · 外厂乙');
  await p.locator('.import-nothing').waitFor();
  expect(await p.locator('.import-confirm').count()).toBe(0);
  await shot(p, 'mp-import-nothing');

  // Two new persons and the one registered elsewhere.
  const fresh = [makeIdNumber('370481', '19640303', '933'), makeIdNumber('370481', '19640404', '934')];
  await p.locator('.import-actions .nut-button', { hasText: '重新选择文件' }).click();
  await p.locator('.admin-import-page input[type=file]').setInputFiles(writeXlsx('new.xlsx', [line('新人丙', fresh[0]), line('外厂乙', elsewhereId), line('新人丁', fresh[1])]));
  await p.locator('.import-summary').waitFor();
  expect(await summaryOf(p)).toBe('2 新增 0 更新 0 无变化 1 未写入');
  await shot(p, 'mp-import-plan');
  await p.locator('.import-confirm').click();
  await p.locator('.import-done').waitFor();
  expect(await p.locator('.import-result').innerText()).toContain('新增 2 人');
  expect(await p.locator('.admin-import-page').innerText()).toContain('1 人未写入');
  const creds = p.locator('.import-credentials__item');
  expect(await creds.count()).toBe(2);
  expect(await p.locator('.import-credentials').innerText()).toContain('只显示这一次');
  await p.locator('.import-copy-all').waitFor();
  await shot(p, 'mp-import-done');

  // The listed one-time password is the person's: it logs in, and must be changed.
  const first = creds.filter({ hasText: '新人丙' });
  const password = (await first.locator('.import-credentials__pw').innerText()).trim();
  const login = await callFunction<{ person: { mustChangePassword: boolean } }>(cloud, 'identity', { action: 'login', idNumber: fresh[0], password }, { openid: 'e2e-mp-import-new' });
  expect(login.ok && login.data.person.mustChangePassword).toBe(true);
  await context.close();
});
