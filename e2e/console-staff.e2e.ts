/**
 * Journey: an enterprise admin builds a department, adds a person into it (and sees the one-time
 * initial password), marks another person 离职 and finds them under 已离职; a county regulator
 * reads its own enterprises' staff but never another county's.
 */
import type { Page } from 'playwright-core';
import { makeIdNumber } from '../shared/idNumber';
import { callFunction, mustCall, shot, startE2E, type E2E } from './harness';

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
  // Former staff as they left: 入职/离职日期 and the reason; no phone, certificates or actions.
  const leftRow = staffRows(page).filter({ hasText: leaver });
  expect(await leftRow.getByTestId('staff-status').innerText()).toBe('已离职');
  expect(await leftRow.innerText()).toContain('合同到期');
  expect(await leftRow.innerText()).toMatch(/\d{4}-\d{2}-\d{2}/);
  const leftHeaders = await page.locator('[data-testid="staff-table"] thead th').allInnerTexts();
  expect(leftHeaders.join('|')).toContain('离职日期');
  expect(leftHeaders.join('|')).not.toMatch(/手机|持证情况/);
  expect(await leftRow.getByRole('button').allInnerTexts()).toEqual(['查看']);
  await leftRow.getByTestId('staff-view').click();
  await page.getByTestId('staff-view-modal').getByText('合同到期').waitFor();
  await page.locator('.ant-modal-close').click();
  await page.getByTestId('staff-view-modal').waitFor({ state: 'detached' });
  await page.waitForURL(/status=left/);
  await shot(page, 'console-staff-left');
  // The tab lives in the URL: a reload stays on 离职.
  await page.reload();
  await page.locator('[data-testid="staff-table"] tbody tr.ant-table-row', { hasText: leaver }).waitFor();

  // 在职 again: newest first; the name header switches to name order (also kept in the URL).
  await page.getByTestId('staff-tab-active').click();
  await page.waitForURL((u) => !u.hash.includes('status=left'));
  await staffRows(page).filter({ hasText: '孟凡新' }).waitFor();
  expect((await staffNames(page))[0]).toContain('孟凡新');
  await page.locator('[data-testid="staff-table"] thead th', { hasText: '姓名' }).click();
  await page.waitForURL(/sort=name/);
  await page.waitForFunction(() => !document.querySelector('[data-testid="staff-table"] .ant-spin-spinning'));

  // The table fits 1280 and 1440 wide without hiding columns under the fixed 操作 column.
  for (const [w, h] of [
    [1280, 800],
    [1440, 900],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    await shot(page, `console-staff-${w}`);
    const overlap = await page.evaluate(() => {
      const table = document.querySelector('[data-testid="staff-table"]')!;
      const fixed = table.querySelector('thead th.ant-table-cell-fix-right')!.getBoundingClientRect();
      const body = table.querySelector('.ant-table-content, .ant-table-body')!;
      return { scrollable: body.scrollWidth > body.clientWidth + 1, fixedLeft: fixed.left };
    });
    expect(overlap.scrollable).toBe(false);
  }
  await context.close();
});

it('resets another console account\'s password, shown once', async () => {
  // A second admin of the same enterprise (arranged over HTTP), whose password ent_admin resets.
  const own = await mustCall<{ token: string }>(e2e.cloud, 'identity', { action: 'consoleLogin', username: 'ent_admin', password: 'Anxue@2026' });
  await mustCall(e2e.cloud, 'identity', { action: 'createAccount', username: 'e2e_second_admin', displayName: '第二管理员', role: 'enterpriseAdmin', sessionToken: own.token });
  const { context, page } = await signIn('ent_admin');
  await page.getByTestId('menu-accounts').click();
  const row = page.locator('tbody tr.ant-table-row', { hasText: 'e2e_second_admin' });
  await row.waitFor();
  // Its own row offers no reset.
  expect(await page.locator('tbody tr.ant-table-row', { hasText: 'ent_admin' }).getByTestId('account-reset-password').count()).toBe(0);
  await row.getByTestId('account-reset-password').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '重置' }).click();
  const password = page.getByTestId('one-time-password');
  await password.waitFor();
  const oneTime = (await password.innerText()).trim();
  expect(oneTime).toMatch(/^\S{8,}$/);
  await page.getByText('此密码仅显示一次').waitFor();
  await shot(page, 'console-account-reset-password');
  await page.getByTestId('one-time-password-close').click();
  // The new password signs in (and must be changed); the old one no longer does.
  const login = await callFunction<{ account: { mustChangePassword?: boolean } }>(e2e.cloud, 'identity', { action: 'consoleLogin', username: 'e2e_second_admin', password: oneTime });
  expect(login).toMatchObject({ ok: true, data: { account: { mustChangePassword: true } } });
  await context.close();

  // Signing in with it, the console asks for a new password first (no way to close the dialog),
  // then carries on with the session the server hands back.
  const second = await e2e.desktop();
  await second.page.goto(`${e2e.cloud.url}/admin/`);
  await second.page.locator('#username').fill('e2e_second_admin');
  await second.page.locator('#password').fill(oneTime);
  await second.page.getByRole('button', { name: '登录' }).click();
  const modal = second.page.getByTestId('change-password-modal');
  await modal.getByText('请修改初始密码').waitFor();
  expect(await second.page.locator('.ant-modal-close').count()).toBe(0);
  await second.page.getByTestId('old-password').fill(oneTime);
  await second.page.getByTestId('new-password').fill('Second@2026x');
  await second.page.getByTestId('confirm-password').fill('Second@2026x');
  await second.page.getByRole('button', { name: '确认修改' }).click();
  await modal.waitFor({ state: 'detached' });
  await second.page.getByTestId('account-name').waitFor();
  await second.page.getByTestId('menu-staff').click();
  await staffRows(second.page).first().waitFor();
  await second.context.close();
});

it('shows a county regulator the staff of its own enterprises only', async () => {
  const { context, page } = await signIn('tz_regulator');
  await page.goto(`${e2e.cloud.url}/admin/#/enterprises`);
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
    // The console's own transport: the HTTP access path with the session header.
    const res = await fetch('/fn/org', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Session-Token': token }, body: JSON.stringify({ action: 'listStaff', enterpriseId }) });
    return res.json();
  }, elsewhere._id);
  expect(answer).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
  const detail = await page.evaluate(async (enterpriseId) => {
    const token = JSON.parse(localStorage.getItem('anxue.session') ?? '{}').token;
    // The console's own transport: the HTTP access path with the session header.
    const res = await fetch('/fn/org', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Session-Token': token }, body: JSON.stringify({ action: 'getEnterprise', enterpriseId }) });
    return res.json();
  }, elsewhere._id);
  expect(detail).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
  await context.close();
});
