/**
 * Journey: a regulator signs in to the console and sees the enterprises of its own region only —
 * a county regulator never sees another county's enterprises — then searches and signs out.
 */
import { shot, startE2E, type E2E } from './harness';

jest.setTimeout(120_000);
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

async function signIn(username: string) {
  const { context, page } = await e2e.desktop();
  await page.goto(`${e2e.cloud.url}/admin/`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('Anxue@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('[data-testid="enterprise-table"] tbody tr.ant-table-row').first().waitFor();
  return { context, page };
}

const rowNames = (page: import('playwright-core').Page) =>
  page.locator('[data-testid="enterprise-table"] tbody tr.ant-table-row td:first-child').allInnerTexts();

it('shows a county regulator only its county, searchable, and signs out', async () => {
  const { context, page } = await signIn('tz_regulator');
  await page.getByTestId('account-info').getByText('滕州市应急管理局').waitFor();
  const names = await rowNames(page);
  expect(names.length).toBeGreaterThan(3);
  // Every demo enterprise in 滕州市 is named after it; none from elsewhere may appear.
  expect(names.every((n) => n.startsWith('滕州'))).toBe(true);
  const total = await page.locator('.ant-pagination-total-text').innerText();
  expect(total).toBe(`共 ${names.length} 家`);
  await shot(page, 'console-county-enterprises');

  // Search by a fragment of one enterprise name.
  const target = names[2];
  await page.getByTestId('enterprise-keyword').fill(target.slice(2, 6));
  await page.getByTestId('enterprise-search').click();
  await page.waitForFunction(
    (n) => [...document.querySelectorAll('[data-testid="enterprise-table"] tbody tr.ant-table-row')].length < n,
    names.length,
  );
  const found = await rowNames(page);
  expect(found).toContain(target);
  expect(found.every((n) => n.includes(target.slice(2, 6)))).toBe(true);

  // A name from another county is not found even by exact search.
  const { page: provincePage, context: provinceCtx } = await signIn('sd_regulator');
  const provinceNames: string[] = await rowNames(provincePage);
  const elsewhere = provinceNames.find((n) => !n.startsWith('滕州'))!;
  expect(elsewhere).toMatch(/^(?!滕州).+有限公司$/);
  await page.getByTestId('enterprise-keyword').fill(elsewhere);
  await page.getByTestId('enterprise-search').click();
  await page.getByText('暂无企业数据').waitFor();
  await provinceCtx.close();

  await page.getByTestId('logout').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '退出' }).click();
  await page.locator('#username').waitFor();
  await context.close();
});

it('shows the province regulator every enterprise, paged', async () => {
  const { context, page } = await signIn('sd_regulator');
  expect(await page.locator('.ant-pagination-total-text').innerText()).toBe('共 30 家');
  expect(await page.locator('[data-testid="enterprise-table"] tbody tr.ant-table-row').count()).toBe(20);
  await page.locator('.ant-pagination-item-2').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="enterprise-table"] tbody tr.ant-table-row').length === 10);
  await context.close();
});

it('tells the user when the password is wrong', async () => {
  const { context, page } = await e2e.desktop();
  await page.goto(`${e2e.cloud.url}/admin/`);
  await page.locator('#username').fill('zz_regulator');
  await page.locator('#password').fill('wrong');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('login-error').getByText(/用户名或密码错误/).waitFor();
  await context.close();
});
