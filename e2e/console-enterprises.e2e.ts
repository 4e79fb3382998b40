/**
 * Journey: a regulator signs in to the console and sees the enterprises of its own region only —
 * a county regulator never sees another county's enterprises — then searches and signs out.
 */
import { creditCodeCheckChar, CREDIT_CODE_ALPHABET } from '../shared/creditCode';
import { callFunction, shot, startE2E, type E2E } from './harness';

jest.setTimeout(120_000);
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

async function signIn(username: string) {
  const { context, page } = await e2e.desktop();
  // The regulators' home is the dashboard: ask for 企业档案 (the console opens it after signing in).
  await page.goto(`${e2e.cloud.url}/admin/#/enterprises`);
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

  // 退出登录 ends the session on the server: the old token is refused afterwards.
  const oldToken = await page.evaluate(() => JSON.parse(localStorage.getItem('anxue.session') ?? '{}').token as string);
  expect((await callFunction(e2e.cloud, 'identity', { action: 'consoleMe', sessionToken: oldToken })).ok).toBe(true);
  const logoutCall = page.waitForResponse((r) => new URL(r.url()).pathname === '/fn/identity' && (r.request().postData() ?? '').includes('consoleLogout'));
  await page.getByTestId('logout').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '退出' }).click();
  await page.locator('#username').waitFor();
  await logoutCall;
  expect(await page.evaluate(() => localStorage.getItem('anxue.session'))).toBeNull();
  expect(await callFunction(e2e.cloud, 'identity', { action: 'consoleMe', sessionToken: oldToken })).toMatchObject({ ok: false });
  await context.close();
});

it('lets the county regulator filter 待核实 codes, record one as wrong with a note, then verify it', async () => {
  // A registration whose check character fails, confirmed by its admin: 待核实 for 滕州市.
  const fixed = '91370481MA3C0E2E7';
  const right = creditCodeCheckChar(fixed);
  const wrongCode = fixed + CREDIT_CODE_ALPHABET[(CREDIT_CODE_ALPHABET.indexOf(right) + 1) % CREDIT_CODE_ALPHABET.length];
  const reg = await callFunction(
    e2e.cloud,
    'org',
    {
      action: 'registerEnterprise',
      name: '滕州待核实测试有限公司',
      creditCode: wrongCode,
      creditCodeConfirmed: true,
      regionCode: '370481001',
      address: '滕州市荆河街道测试路1号',
      contactName: '张三',
      contactPhone: '13800000000',
      scale: 'above',
      supervisionType: 'emergency',
      industry: 'machinery',
      keyAreas: [],
      admin: { username: 'e2e_pending_admin', password: 'Secret123', displayName: '李四' },
    },
    { openid: 'e2e-credit' },
  );
  expect(reg).toMatchObject({ ok: true });

  const { context, page } = await signIn('tz_regulator');
  await page.getByTestId('enterprise-credit-code-filter').click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '待核实' }).click();
  await page.waitForURL(/creditCodeStatus=pending/);
  const row = page.locator('[data-testid="enterprise-table"] tbody tr.ant-table-row', { hasText: '滕州待核实测试有限公司' });
  await row.waitFor();
  // The row may already be on the unfiltered first page: wait for the filtered answer (every row unverified), not for time.
  await page.waitForFunction(() => {
    const table = document.querySelector('[data-testid="enterprise-table"]');
    if (!table || table.querySelector('.ant-spin-spinning')) return false;
    const rows = table.querySelectorAll('tbody tr.ant-table-row').length;
    return rows > 0 && rows === table.querySelectorAll('[data-testid="credit-code-unverified"]').length;
  });
  expect(await page.locator('[data-testid="enterprise-table"] tbody tr.ant-table-row').count()).toBe(
    await page.locator('[data-testid="enterprise-table"] [data-testid="credit-code-unverified"]').count(),
  );
  await shot(page, 'console-enterprises-pending');
  // The filter survives a reload (it lives in the URL).
  await page.reload();
  await row.waitFor();

  await row.getByTestId('enterprise-detail').click();
  const drawer = page.getByTestId('enterprise-detail-drawer');
  await drawer.getByTestId('credit-code-record-wrong').click();
  const dialog = page.getByTestId('credit-code-wrong-dialog');
  await dialog.getByRole('button', { name: '记录' }).click();
  await dialog.getByText('请填写核实情况说明').waitFor();
  await page.getByTestId('credit-code-wrong-note-input').fill('与营业执照不符，请更正');
  await dialog.getByRole('button', { name: '记录' }).click();
  await drawer.getByTestId('credit-code-wrong-note').getByText('与营业执照不符，请更正').waitFor();
  await drawer.getByTestId('credit-code-wrong').waitFor();
  await shot(page, 'console-enterprise-code-wrong');

  await drawer.getByTestId('verify-credit-code').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '核实通过' }).click();
  await drawer.getByTestId('credit-code-wrong').waitFor({ state: 'detached' });
  expect(await drawer.getByTestId('verify-credit-code').count()).toBe(0);
  await context.close();
});

it('shows the province regulator every enterprise, paged', async () => {
  const { context, page } = await signIn('sd_regulator');
  expect(await page.locator('.ant-pagination-total-text').innerText()).toMatch(/^共 3\d 家$/);
  expect(await page.locator('[data-testid="enterprise-table"] tbody tr.ant-table-row').count()).toBe(20);
  await page.locator('.ant-pagination-item-2').click();
  await page.waitForURL(/page=2/);
  await page.locator('.ant-pagination-item-2.ant-pagination-item-active').waitFor();
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
