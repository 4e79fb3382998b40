/**
 * Journey: a person opens the H5 mini-program (a fresh simulated WeChat user), finds employers on
 * 首页 by name, pages through them, and gets a clear empty state for a name that does not exist.
 */
import { shot, startE2E, type E2E } from './harness';

jest.setTimeout(120_000);
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

it('searches enterprises by name on 首页', async () => {
  const { context, page } = await e2e.mobile();
  await page.goto(`${e2e.cloud.url}/`);
  const items = page.locator('.enterprise-item');
  await items.first().waitFor();
  expect(await items.count()).toBe(20);
  // The local cloud gave this browser profile its own simulated OPENID.
  expect((await context.cookies()).some((c) => c.name === 'anxue_openid')).toBe(true);
  await shot(page, 'mp-home');

  await page.locator('.enterprise-search-input input').fill('矿业');
  await page.waitForFunction(() => {
    const names = [...document.querySelectorAll('.enterprise-item__name')].map((n) => n.textContent ?? '');
    return names.length > 0 && names.length < 20 && names.every((n) => n.includes('矿业'));
  });
  const names = await page.locator('.enterprise-item__name').allInnerTexts();
  expect(names.length).toBeGreaterThan(0);
  expect(names.every((n) => n.includes('矿业'))).toBe(true);
  await shot(page, 'mp-home-search');

  await page.locator('.enterprise-search-input input').fill('不存在的企业名称');
  await page.locator('.enterprise-empty').waitFor();
  expect(await page.locator('.enterprise-empty').innerText()).toContain('未找到匹配的企业');
  await context.close();
});

it('loads every enterprise page by page', async () => {
  const { context, page } = await e2e.mobile();
  await page.goto(`${e2e.cloud.url}/`);
  await page.locator('.enterprise-item').first().waitFor();
  // Scrolling the button into view may already load the next page (reach-bottom) and remove it.
  await page.locator('.enterprise-load-more').click({ timeout: 3000 }).catch(() => undefined);
  await page.locator('.enterprise-end').waitFor();
  expect(await page.locator('.enterprise-item').count()).toBe(30);
  await context.close();
});

it('switches between the four tabs', async () => {
  const { context, page } = await e2e.mobile();
  await page.goto(`${e2e.cloud.url}/`);
  const tabs = page.locator('.weui-tabbar__item');
  await tabs.first().waitFor();
  expect(await tabs.allInnerTexts()).toEqual(['首页', '学习', '考试', '我的']);
  await tabs.nth(1).click();
  await page.locator('.study-login').waitFor();
  await tabs.nth(3).click();
  await page.locator('.mine-login').waitFor();
  await shot(page, 'mp-mine');
  await context.close();
});
