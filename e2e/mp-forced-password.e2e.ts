/**
 * Journey: a worker the enterprise admin added (org.addStaff → a one-time password) logs in on the
 * H5 mini-program and lands on the change page; browser back, a typed URL and a reload all stay
 * there (the server refuses everything else meanwhile); after the change the worker reaches 首页.
 */
import { makeIdNumber } from '../shared/idNumber';
import { callFunction, mustCall, shot, startE2E, type E2E } from './harness';

jest.setTimeout(180_000);
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const ENTERPRISE = '滕州天元矿业有限公司'; // ent_admin's enterprise

async function addStaff(name: string, idNumber: string): Promise<string> {
  const admin = await mustCall<{ token: string }>(e2e.cloud, 'identity', { action: 'consoleLogin', username: 'ent_admin', password: 'Anxue@2026' });
  const added = await mustCall<{ initialPassword: string | null }>(e2e.cloud, 'org', {
    action: 'addStaff',
    name,
    idNumber,
    postCategory: 'otherWorker',
    employmentType: 'regular',
    sessionToken: admin.token,
  });
  expect(typeof added.initialPassword).toBe('string');
  return added.initialPassword!;
}

const onChangePage = async (p: import('playwright-core').Page) => {
  await p.locator('.password--forced .password-submit').waitFor();
  expect(p.url()).toContain('pages/auth/password');
};

it('a worker with a one-time password must change it before anything else', async () => {
  const idNumber = makeIdNumber('370481', '19900505', '512');
  const initial = await addStaff('孙初始', idNumber);

  const { context, page: p } = await e2e.mobile();
  await p.goto(`${e2e.cloud.url}/`);
  await p.locator('.home-login').click();
  await p.locator('.login-id input').fill(idNumber);
  await p.locator('.login-password input').fill(initial);
  await p.locator('.login-submit').click();
  await onChangePage(p);
  expect(await p.locator('.auth-banner').innerText()).toContain('请修改初始密码');
  // The rule once: as the new password's hint.
  expect((await p.locator('.password').innerText()).split('密码8-32位').length - 1).toBe(1);
  await shot(p, 'mp-password-forced');

  // Back, a typed address and a reload: still the change page.
  await p.goBack();
  await onChangePage(p);
  await p.goto(`${e2e.cloud.url}/#/pages/mine/index`);
  await onChangePage(p);
  await p.reload();
  await onChangePage(p);

  // A wrong initial password is named on its field.
  await p.locator('.password-old input').fill('Wrong1234');
  await p.locator('.password-new input').fill('Changed2026');
  await p.locator('.password-new2 input').fill('Changed2026');
  await p.locator('.password-submit').click();
  await p.locator('.password-old .form-field__error').waitFor();

  await p.locator('.password-old input').fill(initial);
  await p.locator('.password-submit').click();
  const card = p.locator('.person-card');
  await card.waitFor();
  expect(await card.innerText()).toContain('孙初始');
  expect(await card.innerText()).toContain(ENTERPRISE);
  expect(await card.innerText()).toContain('在职');
  // Free to move now.
  await p.goto(`${e2e.cloud.url}/#/pages/mine/index`);
  await p.locator('.mine-person').waitFor();
  expect(p.url()).toContain('pages/mine');
  await context.close();
});

it('退出登录 is the other way out of the change page', async () => {
  const idNumber = makeIdNumber('370481', '19920606', '613');
  const initial = await addStaff('周退出', idNumber);
  const { context, page: p } = await e2e.mobile();
  await p.goto(`${e2e.cloud.url}/#/pages/auth/login/index`);
  await p.locator('.login-id input').fill(idNumber);
  await p.locator('.login-password input').fill(initial);
  await p.locator('.login-submit').click();
  await onChangePage(p);
  await p.locator('.password-logout').click();
  await p.locator('.password-logout-dialog .nut-dialog-footer-ok').click();
  await p.locator('.home-login').waitFor();
  await p.reload();
  await p.locator('.home-login').waitFor();
  expect(p.url()).not.toContain('pages/auth/password');
  await context.close();
});

it('the server answers PASSWORD_CHANGE_REQUIRED to anything but me, the change and logout', async () => {
  const idNumber = makeIdNumber('370481', '19930707', '714');
  const initial = await addStaff('吴服务', idNumber);
  const openid = 'e2e-forced-password-worker';
  const login = await mustCall<{ person: { mustChangePassword: boolean } }>(e2e.cloud, 'identity', { action: 'login', idNumber, password: initial }, { openid });
  expect(login.person.mustChangePassword).toBe(true);
  const me = await callFunction<{ person: { mustChangePassword: boolean } }>(e2e.cloud, 'identity', { action: 'me' }, { openid });
  expect(me.ok && me.data.person.mustChangePassword).toBe(true);
  const refused = await callFunction(e2e.cloud, 'identity', { action: 'myEmployments' }, { openid });
  expect(refused).toMatchObject({ ok: false, code: 'PASSWORD_CHANGE_REQUIRED' });
});
