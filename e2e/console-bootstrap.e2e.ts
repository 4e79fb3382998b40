/**
 * Journey: a fresh environment (`DEMO=0 npm start`: the deploy's bootstrap, no demo data). The first
 * sysadmin signs in to the console with the printed one-time password, must change it in the
 * dialog that cannot be closed, and then uses the console; the old password no longer works.
 */
import { isStrongPassword } from '../shared/password';
import { callFunction, shot, startE2E, type E2E } from './harness';

jest.setTimeout(180_000);
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ demo: false });
});
afterAll(() => e2e?.close());

it('the bootstrapped sysadmin changes the one-time password at first sign-in, then works', async () => {
  const { username, created, oneTimePassword } = e2e.bootstrap.sysadmin;
  expect(username).toBe('sysadmin');
  // This start created the account, and the password it printed meets the password rule.
  expect(created).toBe(true);
  expect(isStrongPassword(oneTimePassword ?? '')).toBe(true);
  // No demo data: the demo administrator does not exist here.
  expect(await callFunction(e2e.cloud, 'identity', { action: 'consoleLogin', username: 'admin', password: 'Anxue@2026' })).toMatchObject({ ok: false, code: 'LOGIN_FAILED' });

  const { context, page } = await e2e.desktop();
  await page.goto(`${e2e.cloud.url}/admin/`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(oneTimePassword!);
  await page.getByRole('button', { name: '登录' }).click();
  const modal = page.getByTestId('change-password-modal');
  await modal.getByText('请修改初始密码').waitFor();
  expect(await page.locator('.ant-modal-close').count()).toBe(0);
  await shot(page, 'bootstrap-change-password');
  await page.getByTestId('old-password').fill(oneTimePassword!);
  await page.getByTestId('new-password').fill('Fresh@2026env');
  await page.getByTestId('confirm-password').fill('Fresh@2026env');
  await page.getByRole('button', { name: '确认修改' }).click();
  await modal.waitFor({ state: 'detached' });
  await page.getByTestId('account-name').waitFor();
  await context.close();

  expect(await callFunction(e2e.cloud, 'identity', { action: 'consoleLogin', username, password: oneTimePassword })).toMatchObject({ ok: false, code: 'LOGIN_FAILED' });
  expect(await callFunction(e2e.cloud, 'identity', { action: 'consoleLogin', username, password: 'Fresh@2026env' })).toMatchObject({ ok: true });
});
