/**
 * Journey (issue 9, mini-program): the enterprise admin publishes a course to its staff; a worker
 * sees it on 首页 and 学习, opens it, studies an article while the local cloud's clock moves on
 * (never a sleep: the server's clock through /api/local/clock, the page's timers through
 * Playwright's clock), finishes, sees points and rank, and issues a 学时证明 whose QR code points at
 * the console's verification page. A replaced session stops the first page; a worker of another
 * enterprise never sees the course.
 */
import type { Page } from 'playwright-core';
import { makeIdNumber } from '../shared/idNumber';
import { callFunction, mustCall, openIdOf, shot, startE2E, type E2E } from './harness';

jest.setTimeout(240_000);
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const PASSWORD = 'Study2026x';
const COURSE = '有限空间作业安全（e2e）';
const REQUIRED = 60;

async function advanceServerClock(seconds: number): Promise<void> {
  const res = await fetch(`${e2e.cloud.url}/api/local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: seconds }) });
  expect(res.status).toBe(200);
}

async function adminToken(): Promise<string> {
  return (await mustCall<{ token: string }>(e2e.cloud, 'identity', { action: 'consoleLogin', username: 'ent_admin', password: 'Anxue@2026' })).token;
}

/** A worker of ent_admin's enterprise with a changed password, signed in on a fresh phone. */
async function signedInWorker(name: string, idNumber: string) {
  const token = await adminToken();
  const added = await mustCall<{ initialPassword: string }>(e2e.cloud, 'org', { action: 'addStaff', name, idNumber, postCategory: 'otherWorker', employmentType: 'regular', sessionToken: token });
  const { context, page } = await e2e.mobile();
  await context.clock.install();
  await page.goto(`${e2e.cloud.url}/`);
  await page.locator('.home-login').waitFor();
  const openid = await openIdOf(context);
  await mustCall(e2e.cloud, 'identity', { action: 'login', idNumber, password: added.initialPassword }, { openid });
  await mustCall(e2e.cloud, 'identity', { action: 'changePassword', oldPassword: added.initialPassword, newPassword: PASSWORD }, { openid });
  await page.reload();
  return { context, page, openid };
}

const taskRow = (p: Page) => p.locator('.learn-tasks .task-row', { hasText: COURSE });

it('a worker studies a published course, finishes it, sees points and rank, and gets a 学时证明', async () => {
  // The enterprise admin publishes a course with one article to its own staff.
  const token = await adminToken();
  const created = await mustCall<{ course: { _id: string } }>(e2e.cloud, 'learning', {
    action: 'createCourse',
    sessionToken: token,
    title: COURSE,
    category: 'required',
    description: '进入有限空间前必须先通风、再检测、后作业。',
    creditedHours: 1,
    materials: [{ kind: 'article', title: '有限空间作业“七不准”', html: '<p>未经通风和检测合格，不准作业。</p><p>不佩戴劳动防护用品，不准作业。</p>', requiredSeconds: REQUIRED }],
  });
  const courseId = created.course._id;
  await mustCall(e2e.cloud, 'learning', { action: 'publishCourse', sessionToken: token, courseId });

  const { context, page: p } = await signedInWorker('钱学习', makeIdNumber('370481', '19880606', '371'));

  // 首页: the task under 必学必训, not started, with points and ranks.
  await taskRow(p).waitFor();
  expect(await taskRow(p).innerText()).toContain('未开始');
  expect(await p.locator('.task-group--required').innerText()).toContain(COURSE);
  await p.locator('.learn-points .learn-stats__value').waitFor();
  await shot(p, 'mp-study-home');

  // 学习 tab lists it under 必学必训 too.
  await p.locator('.weui-tabbar__item', { hasText: '学习' }).click();
  await p.locator('.study-list .task-row', { hasText: COURSE }).waitFor();
  await shot(p, 'mp-study-tab');

  // Course page → the article.
  await p.locator('.study-list .task-row', { hasText: COURSE }).click();
  await p.locator('.course-title').waitFor();
  expect(await p.locator('.course-materials').innerText()).toContain('需 1分钟');
  await shot(p, 'mp-study-course');
  await p.locator('.course-continue').click();
  await p.locator('.material-article__body').waitFor();
  expect(await p.locator('.material-article__body').innerText()).toContain('不准作业');
  expect(await p.locator('.material-phase').innerText()).toContain('学习中');

  // A minute passes on the server; the page's next checkpoint is due then: the server credits it.
  await advanceServerClock(REQUIRED + 5);
  await p.clock.runFor((REQUIRED + 5) * 1000);
  await p.locator('.material-phase--done').waitFor();
  expect(await p.locator('.material-credited').innerText()).toContain('1分钟 / 1分钟');
  await shot(p, 'mp-study-material-done');

  // Back on the course: done, and it can be rated.
  await p.locator('.material-back').click();
  await p.locator('.course-rating').waitFor();
  expect(await p.locator('.course-progress').innerText()).toContain('已完成本课程');
  await p.locator('.course-rating__stars .nut-rate-item').nth(4).click();
  await p.locator('.course-rating__submit').click();
  await p.locator('.course-rating__submit', { hasText: '已评价' }).waitFor();
  await shot(p, 'mp-study-course-done');

  // 首页: done, points earned, ranked in the enterprise.
  await p.goto(`${e2e.cloud.url}/#/pages/index/index`);
  await p.reload();
  await taskRow(p).filter({ hasText: '已完成' }).waitFor();
  const points = Number(await p.locator('.learn-points .learn-stats__value').innerText());
  expect(points).toBeGreaterThan(0);
  expect(await p.locator('.learn-rank-all .learn-stats__value').innerText()).toMatch(/^\d+$/);
  await shot(p, 'mp-study-home-done');

  // 积分 and 排行榜 under 我的.
  await p.goto(`${e2e.cloud.url}/#/pages/learn/points/index`);
  await p.locator('.points-row').first().waitFor();
  expect(await p.locator('.points-total').innerText()).toBe(String(points));
  await shot(p, 'mp-study-points');
  await p.goto(`${e2e.cloud.url}/#/pages/learn/leaderboard/index`);
  await p.locator('.leaderboard-row--me').first().waitFor();
  expect(await p.locator('.leaderboard-me').innerText()).toContain('钱学习');
  await shot(p, 'mp-study-leaderboard');
  // 本县区: the same week's hours across the county, with employers named.
  await p.locator('.segmented__item--county').click();
  await p.locator('.leaderboard-row__ent').first().waitFor();
  expect(await p.locator('.leaderboard-list').innerText()).toContain('钱学习');

  // 学时证明 for this year: masked ID, the course, hours, short code and a QR code for the console.
  await p.goto(`${e2e.cloud.url}/#/pages/mine/index`);
  await p.reload();
  await p.locator('.menu-certificates').click();
  await p.locator('.cert-issue__submit').click();
  await p.locator('.cert-paper .cert-code').waitFor();
  const code = (await p.locator('.cert-code').innerText()).trim();
  expect(code).toMatch(/^[0-9A-Z]{8}$/);
  expect(await p.locator('.cert-id').innerText()).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
  expect(await p.locator('.cert-courses').innerText()).toContain(COURSE);
  expect(await p.locator('.cert-qr').getAttribute('data-text')).toBe(`${e2e.cloud.url}/admin/#/verify?code=${code}`);
  await shot(p, 'mp-study-certificate');
  // The QR code's URL opens the console's public verification page: valid, masked identity.
  const qrUrl = (await p.locator('.cert-qr').getAttribute('data-text'))!;
  const { context: desk, page: v } = await e2e.desktop();
  await v.goto(qrUrl);
  await v.locator('[data-testid=verify-status]').waitFor();
  expect(await v.locator('[data-testid=verify-status]').innerText()).toBe('学时证明有效');
  expect(await v.locator('body').innerText()).not.toContain('钱学习');
  await shot(v, 'mp-study-verify');
  await desk.close();

  // 一人一档 lists the course and the certificate.
  await p.goto(`${e2e.cloud.url}/#/pages/learn/archive/index`);
  await p.locator('.archive-row', { hasText: COURSE }).waitFor();
  await shot(p, 'mp-study-archive');
  await context.close();
});

it('a second device replaces the first session: the first page stops with 已在其他设备学习', async () => {
  const token = await adminToken();
  const created = await mustCall<{ course: { _id: string } }>(e2e.cloud, 'learning', {
    action: 'createCourse',
    sessionToken: token,
    title: '消防器材使用（e2e）',
    category: 'knowledge',
    creditedHours: 0.5,
    materials: [{ kind: 'article', title: '灭火器的使用', html: '<p>提、拔、握、压。</p>', requiredSeconds: 300 }],
  });
  await mustCall(e2e.cloud, 'learning', { action: 'publishCourse', sessionToken: token, courseId: created.course._id });
  const { context, page: p, openid } = await signedInWorker('孙两机', makeIdNumber('370481', '19900707', '482'));
  const materialId = (await mustCall<{ course: { materials: { _id: string }[] } }>(e2e.cloud, 'learning', { action: 'getCourse', courseId: created.course._id }, { openid })).course.materials[0]._id;
  await p.goto(`${e2e.cloud.url}/#/pages/learn/material/index?course=${created.course._id}&material=${materialId}`);
  await p.locator('.material-phase--studying').waitFor();

  // The page hides (app to background): it tells the server, and says nothing counts meanwhile; shown again, it says so too.
  const sent: Record<string, unknown>[] = [];
  p.on('request', (r) => {
    if (r.url().endsWith('/api/fn/learning')) sent.push(JSON.parse(r.postData() ?? '{}'));
  });
  const setVisibility = (state: 'hidden' | 'visible') =>
    p.evaluate((s) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  await setVisibility('hidden');
  await p.locator('.material-phase--hidden').waitFor();
  expect(await p.locator('.material-phase').innerText()).toContain('离开页面期间不计学时');
  const shown = p.waitForResponse((r) => r.url().endsWith('/api/fn/learning') && (r.request().postData() ?? '').includes('"hidden":false'));
  await setVisibility('visible');
  await p.locator('.material-phase--studying').waitFor();
  await shown;
  expect(sent.filter((b) => b.action === 'checkpoint').map((b) => b.hidden)).toEqual([true, false]);
  // Never a duration: only the session, the visibility and where to resume.
  for (const b of sent) expect(Object.keys(b).every((k) => ['action', 'sessionId', 'hidden', 'position'].includes(k))).toBe(true);

  // The same person starts on another device; this page's next checkpoint learns it was replaced.
  await mustCall(e2e.cloud, 'learning', { action: 'startStudy', courseId: created.course._id, materialId }, { openid });
  await advanceServerClock(30);
  await p.clock.runFor(360_000);
  await p.locator('.material-replaced').waitFor();
  expect(await p.locator('.material-replaced').innerText()).toContain('已在其他设备学习');
  await shot(p, 'mp-study-replaced');
  await context.close();

  // A worker of another enterprise does not get the course at all (same answer as a missing one).
  const other = await callFunction(e2e.cloud, 'learning', { action: 'getCourse', courseId: created.course._id }, { openid: 'e2e-mp-study-nobody' });
  expect(other.ok).toBe(false);
});

it('a course with a face check asks before crediting: the simulated check (人脸核验（模拟）) fails, then passes', async () => {
  const token = await adminToken();
  const created = await mustCall<{ course: { _id: string } }>(e2e.cloud, 'learning', {
    action: 'createCourse',
    sessionToken: token,
    title: '危险化学品储存（e2e）',
    category: 'required',
    creditedHours: 0.5,
    identityCheck: { mode: 'start' },
    materials: [{ kind: 'article', title: '储存要求', html: '<p>分区、分类、分库储存。</p>', requiredSeconds: 60 }],
  });
  await mustCall(e2e.cloud, 'learning', { action: 'publishCourse', sessionToken: token, courseId: created.course._id });
  const { context, page: p } = await signedInWorker('李核验', makeIdNumber('370481', '19870808', '593'));
  await p.goto(`${e2e.cloud.url}/#/pages/learn/course/index?id=${created.course._id}`);
  expect(await p.locator('.course-check').innerText()).toContain('人脸核验');
  await p.locator('.course-continue').click();

  const dialog = p.locator('.identity-dialog');
  await dialog.waitFor();
  expect(await dialog.innerText()).toContain('人脸核验（模拟）');
  expect(await p.locator('.material-phase').innerText()).toContain('请完成人脸核验');
  await shot(p, 'mp-study-identity');
  await p.locator('.identity-fail').click();
  // A failed check voids the time since the last check and stays due: nothing is credited meanwhile.
  await p.locator('.identity-again').waitFor();
  expect(await p.locator('.material-phase').innerText()).toContain('请完成人脸核验');
  await shot(p, 'mp-study-identity-failed');
  await p.locator('.identity-again .state-view__action').click();
  await dialog.waitFor();
  await p.locator('.identity-pass').click();
  await p.locator('.material-phase--studying').waitFor();

  await advanceServerClock(65);
  await p.clock.runFor(65_000);
  await p.locator('.material-phase--done').waitFor();
  await context.close();
});
