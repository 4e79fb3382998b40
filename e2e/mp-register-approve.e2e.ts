/**
 * Journey: a worker registers in the H5 mini-program (a fresh simulated WeChat user: privacy
 * consent, form, employer picked by search) and sees the pending state; the enterprise admin signs
 * in through the mini-program's admin entry and approves; the worker reopens the app and sees the
 * home page with the enterprise, status 在职, no password needed (OPENID bound).
 */
import { makeIdNumber } from '../shared/idNumber';
import { mustCall, openIdOf, shot, startE2E, type E2E } from './harness';

jest.setTimeout(180_000);
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const ENTERPRISE = '滕州天元矿业有限公司'; // ent_admin's enterprise
const WORKER = '李安全';

it('registers a worker, the enterprise admin approves in the mini-program, the worker is employed', async () => {
  const idNumber = makeIdNumber('370481', '19880612', '357');
  const worker = await e2e.mobile();
  const w = worker.page;
  await w.goto(`${e2e.cloud.url}/`);
  await w.locator('.home-register').click();

  // Consent first: nothing is pre-ticked.
  await w.locator('.register-consent').waitFor();
  expect(await w.locator('.register-consent--checked').count()).toBe(0);
  expect(await w.locator('.privacy').innerText()).toContain('身份证号码');
  await w.locator('.register-consent').click();
  await w.locator('.register-next').click();

  // Instant validation of a wrong check character.
  await w.locator('.register-name input').fill(WORKER);
  await w.locator('.register-id input').fill(idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1'));
  await w.locator('.register-name input').click();
  await w.locator('.register-id .form-field__error').waitFor();
  expect(await w.locator('.register-id .form-field__error').innerText()).toContain('校验位');
  await w.locator('.register-id input').fill(idNumber);
  await w.locator('.register-password input').fill('Safety2026');
  await w.locator('.register-password2 input').fill('Safety2026');

  await w.locator('.register-enterprise').click();
  await w.locator('.enterprise-picker .enterprise-search-input input').fill('天元矿业');
  await w.locator('.enterprise-picker .enterprise-item', { hasText: ENTERPRISE }).click();
  expect(await w.locator('.register-enterprise').innerText()).toContain(ENTERPRISE);

  // 岗位分类: the picker's first entry (主要负责人) confirmed.
  await w.locator('.register-post').click();
  await w.locator('.weui-picker__action:visible').last().click();
  expect(await w.locator('.register-post').innerText()).toContain('主要负责人');

  await w.locator('.cert-add').click();
  await w.locator('.cert-number input').fill('T370481198806');
  await w.locator('.register-submit').click();
  await w.locator('.register-done').waitFor();
  expect(await w.locator('.register-done').innerText()).toContain(`等待 ${ENTERPRISE} 管理员审核`);
  await shot(w, 'mp-register-done');

  await w.locator('.register-home').click();
  await w.locator('.pending-banner').waitFor();
  expect(await w.locator('.person-card').innerText()).toContain('待审核');
  await shot(w, 'mp-register-pending');

  // The enterprise admin, on another phone, through 我的 → 企业管理员入口.
  const admin = await e2e.mobile();
  const a = admin.page;
  await a.goto(`${e2e.cloud.url}/#/pages/mine/index`);
  await a.locator('.menu-admin').click();
  await a.locator('.admin-username input').fill('ent_admin');
  await a.locator('.admin-password input').fill('Anxue@2026');
  await a.locator('.admin-login-submit').click();
  const item = a.locator('.approval-item', { hasText: WORKER });
  await item.waitFor();
  expect(await item.innerText()).toContain('注册申请');
  expect(await item.innerText()).toContain(idNumber.slice(0, 4) + '**********' + idNumber.slice(-4));
  expect(await item.innerText()).not.toContain(idNumber);
  await shot(a, 'mp-approvals');
  await item.locator('.approval-approve').click();
  await a.locator('.approve-dialog .nut-dialog-footer-ok').click();
  await a.locator('.approval-item', { hasText: WORKER }).waitFor({ state: 'detached' });
  await a.locator('.approvals-tab--done').click();
  await a.locator('.approval-item--approved', { hasText: WORKER }).waitFor();

  // The worker reopens the app: signed in without a password, employed.
  await w.goto(`${e2e.cloud.url}/`);
  await w.reload();
  const card = w.locator('.person-card');
  await card.waitFor();
  await w.waitForFunction(() => document.querySelector('.person-card')?.textContent?.includes('在职'));
  expect(await card.innerText()).toContain(ENTERPRISE);
  expect(await card.innerText()).toContain(WORKER);
  expect(await w.locator('.pending-banner').count()).toBe(0);
  await shot(w, 'mp-register-approved');

  await worker.context.close();
  await admin.context.close();
});

it('a rejection needs a reason; the worker sees it was not approved and can choose again', async () => {
  const worker = await e2e.mobile();
  const w = worker.page;
  await w.goto(`${e2e.cloud.url}/`);
  await w.locator('.enterprise-item').first().waitFor();
  await w.locator('.home-register').waitFor();
  const openid = await openIdOf(worker.context);
  const ent = (await mustCall<{ items: { _id: string; name: string }[] }>(e2e.cloud, 'org', { action: 'searchEnterprises', keyword: ENTERPRISE })).items[0];
  await mustCall(
    e2e.cloud,
    'identity',
    {
      action: 'register',
      name: '赵驳回',
      idNumber: makeIdNumber('370481', '19950708', '468'),
      password: 'Safety2026',
      enterpriseId: ent._id,
      postCategory: 'otherWorker',
      certificates: [],
      consentVersion: '2026-11-v1',
    },
    { openid },
  );

  const admin = await e2e.mobile();
  const a = admin.page;
  await a.goto(`${e2e.cloud.url}/#/pages/admin/login/index`);
  await a.locator('.admin-username input').fill('ent_admin');
  await a.locator('.admin-password input').fill('Anxue@2026');
  await a.locator('.admin-login-submit').click();
  const item = a.locator('.approval-item', { hasText: '赵驳回' });
  await item.locator('.approval-reject').click();
  await a.locator('.reject-dialog .nut-dialog-footer-ok').click();
  await a.locator('.reject-form__error').waitFor();
  await a.locator('.reject-reason textarea').fill('非本企业员工');
  await a.locator('.reject-dialog .nut-dialog-footer-ok').click();
  await item.waitFor({ state: 'detached' });
  await a.locator('.approvals-tab--done').click();
  const done = a.locator('.approval-item--rejected', { hasText: '赵驳回' });
  await done.waitFor();
  expect(await done.innerText()).toContain('非本企业员工');
  await shot(a, 'mp-approvals-done');

  await w.reload();
  await w.locator('.pending-banner--rejected').click();
  await w.locator('.employer-change-unplaced').waitFor();
  expect(await w.locator('.employer-change-submit').innerText()).toContain('重新选择企业');
  await worker.context.close();
  await admin.context.close();
});

it('a new post category waits for the employer (信息变更): 待企业确认 on 个人信息, 岗位类别：A → B in 人员审核', async () => {
  const worker = await e2e.mobile();
  const w = worker.page;
  await w.goto(`${e2e.cloud.url}/`);
  await w.locator('.home-register').waitFor();
  const openid = await openIdOf(worker.context);
  const ent = (await mustCall<{ items: { _id: string }[] }>(e2e.cloud, 'org', { action: 'searchEnterprises', keyword: ENTERPRISE })).items[0];
  const reg = await mustCall<{ requestId: string }>(
    e2e.cloud,
    'identity',
    {
      action: 'register',
      name: '吕梅',
      idNumber: makeIdNumber('370481', '19940404', '579'),
      password: 'Safety2026',
      enterpriseId: ent._id,
      postCategory: 'otherWorker',
      certificates: [],
      consentVersion: '2026-11-v1',
    },
    { openid },
  );
  const token = (await mustCall<{ token: string }>(e2e.cloud, 'identity', { action: 'consoleLogin', username: 'ent_admin', password: 'Anxue@2026' })).token;
  await mustCall(e2e.cloud, 'org', { action: 'decideRequest', requestId: reg.requestId, decision: 'approve', sessionToken: token });
  // The employee asks for another post category.
  const updated = await mustCall<{ person: { postCategory: string; pendingPostCategory?: string | null } }>(
    e2e.cloud,
    'identity',
    { action: 'updateProfile', postCategory: 'teamLeader' },
    { openid },
  );
  expect(updated.person).toMatchObject({ postCategory: 'otherWorker', pendingPostCategory: 'teamLeader' });

  await w.goto(`${e2e.cloud.url}/#/pages/profile/index`);
  await w.reload();
  const post = w.locator('.profile-post-value');
  await post.waitFor();
  expect(await post.innerText()).toContain('其他从业人员');
  expect(await post.innerText()).toContain('岗位类别变更待企业确认：班组长');
  await shot(w, 'mp-profile-info-change');

  const admin = await e2e.mobile();
  const a = admin.page;
  await a.goto(`${e2e.cloud.url}/#/pages/admin/login/index`);
  await a.locator('.admin-username input').fill('ent_admin');
  await a.locator('.admin-password input').fill('Anxue@2026');
  await a.locator('.admin-login-submit').click();
  const item = a.locator('.approval-item', { hasText: '吕梅' });
  await item.waitFor();
  expect(await item.innerText()).toContain('信息变更');
  expect(await item.innerText()).toContain('岗位类别：其他从业人员 → 班组长');
  await item.locator('.approval-approve').click();
  const dialog = a.locator('.approve-dialog');
  await dialog.locator('.approve-dialog__note').waitFor();
  expect(await dialog.innerText()).toContain('通过吕梅的信息变更申请？');
  expect(await dialog.innerText()).toContain('岗位类别将改为“班组长”');
  await shot(a, 'mp-approvals-info-change');
  await dialog.locator('.nut-dialog-footer-ok').click();
  await item.waitFor({ state: 'detached' });

  await w.reload();
  await w.waitForFunction(() => document.querySelector('.profile-post-value')?.textContent?.includes('班组长'));
  expect(await w.locator('.profile-post-pending').count()).toBe(0);
  await worker.context.close();
  await admin.context.close();
});
