/**
 * Journey: an employed worker asks, in the H5 mini-program, to move to another enterprise; that
 * enterprise's admin (an account the sysadmin creates, so it first changes its initial password:
 * back and reload keep it on the change page) approves in the mini-program; the worker's
 * 我的单位 then lists both employers, the old one closed, and 首页 shows the new one.
 */
import { makeIdNumber } from '../shared/idNumber';
import { mustCall, openIdOf, shot, startE2E, type E2E } from './harness';

jest.setTimeout(180_000);
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

interface Brief {
  _id: string;
  name: string;
}
const FROM = '滕州天元矿业有限公司'; // ent_admin's enterprise
const WORKER = '王调动';

it('moves an employed worker to a new employer on that employer’s approval', async () => {
  const cloud = e2e.cloud;
  const search = (keyword: string) => mustCall<{ items: Brief[] }>(cloud, 'org', { action: 'searchEnterprises', keyword, pageSize: 20 });
  const from = (await search(FROM)).items.find((e) => e.name === FROM)!;
  const to = (await search('')).items.find((e) => e._id !== from._id && !e.name.includes('天元'))!;
  expect(from.name).toBe(FROM);
  expect(to._id).toMatch(/^91\d{6}/);

  // Set-up over HTTP: the worker (this browser profile's OPENID) registers at FROM; ent_admin approves.
  const worker = await e2e.mobile();
  const w = worker.page;
  await w.goto(`${cloud.url}/`);
  await w.locator('.enterprise-item').first().waitFor();
  await w.locator('.home-register').waitFor();
  const openid = await openIdOf(worker.context);
  await mustCall(
    cloud,
    'identity',
    {
      action: 'register',
      name: WORKER,
      idNumber: makeIdNumber('370481', '19910203', '246'),
      password: 'Safety2026',
      enterpriseId: from._id,
      postCategory: 'teamLeader',
      certificates: [],
      consentVersion: '2026-11-v1',
    },
    { openid },
  );
  const entAdmin = await mustCall<{ token: string }>(cloud, 'identity', { action: 'consoleLogin', username: 'ent_admin', password: 'Anxue@2026' });
  const pending = await mustCall<{ items: { _id: string; personName: string }[] }>(cloud, 'org', { action: 'listRequests', sessionToken: entAdmin.token });
  const reg = pending.items.find((r) => r.personName === WORKER)!;
  await mustCall(cloud, 'org', { action: 'decideRequest', requestId: reg._id, decision: 'approve', sessionToken: entAdmin.token });

  // The new employer's admin account, created by the sysadmin.
  const sys = await mustCall<{ token: string }>(cloud, 'identity', { action: 'consoleLogin', username: 'admin', password: 'Anxue@2026' });
  const created = await mustCall<{ initialPassword: string }>(cloud, 'identity', {
    action: 'createAccount',
    username: 'new_employer_admin',
    displayName: `${to.name}管理员`,
    role: 'enterpriseAdmin',
    enterpriseId: to._id,
    sessionToken: sys.token,
  });

  // The worker, signed in by OPENID, asks to move.
  await w.reload();
  await w.locator('.person-card', { hasText: FROM }).waitFor();
  // From 首页: the search result offers 申请加入该企业 to a signed-in worker.
  await w.locator('.home-search .enterprise-search-input input').fill(to.name);
  await w.locator('.home-search .enterprise-item', { hasText: to.name }).click();
  await w.locator('.enterprise-dialog .nut-dialog-footer-ok', { hasText: '申请加入该企业' }).click();
  await w.locator('.employer-change-dialog .nut-dialog-footer-ok').waitFor();
  expect(await w.locator('.employer-change-dialog').innerText()).toContain(to.name);
  await shot(w, 'mp-employer-change-from-home');
  await w.locator('.employer-change-dialog .nut-dialog-footer-ok').click();
  await w.locator('.employer-change-pending', { hasText: to.name }).waitFor();
  await shot(w, 'mp-employer-change-pending');

  // The new employer's admin approves in the mini-program.
  const admin = await e2e.mobile();
  const a = admin.page;
  await a.goto(`${cloud.url}/#/pages/mine/index`);
  await a.locator('.menu-admin').click();
  await a.locator('.admin-username input').fill('new_employer_admin');
  await a.locator('.admin-password input').fill(created.initialPassword);
  await a.locator('.admin-login-submit').click();
  // A new account's initial password must be changed first; back / reload stay on the change page.
  await a.locator('.admin-password-page .password-submit').waitFor();
  await a.goBack();
  await a.locator('.admin-password-page .password-submit').waitFor();
  expect(a.url()).toContain('pages/admin/password');
  await a.reload();
  await a.locator('.admin-password-page .password-submit').waitFor();
  expect(a.url()).toContain('pages/admin/password');
  await a.locator('.password-old input').fill(created.initialPassword);
  await a.locator('.password-new input').fill('Employer2026');
  await a.locator('.password-new2 input').fill('Employer2026');
  await shot(a, 'mp-admin-password-forced');
  await a.locator('.password-submit').click();
  const item = a.locator('.approval-item', { hasText: WORKER });
  await item.waitFor();
  expect(await item.innerText()).toContain('更换企业');
  expect(await item.innerText()).toContain(FROM);
  await item.locator('.approval-approve').click();
  await a.locator('.approve-dialog .nut-dialog-footer-ok').click();
  await a.locator('.approval-item', { hasText: WORKER }).waitFor({ state: 'detached' });

  // 我的单位: both employers, the old one closed.
  await w.goto(`${cloud.url}/#/pages/employments/index`);
  await w.reload();
  await w.locator('.employment-item').nth(1).waitFor();
  expect(await w.locator('.employment-item').count()).toBe(2);
  expect(await w.locator('.employment-item--current').innerText()).toContain(to.name);
  expect(await w.locator('.employment-item--closed').innerText()).toContain(FROM);
  await shot(w, 'mp-employments');

  await w.goto(`${cloud.url}/`);
  await w.locator('.person-card', { hasText: to.name }).waitFor();
  await worker.context.close();
  await admin.context.close();
});
