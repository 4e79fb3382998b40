/**
 * Journey (issue 9, console): a city regulator creates a course — an uploaded PDF (ticket flow with
 * progress) and an article — targets it at one county and one industry, sees the reach preview,
 * publishes it (the confirmation repeats the reach); the county's enterprise admin finds it in
 * 课程中心 with its staff; 线下培训 is recorded once and voided with a reason; the public
 * verification page answers "not found" for an unknown code, signed in or not.
 */
import { readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as XLSX from 'xlsx';
import type { Page } from 'playwright-core';
import { INDUSTRIES, labelOf } from '../shared/taxonomy';
import { COMPLETION_HEADER } from '../shared/learning/completionSheet';
import type { EnterpriseDetail } from '../shared/contracts/org';
import { makeIdNumber } from '../shared/idNumber';
import { shanghaiYear } from '../shared/calendar';
import type { CertificateView } from '../shared/contracts/learning';
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
  const people = drawer.locator('[data-testid=completion-table] tbody tr.ant-table-row');
  await people.first().waitFor();
  await shot(admin.page, 'console-course-completion');
  const reached = await people.count();

  // 导出Excel: every reached employee, one row each, with the sheet's header.
  const [download] = await Promise.all([admin.page.waitForEvent('download'), drawer.getByTestId('completion-export').click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${TITLE}-完成情况-\\d{8}\\.xlsx$`));
  const file = join(tmpdir(), `completion-${Date.now()}.xlsx`);
  await download.saveAs(file);
  const sheet = XLSX.read(readFileSync(file), { type: 'buffer' });
  const rows = XLSX.utils.sheet_to_json<string[]>(sheet.Sheets[sheet.SheetNames[0]], { header: 1 });
  expect(rows[0]).toEqual([...COMPLETION_HEADER]);
  expect(rows.length - 1).toBe(reached);
  expect(rows.slice(1).every((r) => r[4] === '未开始')).toBe(true);

  // 提醒: everyone not done is queued once; a second 提醒 the same day queues nobody again.
  await drawer.getByTestId('completion-remind').click();
  await admin.page.getByTestId('remind-confirm').click();
  await admin.page.getByText(`已提醒 ${reached} 人`).waitFor();
  await drawer.getByTestId('completion-remind').click();
  await admin.page.getByTestId('remind-confirm').click();
  await admin.page.getByText(`已提醒 0 人，${reached} 人今天已提醒过`).waitFor();
  await admin.context.close();
});

it('the regulator unpublishes the course and starts a new version of it', async () => {
  const { context, page } = await signIn('zz_regulator');
  await page.getByTestId('menu-courses').click();
  const row = page.locator('[data-testid=course-table] tbody tr.ant-table-row', { hasText: TITLE });
  await row.waitFor();
  // Ratings: none yet (learners rate after finishing).
  await row.getByTestId('course-ratings').click();
  await page.getByTestId('ratings-modal').getByText('暂无评价').waitFor();
  await page.locator('.ant-modal-close').click();
  await page.getByTestId('ratings-modal').waitFor({ state: 'hidden' });

  await row.getByTestId('course-unpublish').click();
  await page.getByTestId('course-unpublish-confirm').click();
  await row.locator('[data-testid=course-status]', { hasText: '已下架' }).waitFor();

  await row.getByTestId('course-new-version').click();
  await page.locator('.ant-modal-confirm').getByRole('button', { name: '创建新版本' }).click();
  await page.waitForURL(/#\/courses\/edit\?id=/);
  await page.getByTestId('course-version').filter({ hasText: '第 2 版' }).waitFor();
  await page.locator('[data-testid=course-status]', { hasText: '草稿' }).waitFor();
  expect(await page.getByTestId('course-title-input').inputValue()).toBe(TITLE);
  await page.getByTestId('course-tab-materials').click();
  expect(await page.getByTestId('material-item').count()).toBe(2);
  // The copy keeps the article's text (listing courses, which leaves article bodies out, changed no stored course).
  expect(await page.getByTestId('material-edit-article').innerText()).toContain('约36字');
  await shot(page, 'console-course-new-version');
  await context.close();
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
  const attendee = (await staff.nth(0).locator('td').nth(1).innerText()).trim();
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

  // The two attendees have 2 offline hours each in 学时台账.
  const offlineOf = async () => {
    await page.getByTestId('menu-hours-report').click();
    const r = page.locator('[data-testid=hours-table] tbody tr.ant-table-row', { hasText: attendee });
    await r.waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid=hours-table] .ant-spin-spinning'));
    return (await r.locator('td').nth(5).innerText()).replace(/\s+/g, '');
  };
  expect(await offlineOf()).toMatch(/^2\//);
  await page.getByTestId('menu-offline-training').click();

  await rows.first().getByTestId('offline-void').click();
  const dialog = page.getByTestId('offline-void-dialog');
  await dialog.getByTestId('offline-void-confirm').click();
  await dialog.getByText('请填写作废原因').waitFor();
  await dialog.getByTestId('offline-void-reason').fill('参训人员登记错误');
  await dialog.getByTestId('offline-void-confirm').click();
  await rows.first().getByTestId('offline-voided').waitFor();
  expect(await rows.first().getByTestId('offline-void').count()).toBe(0);
  await shot(page, 'console-offline');

  // Voided: the hours no longer count.
  expect(await offlineOf()).toMatch(/^0\//);
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

it('the verification page confirms a worker’s 学时证明 with the masked identity, courses and hours', async () => {
  // Set-up through the scripting contract: ent_admin publishes a one-article course to its staff;
  // a new employee studies it (the server's clock advanced, never a sleep) and issues a certificate.
  const { token } = await mustCall<{ token: string }>(e2e.cloud, 'identity', { action: 'consoleLogin', username: 'ent_admin', password: 'Anxue@2026' });
  const idNumber = makeIdNumber('370481', '19880515', '613');
  const added = await mustCall<{ initialPassword: string }>(e2e.cloud, 'org', { action: 'addStaff', sessionToken: token, name: '郑证明', idNumber, postCategory: 'otherWorker', employmentType: 'regular' });
  const openid = 'verify-worker';
  await mustCall(e2e.cloud, 'identity', { action: 'login', idNumber, password: added.initialPassword }, { openid });
  await mustCall(e2e.cloud, 'identity', { action: 'changePassword', oldPassword: added.initialPassword, newPassword: 'Verify2026x' }, { openid });
  const course = '消防安全常识（查验）';
  const { course: created } = await mustCall<{ course: { _id: string; materials: { _id: string }[] } }>(e2e.cloud, 'learning', {
    action: 'createCourse',
    sessionToken: token,
    title: course,
    category: 'knowledge',
    creditedHours: 1,
    materials: [{ kind: 'article', title: '灭火器的使用', html: '<p>提、拔、握、压。</p>', requiredSeconds: 60 }],
  });
  await mustCall(e2e.cloud, 'learning', { action: 'publishCourse', sessionToken: token, courseId: created._id });
  const { sessionId } = await mustCall<{ sessionId: string }>(e2e.cloud, 'learning', { action: 'startStudy', courseId: created._id, materialId: created.materials[0]._id }, { openid });
  e2e.cloud.clock.advance(70);
  const cp = await mustCall<{ done: boolean }>(e2e.cloud, 'learning', { action: 'checkpoint', sessionId }, { openid });
  expect(cp.done).toBe(true);
  const year = shanghaiYear(Date.now() + e2e.cloud.clock.offsetMs());
  const { certificate } = await mustCall<{ certificate: CertificateView }>(e2e.cloud, 'learning', { action: 'issueCertificate', year }, { openid });

  // Anyone opening the QR code's address sees it valid, with only the masked identity.
  const { context, page } = await e2e.desktop();
  await page.goto(`${e2e.cloud.url}/admin/#/verify?code=${certificate.code}`);
  await page.locator('[data-status=valid]').waitFor();
  expect(await page.getByTestId('verify-status').innerText()).toBe('学时证明有效');
  const text = await page.getByTestId('verify-result').innerText();
  expect(text).toContain(certificate.idMasked);
  expect(text).not.toContain(idNumber);
  expect(text).toContain(course);
  expect(text).toContain('郑*明');
  expect(text).not.toContain('郑证明');
  await shot(page, 'console-verify-valid');
  // The code typed in lower case finds the same certificate.
  await page.goto(`${e2e.cloud.url}/admin/#/verify`);
  await page.getByTestId('verify-code').fill(certificate.code.toLowerCase());
  await page.getByTestId('verify-submit').click();
  await page.locator('[data-status=valid]').waitFor();
  await context.close();
});
