/**
 * Journey: a small-firm owner registers the enterprise in the H5 mini-program (我的 → 企业注册),
 * region chosen level by level down to the town, then signs in as its admin with one tap and sees
 * the (empty) 人员审核 list. A second registration with a wrong check character shows the warning,
 * is confirmed, and the county regulator finds the enterprise flagged 待核实.
 */
import type { Page } from 'playwright-core';
import { makeCreditCode } from '../shared/creditCode';
import { makeIdNumber } from '../shared/idNumber';
import { PRIVACY_NOTICE_VERSION } from '../shared/privacy';
import { mustCall, openIdOf, shot, startE2E, type E2E } from './harness';

jest.setTimeout(180_000);
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

type Region = { code: string; name: string };
const regions = async (parentCode?: string) =>
  (await mustCall<{ items: Region[] }>(e2e.cloud, 'org', { action: 'listRegions', ...(parentCode ? { parentCode } : {}) })).items;

/** 山东省 / 枣庄市 / 滕州市 / its first town, as org.listRegions lists them. */
async function regionPath(): Promise<Region[]> {
  const province = (await regions()).find((r) => r.code === '37')!;
  const city = (await regions('37')).find((r) => r.code === '3704')!;
  const county = (await regions('3704')).find((r) => r.code === '370481')!;
  const town = (await regions('370481'))[0];
  return [province, city, county, town];
}

async function fillForm(p: Page, o: { name: string; code: string; username: string; path: Region[] }) {
  await p.locator('.ent-reg-name input').fill(o.name);
  await p.locator('.ent-reg-code input').fill(o.code);
  await p.locator('.ent-reg-region').click();
  // Each level is tapped only once its own list has arrived (the picker marks which parent it lists).
  let parent = 'root';
  for (const r of o.path) {
    await p.locator(`.region-picker__body--of-${parent} .region-picker__item`, { hasText: r.name }).first().click();
    parent = r.code;
  }
  await p.locator('.region-picker').waitFor({ state: 'hidden' });
  expect(await p.locator('.ent-reg-region').innerText()).toContain(o.path[3].name);
  await p.locator('.ent-reg-address input').fill('滕州市经济开发区龙泉路88号');
  await p.locator('.ent-reg-contact input').fill('王小微');
  await p.locator('.ent-reg-phone input').fill('13863200001');
  await p.locator('.ent-reg-scale .ent-chip', { hasText: '规模以下' }).click();
  await p.locator('.ent-reg-supervision .ent-chip', { hasText: '应急管理部门监管' }).click();
  await p.locator('.ent-reg-industry .ent-chip', { hasText: '机械' }).click();
  await p.locator('.ent-reg-involves .ent-chip', { hasText: '是' }).click();
  await p.locator('.ent-reg-key-areas .ent-chip', { hasText: '粉尘涉爆' }).click();
  await p.locator('.ent-reg-username input').fill(o.username);
  await p.locator('.ent-reg-admin-name input').fill('王小微');
  await p.locator('.ent-reg-password input').fill('Weixiao2026');
  await p.locator('.ent-reg-password2 input').fill('Weixiao2026');
}

it('registers a small enterprise in the mini-program, then its admin sees the empty 人员审核 list', async () => {
  const path = await regionPath();
  const { context, page: p } = await e2e.mobile();
  await p.goto(`${e2e.cloud.url}/#/pages/mine/index`);
  await p.locator('.menu-enterprise-register').click();
  await p.locator('.ent-reg-submit').waitFor();

  // Nothing filled: every required field says what is missing.
  await p.locator('.ent-reg-submit').click();
  await p.locator('.ent-reg-error').waitFor();
  expect(await p.locator('.ent-reg-region .form-field__error').innerText()).toContain('乡镇');

  await fillForm(p, { name: '滕州市微小机械加工厂', code: makeCreditCode('370481', 'MA3E2E001'), username: 'weixiao_admin', path });
  await p.locator('.ent-reg-code-ok').waitFor();
  expect(await p.locator('.ent-reg-code-warn').count()).toBe(0);
  expect(await p.locator('.ent-reg-targeting').innerText()).toContain('接收推送任务的基础');
  await shot(p, 'mp-enterprise-register-form');
  await p.locator('.ent-reg-submit').click();
  await p.locator('.ent-reg-done').waitFor();
  expect(await p.locator('.ent-reg-done').innerText()).toContain('注册成功');
  expect(await p.locator('.ent-reg-done').innerText()).not.toContain('待核实');
  await shot(p, 'mp-enterprise-register-done');

  await p.locator('.ent-reg-enter').click();
  await p.locator('.approvals-empty').waitFor();
  expect(await p.locator('.approval-item').count()).toBe(0);
  await shot(p, 'mp-enterprise-register-approvals');
  await context.close();
});

it('a wrong check character is confirmed, registered and flagged 待核实 for the county regulator', async () => {
  const path = await regionPath();
  const valid = makeCreditCode('370481', 'MA3E2E002');
  const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
  const { context, page: p } = await e2e.mobile();
  // From the admin login page's link.
  await p.goto(`${e2e.cloud.url}/#/pages/admin/login/index`);
  await p.locator('.admin-login-register').click();
  await fillForm(p, { name: '滕州市待核实五金商行', code: wrong, username: 'hexiao_admin', path });
  await p.locator('.ent-reg-code-warn').waitFor();
  expect(await p.locator('.ent-reg-code-warn').innerText()).toContain('校验位');
  // Not confirmed: refused on the phone.
  await p.locator('.ent-reg-submit').click();
  await p.locator('.ent-reg-code-warn__error').waitFor();
  await shot(p, 'mp-enterprise-register-checksum');
  await p.locator('.ent-reg-code-confirm').click();
  await p.locator('.ent-reg-submit').click();
  await p.locator('.ent-reg-done').waitFor();
  expect(await p.locator('.ent-reg-done').innerText()).toContain('待核实');
  await context.close();

  const login = await mustCall<{ token: string }>(e2e.cloud, 'identity', { action: 'consoleLogin', username: 'tz_regulator', password: 'Anxue@2026' });
  const { enterprise } = await mustCall<{ enterprise: { name: string; creditCodeVerified: boolean; townCode?: string } }>(e2e.cloud, 'org', {
    action: 'getEnterprise',
    enterpriseId: wrong,
    sessionToken: login.token,
  });
  expect(enterprise).toMatchObject({ name: '滕州市待核实五金商行', creditCodeVerified: false });
  expect(enterprise.townCode).toMatch(/^370481\d{3}$/);
});

it('a rejected worker sees the reason on the home page and in 更换企业 (identity.me lastDecision)', async () => {
  const { context, page: w } = await e2e.mobile();
  await w.goto(`${e2e.cloud.url}/`);
  await w.locator('.home-register').waitFor();
  const openid = await openIdOf(context);
  const ent = (await mustCall<{ items: { _id: string }[] }>(e2e.cloud, 'org', { action: 'searchEnterprises', keyword: '滕州天元矿业有限公司' })).items[0];
  const reg = await mustCall<{ requestId: string }>(
    e2e.cloud,
    'identity',
    {
      action: 'register',
      name: '钱被拒',
      idNumber: makeIdNumber('370481', '19930301', '731'),
      password: 'Safety2026',
      enterpriseId: ent._id,
      postCategory: 'otherWorker',
      certificates: [],
      consentVersion: PRIVACY_NOTICE_VERSION,
    },
    { openid },
  );
  const admin = await mustCall<{ token: string }>(e2e.cloud, 'identity', { action: 'consoleLogin', username: 'ent_admin', password: 'Anxue@2026' });
  await mustCall(e2e.cloud, 'org', { action: 'decideRequest', requestId: reg.requestId, decision: 'reject', reason: '查无此人，请核对单位', sessionToken: admin.token });

  await w.reload();
  await w.waitForFunction(() => document.querySelector('.person-card__status')?.textContent === '未通过');
  const banner = w.locator('.person-card .decision-banner--rejected');
  await banner.waitFor();
  expect(await banner.innerText()).toContain('申请被驳回：查无此人，请核对单位');
  await shot(w, 'mp-decision-rejected-home');
  // 我的 says the same: 未通过 (never 待审核), the reason once.
  await w.locator('.weui-tabbar__item', { hasText: '我的' }).click();
  const mine = w.locator('.mine-person');
  await mine.waitFor();
  expect(await w.locator('.mine-status').innerText()).toBe('未通过');
  const bannerText = await w.locator('.mine-banner').innerText();
  expect(bannerText).not.toContain('待审核');
  expect(bannerText.split('查无此人，请核对单位').length - 1).toBe(1);
  await shot(w, 'mp-decision-rejected-mine');
  await w.locator('.weui-tabbar__item', { hasText: '首页' }).click();
  await banner.click();
  await w.locator('.employer-change-result--rejected').waitFor();
  expect(await w.locator('.employer-change-result--rejected').innerText()).toContain('驳回原因：查无此人，请核对单位');
  await shot(w, 'mp-decision-rejected-change');
  await context.close();
});
