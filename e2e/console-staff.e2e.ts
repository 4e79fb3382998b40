/**
 * Journey: an enterprise admin builds a department, adds a person into it (and sees the one-time
 * initial password), marks another person 离职 and finds them under 已离职; a county regulator
 * reads its own enterprises' staff but never another county's.
 */
import type { Page } from 'playwright-core';
import { makeIdNumber } from '../shared/idNumber';
import { shot, startE2E, type E2E } from './harness';

jest.setTimeout(180_000);
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
  await page.getByTestId('account-info').waitFor();
  return { context, page };
}

/** Picks an option in the antd Select / TreeSelect whose root carries `testId`. */
async function pick(page: Page, testId: string, label: string) {
  await page.getByTestId(testId).click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await dropdown.locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper', { hasText: label }).first().click();
}

const staffRows = (page: Page) => page.locator('[data-testid="staff-table"] tbody tr.ant-table-row');
const staffNames = (page: Page) => page.locator('[data-testid="staff-table"] tbody tr.ant-table-row td:first-child').allInnerTexts();

it('lets an enterprise admin add a department and a person, and mark a person 离职', async () => {
  const { context, page } = await signIn('ent_admin');

  // 部门管理: a new top-level department.
  await page.getByTestId('menu-departments').click();
  await page.getByTestId('dept-add-root').click();
  await page.getByTestId('dept-name').fill('安全环保部');
  await page.getByTestId('dept-dialog').getByRole('button', { name: '确定' }).click();
  await page.locator('[data-testid="dept-node"][data-dept="安全环保部"]').waitFor();
  await shot(page, 'console-departments');

  // 人员管理: add a person into it.
  await page.getByTestId('menu-staff').click();
  await staffRows(page).first().waitFor();
  const before = await staffNames(page);
  await page.getByTestId('staff-add').click();
  await page.getByTestId('staff-name').fill('孟凡新');
  await page.getByTestId('staff-id-number').fill(makeIdNumber('370481', '19900315', '271'));
  await page.getByTestId('staff-phone').fill('13900001111');
  await pick(page, 'staff-department', '安全环保部');
  await pick(page, 'staff-post', '安全管理人员');
  await page.getByTestId('staff-save').click();
  const password = page.getByTestId('one-time-password');
  await password.waitFor();
  expect((await password.innerText()).trim()).toMatch(/^\S{8,}$/);
  await expect(page.getByTestId('one-time-password-modal').getByText('请告知员工，首次登录需修改').count()).resolves.toBe(1);
  await shot(page, 'console-staff-initial-password');
  await page.getByTestId('one-time-password-close').click();

  // Filtering by the department finds exactly the new person.
  await pick(page, 'staff-department-filter', '安全环保部');
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[data-testid="staff-table"] tbody tr.ant-table-row')];
    return rows.length === 1 && rows[0].textContent?.includes('孟凡新');
  });
  expect(await page.locator('[data-testid="staff-table"] tbody tr.ant-table-row').first().innerText()).toContain('安全环保部');
  await page.getByTestId('staff-reset-filters').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="staff-table"] tbody tr.ant-table-row').length === n, before.length + 1);

  // 离职 another person: a confirmation explains nothing is deleted.
  const leaver = before[0];
  const row = staffRows(page).filter({ hasText: leaver });
  await row.getByTestId('staff-leave').click();
  const dialog = page.getByTestId('staff-leave-dialog');
  await dialog.getByText('离职只表示该员工离开本企业，不会删除其注册信息和培训档案，请谨慎操作').waitFor();
  await page.getByTestId('staff-leave-reason').fill('合同到期');
  await page.getByTestId('staff-leave-confirm').click();
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="staff-table"] tbody tr.ant-table-row').length === n, before.length);
  expect(await staffNames(page)).not.toContain(leaver);

  await page.getByTestId('staff-tab-left').click();
  await page.waitForFunction(
    (name) => [...document.querySelectorAll('[data-testid="staff-table"] tbody tr.ant-table-row td:first-child strong')].some((el) => el.textContent === name),
    leaver,
  );
  expect(await staffRows(page).filter({ hasText: leaver }).getByTestId('staff-status').innerText()).toBe('已离职');
  await shot(page, 'console-staff-left');
  await context.close();
});

it('shows a county regulator the staff of its own enterprises only', async () => {
  const { context, page } = await signIn('tz_regulator');
  await page.locator('[data-testid="enterprise-table"] tbody tr.ant-table-row').first().waitFor();
  await page.getByTestId('enterprise-detail').first().click();
  const drawer = page.getByTestId('enterprise-detail-drawer');
  await drawer.locator('[data-testid="enterprise-staff-table"] tbody tr.ant-table-row').first().waitFor();
  await shot(page, 'console-regulator-enterprise-detail');

  // Another county's enterprise (found with the province regulator) is out of scope for 滕州市.
  const api = async (body: Record<string, unknown>) =>
    (await fetch(`${e2e.cloud.url}/api/fn/${body.fn}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...body, fn: undefined }) })).json() as Promise<{
      ok: boolean;
      code?: string;
      data?: any;
    }>;
  const province = await api({ fn: 'identity', action: 'consoleLogin', username: 'sd_regulator', password: 'Anxue@2026' });
  const all = await api({ fn: 'org', action: 'listEnterprises', pageSize: 100, sessionToken: province.data.token });
  const elsewhere = (all.data.items as { _id: string; name: string }[]).find((e) => !e.name.startsWith('滕州'))!;
  expect(elsewhere.name).toMatch(/^(?!滕州).+有限公司$/);

  // The same call the console makes, with the county regulator's own session.
  const answer = await page.evaluate(async (enterpriseId) => {
    const token = JSON.parse(localStorage.getItem('anxue.session') ?? '{}').token;
    const res = await fetch('/api/fn/org', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'listStaff', enterpriseId, sessionToken: token }) });
    return res.json();
  }, elsewhere._id);
  expect(answer).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
  const detail = await page.evaluate(async (enterpriseId) => {
    const token = JSON.parse(localStorage.getItem('anxue.session') ?? '{}').token;
    const res = await fetch('/api/fn/org', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'getEnterprise', enterpriseId, sessionToken: token }) });
    return res.json();
  }, elsewhere._id);
  expect(detail).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
  await context.close();
});
