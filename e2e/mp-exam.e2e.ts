/**
 * Journey (issue 10, mini-program): a county regulator publishes a formal exam and a practice
 * through the functions; a worker of the demo enterprise sees them on 考试, starts the formal
 * exam, answers some questions (each saved at once), leaves, resumes with the answers kept (also
 * after a reload), submits with the unanswered count confirmed, sees the score, reviews and
 * appeals a question. Practice: feedback right after each answer, the wrong one lands in 错题本.
 * An attempt left running is submitted by the page itself when the server's deadline passes.
 * Every exam response a worker receives before grading is scanned for answer keys.
 */
import type { Page, Response } from 'playwright-core';
import { findAnswerLeaks } from '../shared/exam/grading';
import { makeIdNumber } from '../shared/idNumber';
import { mustCall, openIdOf, shot, startE2E, type E2E } from './harness';

jest.setTimeout(300_000);
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const PASSWORD = 'Exam2026x';
let seq = 0;
const rid = (p: string) => `e2e-${p}-${Date.now().toString(36)}-${seq++}`;

interface Known {
  type: 'judge' | 'single' | 'multiple';
  /** Texts of the right options (the page shows options shuffled, by text). */
  right: string[];
  wrong: string;
}

async function regulatorToken(): Promise<string> {
  return (await mustCall<{ token: string }>(e2e.cloud, 'identity', { action: 'consoleLogin', username: 'tz_regulator', password: 'Anxue@2026' })).token;
}

/** A bank of judge / single / multiple questions; answers the stems' right and a wrong option text. */
async function bankWith(token: string, tag: string, counts: { judge: number; single: number; multiple: number }): Promise<{ bankId: string; known: Map<string, Known> }> {
  const { bank } = await mustCall<{ bank: { _id: string } }>(e2e.cloud, 'exam', { action: 'createBank', sessionToken: token, name: `安全生产题库${tag}`, requestId: rid('bank') });
  const known = new Map<string, Known>();
  const add = async (question: Record<string, unknown>, k: Known) => {
    await mustCall(e2e.cloud, 'exam', { action: 'createQuestion', sessionToken: token, bankId: bank._id, requestId: rid('q'), question });
    known.set(String(question.stem), k);
  };
  for (let i = 0; i < counts.judge; i++) {
    const yes = i % 2 === 0;
    await add({ type: 'judge', stem: `${tag}判断${i + 1}：${yes ? '动火作业前必须办理动火审批手续' : '有限空间作业可以先作业后检测'}`, answer: [yes ? 'A' : 'B'], analysis: `${tag}判断${i + 1}的解析` }, { type: 'judge', right: [yes ? '正确' : '错误'], wrong: yes ? '错误' : '正确' });
  }
  for (let i = 0; i < counts.single; i++) {
    await add(
      { type: 'single', stem: `${tag}单选${i + 1}：进入施工现场必须（ ）`, options: [`戴好安全帽${i}`, `穿拖鞋${i}`, `酒后作业${i}`, `无证操作${i}`], answer: ['A'], analysis: '安全帽是基本防护用品。' },
      { type: 'single', right: [`戴好安全帽${i}`], wrong: `穿拖鞋${i}` },
    );
  }
  for (let i = 0; i < counts.multiple; i++) {
    await add(
      { type: 'multiple', stem: `${tag}多选${i + 1}：灭火的基本方法有（ ）`, options: [`冷却法${i}`, `窒息法${i}`, `隔离法${i}`, `吹风法${i}`], answer: ['A', 'B', 'C'], analysis: '冷却、窒息、隔离、抑制。' },
      { type: 'multiple', right: [`冷却法${i}`, `窒息法${i}`, `隔离法${i}`], wrong: `吹风法${i}` },
    );
  }
  return { bankId: bank._id, known };
}

async function publish(token: string, input: Record<string, unknown>): Promise<string> {
  const { exam } = await mustCall<{ exam: { _id: string } }>(e2e.cloud, 'exam', {
    action: 'createExam',
    sessionToken: token,
    fullScore: 100,
    passScore: 60,
    opensAt: new Date(Date.now() - 3600_000).toISOString(),
    closesAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
    allowReview: true,
    ...input,
  });
  await mustCall(e2e.cloud, 'exam', { action: 'publishExam', sessionToken: token, examId: exam._id });
  return exam._id;
}

/** A worker of ent_admin's enterprise (in the regulator's county) with a changed password, signed in on a fresh phone. */
async function signedInWorker(name: string, idNumber: string) {
  const token = (await mustCall<{ token: string }>(e2e.cloud, 'identity', { action: 'consoleLogin', username: 'ent_admin', password: 'Anxue@2026' })).token;
  const added = await mustCall<{ initialPassword: string }>(e2e.cloud, 'org', { action: 'addStaff', name, idNumber, postCategory: 'otherWorker', employmentType: 'regular', sessionToken: token });
  const { context, page } = await e2e.mobile();
  await page.goto(`${e2e.cloud.url}/`);
  await page.locator('.home-login').waitFor();
  const openid = await openIdOf(context);
  await mustCall(e2e.cloud, 'identity', { action: 'login', idNumber, password: added.initialPassword }, { openid });
  await mustCall(e2e.cloud, 'identity', { action: 'changePassword', oldPassword: added.initialPassword, newPassword: PASSWORD }, { openid });
  await page.reload();
  return { context, page, openid };
}

/** Every `exam` response the page receives, with the action it answered. */
function recordExamResponses(p: Page): { action: string; body: Promise<unknown> }[] {
  const seen: { action: string; body: Promise<unknown> }[] = [];
  p.on('response', (r: Response) => {
    if (!r.url().endsWith('/api/fn/exam')) return;
    const action = String((JSON.parse(r.request().postData() ?? '{}') as { action?: string }).action);
    seen.push({ action, body: r.json().catch(() => null) });
  });
  return seen;
}

/** Answer keys in any response before grading: `review` (after grading) and `practiceCheck` (after answering) are meant to carry them. */
async function leaksIn(seen: { action: string; body: Promise<unknown> }[]): Promise<string[]> {
  const out: string[] = [];
  for (const s of seen) {
    if (s.action === 'review' || s.action === 'practiceCheck') continue;
    for (const path of findAnswerLeaks(await s.body, ['$.data.saved'])) out.push(`${s.action}: ${path}`);
  }
  return out;
}

const stemOf = async (p: Page) => (await p.locator('.paper-stem').innerText()).trim();

/** Clicks the options of the question on screen by text: right ones, or one wrong one. */
async function answer(p: Page, known: Map<string, Known>, how: 'right' | 'wrong'): Promise<Known> {
  const k = known.get(await stemOf(p));
  if (!k) throw new Error(`unknown stem ${await stemOf(p)}`);
  for (const text of how === 'right' ? k.right : [k.wrong]) await p.locator('.paper-option', { hasText: text }).click();
  return k;
}

const POINTS = { judge: 20, single: 10, multiple: 20 } as const;

it('a worker takes a formal exam: starts, answers, leaves, resumes with answers kept, submits, sees the score, reviews and appeals', async () => {
  const token = await regulatorToken();
  const { bankId, known } = await bankWith(token, '正式', { judge: 3, single: 2, multiple: 1 });
  const title = '2026年度安全生产知识考试（e2e）';
  const examId = await publish(token, {
    title,
    kind: 'formal',
    // Three answers earn at most 60: a fail, so the retake shows.
    passScore: 80,
    durationMinutes: 30,
    retake: { mode: 'attempts', maxAttempts: 2 },
    rule: {
      sections: [
        { from: { bankIds: [bankId] }, type: 'judge', count: 3, scorePerQuestion: 20 },
        { from: { bankIds: [bankId] }, type: 'single', count: 2, scorePerQuestion: 10 },
        { from: { bankIds: [bankId] }, type: 'multiple', count: 1, scorePerQuestion: 20 },
      ],
    },
  });

  const { context, page: p, openid } = await signedInWorker('周考试', makeIdNumber('370481', '19890909', '613'));
  const seen = recordExamResponses(p);

  // 考试 tab: the exam under 正式考试, 待参加, with its attempts left.
  await p.locator('.weui-tabbar__item', { hasText: '考试' }).click();
  const row = p.locator('.exam-section--formal .exam-row', { hasText: title });
  await row.waitFor();
  expect(await row.innerText()).toContain('待参加');
  expect(await row.innerText()).toContain('剩余2次');
  await shot(p, 'mp-exam-tab');

  // Intro → confirm → the paper, one question per screen with the server's countdown.
  await row.click();
  await p.locator('.intro-title', { hasText: title }).waitFor();
  expect(await p.locator('.intro-facts').innerText()).toContain('30分钟');
  await shot(p, 'mp-exam-intro');
  await p.locator('.intro-start').click();
  await p.locator('.intro-confirm .nut-dialog-footer-ok').click();
  await p.locator('.paper-stem').waitFor();
  expect(await p.locator('.paper-countdown__time').innerText()).toMatch(/^(29|30):\d\d$/);
  expect(await p.locator('.paper-index').innerText()).toContain('第 1 / 6 题');

  // Two questions answered right, each saved at once.
  let expected = 0;
  const answered = new Set<string>();
  for (let i = 0; i < 2; i++) {
    const k = await answer(p, known, 'right');
    answered.add(await stemOf(p));
    expected += POINTS[k.type];
    await p.locator('.paper-save--saved').waitFor();
    if (i === 0) await shot(p, 'mp-exam-paper');
    await p.locator('.paper-next').click();
    await p.locator('.paper-index', { hasText: `第 ${i + 2} / 6 题` }).waitFor();
  }
  await p.locator('.paper-sheet-open').click();
  await p.locator('.paper-sheet').waitFor();
  expect(await p.locator('.paper-cell--answered').count()).toBe(2);
  await shot(p, 'mp-exam-sheet');

  // Leave for the 考试 tab: the exam is 进行中; back in, the two answers are there.
  await p.goto(`${e2e.cloud.url}/#/pages/exam/index`);
  await p.reload();
  await row.filter({ hasText: '进行中' }).waitFor();
  await row.click();
  await p.locator('.intro-start', { hasText: '继续答题' }).click();
  await p.locator('.paper-stem').waitFor();
  expect(answered.has(await stemOf(p))).toBe(true);
  expect(await p.locator('.q-option--chosen').count()).toBeGreaterThan(0);
  // A reload of the paper itself (the app killed and opened again) resumes the same attempt.
  await p.reload();
  await p.locator('.paper-stem').waitFor();
  await p.locator('.paper-sheet-open').click();
  expect(await p.locator('.paper-cell--answered').count()).toBe(2);
  await p.locator('.paper-cell').nth(2).click();
  await p.locator('.paper-index', { hasText: '第 3 / 6 题' }).waitFor();
  const k3 = await answer(p, known, 'right');
  expected += POINTS[k3.type];
  await p.locator('.paper-save--saved').waitFor();

  // The server kept what the page shows (the scripting contract's resume).
  const resumed = await mustCall<{ saved?: Record<string, string[]> }>(e2e.cloud, 'exam', { action: 'start', examId }, { openid });
  expect(Object.keys(resumed.saved ?? {})).toHaveLength(3);

  // Submit: the confirmation counts the unanswered questions.
  await p.locator('.paper-submit').click();
  await p.locator('.submit-confirm').waitFor();
  expect(await p.locator('.submit-confirm').innerText()).toContain('还有3道题未作答');
  await shot(p, 'mp-exam-submit-confirm');
  // Every response so far came before grading: no answer key in any of them.
  expect(await leaksIn(seen)).toEqual([]);
  await p.locator('.submit-confirm .nut-dialog-footer-ok').click();

  // Result: the score the server graded, pass / fail, time used.
  await p.locator('.result-score').waitFor();
  expect(await p.locator('.result-score').innerText()).toBe(String(expected));
  expect(await p.locator('.result-verdict').innerText()).toBe('不合格');
  expect(await p.locator('.result-time').innerText()).toMatch(/秒/);
  await shot(p, 'mp-exam-result');

  // Review: my answers against the keys with 解析; an appeal on one question.
  await p.locator('.result-review').click();
  await p.locator('.review-item').first().waitFor();
  expect(await p.locator('.review-item').count()).toBe(6);
  expect(await p.locator('.review-item--wrong').count()).toBe(3);
  expect(await p.locator('.review-item').first().locator('.review-key').innerText()).toMatch(/正确答案：[A-D]/);
  await shot(p, 'mp-exam-review');
  const wrongItem = p.locator('.review-item--wrong').first();
  await wrongItem.locator('.review-appeal-open').click();
  await wrongItem.locator('.review-appeal-reason textarea').fill('题目表述有歧义，应当接受两种理解。');
  await wrongItem.locator('.review-appeal-submit').click();
  await wrongItem.locator('.review-appeal-sent').waitFor();
  await wrongItem.locator('.review-appeal-sent').click();
  await p.locator('.appeal-row', { hasText: title }).waitFor();
  expect(await p.locator('.appeal-row').first().innerText()).toContain('待处理');
  await shot(p, 'mp-exam-appeals');

  // 历次成绩 and the tab: one attempt graded, failed, one retake left.
  await p.goto(`${e2e.cloud.url}/#/pages/exam-take/attempts/index?id=${examId}`);
  await p.locator('.attempt-row').first().waitFor();
  expect(await p.locator('.attempt-row').count()).toBe(1);
  expect(await p.locator('.attempt-row').first().innerText()).toContain(`${expected}分`);
  await p.goto(`${e2e.cloud.url}/#/pages/exam/index`);
  await p.reload();
  await row.filter({ hasText: '剩余1次' }).waitFor();
  expect(await row.innerText()).toContain('可补考');
  await context.close();
});

it('practice: feedback right after each answer, and the wrong answer is in 错题本 to practise again', async () => {
  const token = await regulatorToken();
  const { bankId, known } = await bankWith(token, '练习', { judge: 4, single: 0, multiple: 0 });
  const title = '有限空间作业练习（e2e）';
  const examId = await publish(token, { title, kind: 'practice', durationMinutes: 30, rule: { sections: [{ from: { bankIds: [bankId] }, type: 'judge', count: 4, scorePerQuestion: 25 }] } });

  const { context, page: p } = await signedInWorker('吴练习', makeIdNumber('370481', '19910101', '724'));
  const seen = recordExamResponses(p);
  await p.goto(`${e2e.cloud.url}/#/pages/exam/index`);
  const row = p.locator('.exam-section--practice .exam-row', { hasText: title });
  await row.click();
  await p.locator('.intro-start', { hasText: '开始练习' }).click();
  await p.locator('.paper-stem').waitFor();

  // Wrong first: locked, with the key and 解析.
  const wrong = await stemOf(p);
  await answer(p, known, 'wrong');
  expect(await leaksIn(seen)).toEqual([]);
  await p.locator('.paper-check').click();
  await p.locator('.paper-feedback--wrong').waitFor();
  expect(await p.locator('.paper-feedback').innerText()).toContain('正确答案：');
  expect(await p.locator('.paper-feedback').innerText()).toContain('的解析');
  await shot(p, 'mp-exam-practice-wrong');
  // Then right.
  await p.locator('.paper-next').click();
  await p.locator('.paper-index', { hasText: '第 2 / 4 题' }).waitFor();
  await answer(p, known, 'right');
  await p.locator('.paper-check').click();
  await p.locator('.paper-feedback--right').waitFor();
  await shot(p, 'mp-exam-practice-right');
  // Before each check, nothing the page received named a key.
  const practiceChecks = seen.filter((s) => s.action === 'practiceCheck');
  expect(practiceChecks).toHaveLength(2);
  expect(await leaksIn(seen)).toEqual([]);

  await p.locator('.paper-submit').click();
  await p.locator('.submit-confirm .nut-dialog-footer-ok').click();
  await p.locator('.result-score').waitFor();

  // 错题本 of this practice: the wrong question; 错题重练 draws it again.
  await p.goto(`${e2e.cloud.url}/#/pages/exam-take/wrongbook/index?id=${examId}`);
  await p.locator('.wrong-row').first().waitFor();
  expect(await p.locator('.wrong-row').count()).toBe(1);
  expect(await p.locator('.wrong-row').first().innerText()).toContain(wrong);
  await shot(p, 'mp-exam-wrongbook');
  await p.locator('.wrongbook-practice').click();
  await p.locator('.paper-stem').waitFor();
  expect(await stemOf(p)).toBe(wrong);
  await answer(p, known, 'right');
  await p.locator('.paper-check').click();
  await p.locator('.paper-feedback--right').waitFor();
  expect(await leaksIn(seen)).toEqual([]);
  await context.close();
});

it('an attempt left running is submitted by the page when the server deadline passes, with what was saved', async () => {
  const token = await regulatorToken();
  const { bankId, known } = await bankWith(token, '限时', { judge: 2, single: 0, multiple: 0 });
  const title = '限时测验（e2e）';
  await publish(token, { title, kind: 'mock', durationMinutes: 1, rule: { sections: [{ from: { bankIds: [bankId] }, type: 'judge', count: 2, scorePerQuestion: 50 }] } });

  const { context, page: p } = await signedInWorker('郑限时', makeIdNumber('370481', '19920202', '835'));
  await context.clock.install();
  await p.goto(`${e2e.cloud.url}/#/pages/exam/index`);
  await p.locator('.exam-section--mock .exam-row', { hasText: title }).click();
  await p.locator('.intro-start').click();
  await p.locator('.intro-confirm .nut-dialog-footer-ok').click();
  await p.locator('.paper-stem').waitFor();
  await answer(p, known, 'right');
  await p.locator('.paper-save--saved').waitFor();

  // A minute passes on the server and on the phone: the page submits by itself.
  const res = await fetch(`${e2e.cloud.url}/api/local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 70 }) });
  expect(res.status).toBe(200);
  await p.clock.runFor(70_000);
  await p.locator('.result-score').waitFor();
  expect(await p.locator('.result-score').innerText()).toBe('50');
  expect(await p.locator('.result-facts').innerText()).toContain('到时自动交卷');
  await shot(p, 'mp-exam-expired');
  await context.close();
});

it('an exam with an identity check asks for it before the paper: a failed check keeps it closed, a passed one opens it', async () => {
  const token = await regulatorToken();
  const { bankId } = await bankWith(token, '核验', { judge: 1, single: 0, multiple: 0 });
  const title = '特种作业人员考试（e2e）';
  await publish(token, { title, kind: 'formal', durationMinutes: 20, identityCheck: 'start', rule: { sections: [{ from: { bankIds: [bankId] }, type: 'judge', count: 1, scorePerQuestion: 100 }] } });

  const { context, page: p } = await signedInWorker('王核验', makeIdNumber('370481', '19930303', '946'));
  await p.goto(`${e2e.cloud.url}/#/pages/exam/index`);
  await p.locator('.exam-row', { hasText: title }).click();
  await p.locator('.intro-start').click();
  await p.locator('.intro-confirm .nut-dialog-footer-ok').click();
  const dialog = p.locator('.exam-identity-dialog');
  await dialog.waitFor();
  expect(await dialog.innerText()).toContain('人脸核验（模拟）');
  await shot(p, 'mp-exam-identity');
  await p.locator('.identity-fail').click();
  await p.locator('.intro-check-failed').waitFor();
  expect(await p.locator('.paper-stem').count()).toBe(0);

  await p.locator('.intro-start').click();
  await p.locator('.intro-confirm .nut-dialog-footer-ok').click();
  await dialog.waitFor();
  await p.locator('.identity-pass').click();
  await p.locator('.paper-stem').waitFor();
  await context.close();
});

it('逢查必考: an inspector creates a spot exam for the enterprise; its worker types the code on 考试 and takes it', async () => {
  const token = await regulatorToken();
  const { bankId, known } = await bankWith(token, '现场', { judge: 2, single: 0, multiple: 0 });
  const { context, page: p, openid } = await signedInWorker('冯现场', makeIdNumber('370481', '19940404', '057'));
  const me = await mustCall<{ person: { enterpriseId: string } }>(e2e.cloud, 'identity', { action: 'me' }, { openid });
  const title = '现场检查随机考试（e2e）';
  const spot = await mustCall<{ code: string }>(e2e.cloud, 'exam', {
    action: 'createSpotExam',
    sessionToken: token,
    enterpriseId: me.person.enterpriseId,
    title,
    rule: { sections: [{ from: { bankIds: [bankId] }, type: 'judge', count: 2, scorePerQuestion: 50 }] },
  });
  expect(spot.code).toMatch(/^[0-9A-Z]{6}$/);

  await p.goto(`${e2e.cloud.url}/#/pages/exam/index`);
  await p.locator('.exam-spot__open').click();
  const input = p.locator('.exam-spot__input input');
  // A wrong code: the server's answer, and the worker stays on 考试.
  await input.fill(spot.code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA');
  await p.locator('.exam-spot__join').click();
  await p.getByText('考试码不正确或已过期').waitFor();
  await input.fill(spot.code.toLowerCase());
  await shot(p, 'mp-exam-spot-code');
  await p.locator('.exam-spot__join').click();
  await p.locator('.intro-title', { hasText: title }).waitFor();
  await p.locator('.intro-start').click();
  await p.locator('.intro-confirm .nut-dialog-footer-ok').click();
  await p.locator('.paper-stem').waitFor();
  await answer(p, known, 'right');
  await p.locator('.paper-save--saved').waitFor();
  await context.close();
});

it('the demo formal exam (100 questions, 60 minutes) opens with a 100-cell answer sheet and no key in any response', async () => {
  const { context, page: p } = await signedInWorker('陈演示', makeIdNumber('370481', '19950505', '168'));
  const seen = recordExamResponses(p);
  await p.goto(`${e2e.cloud.url}/#/pages/exam/index`);
  await p.locator('.exam-section--formal .exam-row', { hasText: '2026年度滕州市从业人员安全生产考试' }).click();
  await p.locator('.intro-start').click();
  await p.locator('.intro-confirm .nut-dialog-footer-ok').click();
  await p.locator('.paper-index', { hasText: '第 1 / 100 题' }).waitFor();
  // An hour on the server's clock, although the deadline test before moved it ahead of the phone's.
  expect(await p.locator('.paper-countdown__time').innerText()).toMatch(/^(1:00:00|59:\d\d)$/);
  await p.locator('.paper-option').first().click();
  await p.locator('.paper-save--saved').waitFor();
  await p.locator('.paper-sheet-open').click();
  expect(await p.locator('.paper-cell').count()).toBe(100);
  expect(await p.locator('.paper-cell--answered').count()).toBe(1);
  await shot(p, 'mp-exam-demo-sheet');
  expect(await leaksIn(seen)).toEqual([]);
  await context.close();
});

it('a save that fails shows 保存失败 on the question and the sheet, and 重试 saves it', async () => {
  const token = await regulatorToken();
  const { bankId, known } = await bankWith(token, '断网', { judge: 2, single: 0, multiple: 0 });
  const title = '断网重试测验（e2e）';
  const examId = await publish(token, { title, kind: 'mock', durationMinutes: 30, rule: { sections: [{ from: { bankIds: [bankId] }, type: 'judge', count: 2, scorePerQuestion: 50 }] } });
  const { context, page: p, openid } = await signedInWorker('褚断网', makeIdNumber('370481', '19960606', '279'));
  await p.goto(`${e2e.cloud.url}/#/pages/exam/index`);
  await p.locator('.exam-section--mock .exam-row', { hasText: title }).click();
  await p.locator('.intro-start').click();
  await p.locator('.intro-confirm .nut-dialog-footer-ok').click();
  await p.locator('.paper-stem').waitFor();

  // The network drops saveAnswer calls: the answer stays on screen, marked unsaved.
  const offline = async (route: import('playwright-core').Route) => {
    if ((route.request().postData() ?? '').includes('"action":"saveAnswer"')) await route.abort();
    else await route.continue();
  };
  await p.route('**/api/fn/exam', offline);
  await answer(p, known, 'right');
  await p.locator('.paper-save--failed').waitFor();
  await p.locator('.paper-sheet-open').click();
  expect(await p.locator('.paper-cell--failed').count()).toBe(1);
  await shot(p, 'mp-exam-save-failed');
  await p.locator('.paper-cell').first().click();
  const before = await mustCall<{ saved?: Record<string, string[]> }>(e2e.cloud, 'exam', { action: 'start', examId }, { openid });
  expect(Object.keys(before.saved ?? {})).toHaveLength(0);

  // Back online: 重试 saves it.
  await p.unroute('**/api/fn/exam', offline);
  await p.locator('.paper-save__retry').click();
  await p.locator('.paper-save--saved').waitFor();
  const after = await mustCall<{ saved?: Record<string, string[]> }>(e2e.cloud, 'exam', { action: 'start', examId }, { openid });
  expect(Object.keys(after.saved ?? {})).toHaveLength(1);
  await context.close();
});
