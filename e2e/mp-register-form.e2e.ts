/**
 * Journey: the worker registration form on a small phone. A search result on 首页 offers
 * 以此企业注册 (the employer preselected); the draft survives a reload (never the password); an ID
 * number that is registered already scrolls into view with 去登录, which opens 登录 prefilled.
 */
import type { Page } from 'playwright-core';
import { makeIdNumber } from '../shared/idNumber';
import { mustCall, shot, startE2E, type E2E } from './harness';

jest.setTimeout(180_000);
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const ENTERPRISE = '滕州天元矿业有限公司';

/** Waits until the element's top is inside the 812 px viewport (after the scroll animation). */
async function inView(p: Page, selector: string) {
  await p.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }, selector);
}

it('a search result offers 以此企业注册; the draft survives a reload without the password', async () => {
  const { context, page: p } = await e2e.mobile();
  await p.goto(`${e2e.cloud.url}/`);
  await p.locator('.enterprise-search-input input').fill('天元矿业');
  await p.locator('.enterprise-item', { hasText: ENTERPRISE }).click();
  const dialog = p.locator('.enterprise-dialog');
  await dialog.locator('.nut-dialog-footer-ok', { hasText: '以此企业注册' }).waitFor();
  expect(await dialog.innerText()).toContain(ENTERPRISE);
  expect(await dialog.innerText()).toContain('取消');
  await shot(p, 'mp-home-enterprise-dialog');
  await dialog.locator('.nut-dialog-footer-ok').click();

  await p.locator('.register-consent').click();
  await p.locator('.register-next').click();
  expect(await p.locator('.register-enterprise').innerText()).toContain(ENTERPRISE);

  const idNumber = makeIdNumber('370481', '19870909', '815');
  await p.locator('.register-name input').fill('郑草稿');
  await p.locator('.register-id input').fill(idNumber);
  await p.locator('.register-password input').fill('Draft2026');
  await p.locator('.register-password2 input').fill('Draft2026');
  await p.locator('.register-phone input').fill('13800000001');
  // The draft is written as the form changes: wait for it, not for time.
  await p.waitForFunction(() => (localStorage.getItem('anxue.registerDraft') ?? '').includes('13800000001'));
  expect(await p.evaluate(() => localStorage.getItem('anxue.registerDraft') ?? '')).not.toContain('Draft2026');

  await p.reload();
  await p.locator('.register-name input').waitFor();
  expect(await p.locator('.register-name input').inputValue()).toBe('郑草稿');
  expect(await p.locator('.register-id input').inputValue()).toBe(idNumber);
  expect(await p.locator('.register-phone input').inputValue()).toBe('13800000001');
  expect(await p.locator('.register-enterprise').innerText()).toContain(ENTERPRISE);
  expect(await p.locator('.register-password input').inputValue()).toBe('');
  await shot(p, 'mp-register-draft');
  await context.close();
});

it('an ID number registered already: the message is scrolled into view with 去登录, prefilled', async () => {
  const idNumber = makeIdNumber('370481', '19860808', '916');
  const admin = await mustCall<{ token: string }>(e2e.cloud, 'identity', { action: 'consoleLogin', username: 'ent_admin', password: 'Anxue@2026' });
  await mustCall(e2e.cloud, 'org', { action: 'addStaff', name: '冯已注册', idNumber, postCategory: 'otherWorker', employmentType: 'regular', sessionToken: admin.token });

  const { context, page: p } = await e2e.mobile();
  await p.goto(`${e2e.cloud.url}/#/pages/auth/register/index`);
  await p.locator('.register-consent').click();
  await p.locator('.register-next').click();
  await p.locator('.register-name input').fill('冯已注册');
  await p.locator('.register-id input').fill(idNumber);
  await p.locator('.register-password input').fill('Exists2026');
  await p.locator('.register-password2 input').fill('Exists2026');
  await p.locator('.register-enterprise').click();
  await p.locator('.enterprise-picker .enterprise-search-input input').fill('天元矿业');
  await p.locator('.enterprise-picker .enterprise-item', { hasText: ENTERPRISE }).click();
  await p.locator('.register-post').click();
  await p.locator('.weui-picker__action:visible').last().click();
  await p.locator('.register-submit').click();

  const exists = p.locator('.register-exists');
  await exists.waitFor();
  expect(await exists.innerText()).toContain('已注册');
  await inView(p, '.register-exists');
  await shot(p, 'mp-register-exists');
  await p.locator('.register-exists-login').click();
  await p.locator('.login-submit').waitFor();
  expect(await p.locator('.login-id input').inputValue()).toBe(idNumber);
  await context.close();
});
