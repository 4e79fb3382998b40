/**
 * Journey (issue 9, console): a city regulator creates a course — an uploaded PDF (ticket flow with
 * progress) and an article — targets it at one county and one industry, sees the reach preview,
 * publishes it (the confirmation repeats the reach); the county's enterprise admin finds it in
 * 课程中心 with its staff; 线下培训 is recorded once and voided with a reason; the public
 * verification page answers "not found" for an unknown code, signed in or not.
 */
import { join } from 'path';
import type { Page } from 'playwright-core';
import { INDUSTRIES, labelOf } from '../shared/taxonomy';
import type { EnterpriseDetail } from '../shared/contracts/org';
import { mustCall, shot, startE2E, type E2E } from './harness';

jest.setTimeout(240_000);
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const MEDIA = join(__dirname, '..', 'scripts', 'seed', 'media');
const TITLE = '有限空间作业安全专项培训';

async function signIn(username: string) {
  const { context, page } = await e2e.desktop();
  await page.goto(`${e2e.cloud.url}/admin/`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('Anxue@2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('account-info').waitFor();
  return { context, page };
}

/** Picks options of the antd multiple Select whose root carries `testId`, by typing each label and Enter. */
async function pick(page: Page, testId: string, labels: string[]) {
  await page.getByTestId(testId).click();
  for (const label of labels) {
    await page.keyboard.type(label);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active', { hasText: label }).waitFor();
    await page.keyboard.press('Enter');
  }
  await page.keyboard.press('Escape');
}

const reachOf = async (page: Page) => {
  const el = page.getByTestId('reach-text');
  return { persons: Number(await el.getAttribute('data-persons')), enterprises: Number(await el.getAttribute('data-enterprises')) };
};

it('a regulator creates a targeted course, previews its reach and publishes it; the enterprise admin sees it in 课程中心', async () => {
  // The course targets the industry of ent_admin's enterprise (in 滕州市) and one more.
  const { token } = await mustCall<{ token: string }>(e2e.cloud, 'identity', { action: 'consoleLogin', username: 'ent_admin', password: 'Anxue@2026' });
  const { enterprise } = await mustCall<{ enterprise: EnterpriseDetail }>(e2e.cloud, 'org', { action: 'getEnterprise', sessionToken: token });
  const industries = [labelOf(INDUSTRIES, enterprise.industry), enterprise.industry === 'fireworks' ? '危化品' : '烟花爆竹'];

  const { context, page } = await signIn('zz_regulator');
  await page.getByTestId('menu-courses').click();
  await page.getByTestId('course-table').waitFor();
  await page.getByTestId('course-create').click();

  // 基本信息
  await page.getByTestId('course-title-input').fill(TITLE);
  await page.getByTestId('course-hours').fill('1.5');

  // 学习资料: a PDF through the upload ticket (page count read from the file), then an article.
  await page.getByTestId('course-tab-materials').click();
  await page.locator('.ant-upload:has([data-testid=material-add-document]) input[type=file]').setInputFiles(join(MEDIA, 'handbook.pdf'));
  const item = page.getByTestId('material-item').first();
  await item.waitFor();
  // Uploaded: the progress bar is gone and no error shows.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=material-progress]').length === 0);
  expect(await item.innerText()).not.toContain('上传失败');
  expect(await item.locator('input').nth(1).inputValue()).toBe('4'); // 页数 from the PDF
  await page.getByTestId('material-add-article').click();
  const article = page.getByTestId('article-dialog');
  await article.getByTestId('article-title').fill('作业前先通风、再检测、后作业');
  await article.getByTestId('article-editor').click();
  await page.keyboard.type('有限空间作业必须严格执行先通风、再检测、后作业的原则，未经检测严禁作业。');
  await article.getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('material-item').count()).resolves.toBe(2);
  // Reorder: the article first.
  await page.getByTestId('material-item').nth(1).getByTestId('material-up').click();
  expect(await page.getByTestId('material-title').first().inputValue()).toBe('作业前先通风、再检测、后作业');
  await shot(page, 'console-course-materials');

  // 推送范围: the whole city first, then one county and one industry — the reach narrows.
  await page.getByTestId('course-tab-rule').click();
  await page.getByTestId('reach-text').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid=reach-panel] .ant-spin-spinning'));
  const city = await reachOf(page);
  expect(city.persons).toBeGreaterThan(0);
  await page.getByTestId('rule-regions').click();
  const cascader = page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden)');
  await cascader.locator('.ant-cascader-menu-item', { hasText: '枣庄市' }).first().click();
  await cascader.locator('.ant-cascader-menu-item', { hasText: '滕州市' }).locator('.ant-cascader-checkbox').click();
  await page.keyboard.press('Escape');
  await pick(page, 'rule-industries', industries);
  await page.waitForFunction(
    (before) => {
      const el = document.querySelector('[data-testid=reach-text]');
      return el && !document.querySelector('[data-testid=reach-panel] .ant-spin-spinning') && Number(el.getAttribute('data-persons')) < before;
    },
    city.persons,
  );
  const narrowed = await reachOf(page);
  expect(narrowed.persons).toBeGreaterThan(0);
  expect(narrowed.enterprises).toBeGreaterThan(0);
  expect(await page.getByTestId('reach-text').innerText()).toMatch(/覆盖 [\d,]+ 人 \/ [\d,]+ 家企业/);
  await page.getByTestId('reach-chart-industry').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid=reach-panel] .ant-spin-spinning'));
  await shot(page, 'console-course-reach');

  // 发布: saves the draft, then the confirmation shows the same reach.
  await page.getByTestId('course-publish').click();
  const dialog = page.getByTestId('publish-dialog');
  await dialog.getByTestId('reach-summary').waitFor();
  expect(Number(await dialog.getByTestId('reach-summary').getAttribute('data-persons'))).toBe(narrowed.persons);
  await shot(page, 'console-course-publish');
  await dialog.getByTestId('publish-confirm').click();
  await page.getByText(`课程已发布，覆盖 ${narrowed.persons} 人`).waitFor();
  await page.locator('[data-testid=course-status]', { hasText: '已发布' }).waitFor();
  // A published course is read-only: a new version is the way to change it.
  expect(await page.getByTestId('course-save').count()).toBe(0);
  await page.getByTestId('course-new-version').waitFor();

  // The list shows it published.
  await page.getByTestId('course-back').click();
  const row = page.locator('[data-testid=course-table] tbody tr.ant-table-row', { hasText: TITLE });
  await row.waitFor();
  expect(await row.innerText()).toContain('已发布');
  await shot(page, 'console-courses');
  await context.close();

  // The enterprise admin of an enterprise in 滕州市 finds it in 课程中心, with its staff reached.
  const admin = await signIn('ent_admin');
  await admin.page.getByTestId('menu-course-center').click();
  const centerRow = admin.page.locator('[data-testid=center-table] tbody tr.ant-table-row', { hasText: TITLE });
  await centerRow.waitFor();
  await shot(admin.page, 'console-course-center');
  await centerRow.getByTestId('center-view').click();
  const drawer = admin.page.getByTestId('completion-drawer');
  await drawer.locator('[data-testid=completion-table] tbody tr.ant-table-row').first().waitFor();
  await shot(admin.page, 'console-course-completion');
  await admin.context.close();
});

it('an enterprise admin records an offline training once and voids it with a reason', async () => {
  const { context, page } = await signIn('ent_admin');
  await page.getByTestId('menu-offline-training').click();
  await page.getByTestId('offline-table').waitFor();
  await page.getByTestId('offline-create').click();
  const form = page.getByTestId('offline-form');
  await form.getByTestId('offline-trainer').fill('孙安全');
  await form.getByTestId('offline-topic-input').fill('班组安全活动：有限空间作业');
  const staff = form.locator('[data-testid=attendee-table] tbody tr.ant-table-row');
  await staff.first().waitFor();
  await staff.nth(0).locator('.ant-checkbox-input').check();
  await staff.nth(1).locator('.ant-checkbox-input').check();
  expect(await form.getByTestId('attendee-count').innerText()).toBe('2');
  // Evidence through the upload ticket.
  await form.locator('.ant-upload:has([data-testid=offline-evidence]) input[type=file]').setInputFiles(join(MEDIA, 'cover-required.jpg'));
  await form.getByText('已上传').waitFor();
  await shot(page, 'console-offline-form');
  // A double click records once (one requestId per form).
  await form.getByTestId('offline-save').dblclick();
  const rows = page.locator('[data-testid=offline-table] tbody tr.ant-table-row', { hasText: '班组安全活动：有限空间作业' });
  await rows.first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid=offline-table] .ant-spin-spinning'));
  expect(await rows.count()).toBe(1);

  await rows.first().getByTestId('offline-void').click();
  const dialog = page.getByTestId('offline-void-dialog');
  await dialog.getByTestId('offline-void-confirm').click();
  await dialog.getByText('请填写作废原因').waitFor();
  await dialog.getByTestId('offline-void-reason').fill('参训人员登记错误');
  await dialog.getByTestId('offline-void-confirm').click();
  await rows.first().getByTestId('offline-voided').waitFor();
  expect(await rows.first().getByTestId('offline-void').count()).toBe(0);
  await shot(page, 'console-offline');

  // 学时台账 lists the staff against their requirement.
  await page.getByTestId('menu-hours-report').click();
  await page.locator('[data-testid=hours-table] tbody tr.ant-table-row').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid=hours-table] .ant-spin-spinning'));
  await shot(page, 'console-hours-report');
  await context.close();
});

it('the public verification page says "not found" for an unknown code, with or without a session', async () => {
  const { context, page } = await e2e.desktop();
  await page.goto(`${e2e.cloud.url}/admin/#/verify?code=ZZZZ2345`);
  await page.getByTestId('verify-status').waitFor();
  expect(await page.getByTestId('verify-status').innerText()).toBe('未找到该学时证明');
  // Typed in: a malformed code is refused in the page; a well-formed unknown one is looked up.
  await page.getByTestId('verify-code').fill('abc');
  expect(await page.getByTestId('verify-submit').isDisabled()).toBe(true);
  await page.getByTestId('verify-code').fill('qwer7890');
  await page.getByTestId('verify-submit').click();
  await page.waitForURL(/code=QWER7890/);
  await page.locator('[data-status=notFound]').waitFor();
  await shot(page, 'console-verify-not-found');
  await context.close();

  // Signed in, the page is the same public page (no redirect to the console).
  const signed = await signIn('ent_admin');
  await signed.page.goto(`${e2e.cloud.url}/admin/#/verify?code=ZZZZ2345`);
  await signed.page.getByTestId('verify-status').waitFor();
  expect(await signed.page.getByTestId('side-menu').count()).toBe(0);
  await signed.context.close();
});
