/**
 * The enterprise side of courses through the real router: 课程中心 and per-employee completion (from
 * `progress` documents as the study side writes them), 提醒 into the outbox, 线下培训 (replays,
 * foreign attendees and files, void), the hours report, and publishers' ratings.
 */
import type { CompletionRow, CourseDetail, HoursRow, OfflineTrainingView } from '../../shared/contracts/courses';
import { shanghaiDay, shanghaiYear } from '../../shared/calendar';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import { freshIdNumber, newEnterprise } from '../org/orgTesting';
import { createCourse, learning, publishedCourse } from './learningTesting';

jest.setTimeout(60_000);

let cloud: TestCloud;
let admin: string;
let otherAdmin: string;
let tz: string;
let enterpriseId: string;
let deptId: string;
const staff: { personId: string; name: string; post: string }[] = [];

const org = <T = unknown>(action: string, input: Record<string, unknown>) => cloud.call<T>('org', { action, ...input }, { sessionToken: admin });
const db = () => cloud.db();

async function setProgress(personId: string, courseId: string, status: 'inProgress' | 'done', credited: number, required = 60) {
  await db()
    .collection('progress')
    .doc(`progress:${personId}:${courseId}`)
    .set({ data: { personId, enterpriseId, courseId, status, creditedSeconds: credited, requiredSeconds: required, completedAt: status === 'done' ? new Date() : null, year: shanghaiYear(new Date()), materials: {} } });
}

beforeAll(async () => {
  cloud = await startTestCloud();
  const e = await newEnterprise(cloud);
  admin = e.token;
  enterpriseId = e.enterpriseId;
  otherAdmin = await cloud.login('ent_admin');
  tz = await cloud.login('tz_regulator');
  deptId = expectOk(await org<{ department: { _id: string } }>('createDepartment', { name: '安全部' })).department._id;
  for (const [name, post] of [
    ['赵安全', 'safetyManager'],
    ['钱一线', 'otherWorker'],
    ['孙班长', 'teamLeader'],
    ['李特种', 'specialOperator'],
  ]) {
    const r = expectOk(await org<{ personId: string }>('addStaff', { name, idNumber: freshIdNumber(), postCategory: post, employmentType: 'regular' }));
    staff.push({ personId: r.personId, name, post });
  }
  expectOk(await org('updateStaff', { personId: staff[0].personId, departmentId: deptId }));
  expectOk(await org('updateStaff', { personId: staff[1].personId, departmentId: deptId }));
}, 60_000);
afterAll(() => cloud?.close());

describe('课程中心 and completion', () => {
  let all: CourseDetail;
  let managers: CourseDetail;
  beforeAll(async () => {
    all = await publishedCourse(cloud, admin, { title: '全员安全教育' });
    managers = await publishedCourse(cloud, admin, { title: '管理人员专题', pushRule: { postCategories: ['safetyManager', 'principal'] } });
    await setProgress(staff[0].personId, all._id, 'done', 60);
    await setProgress(staff[1].personId, all._id, 'inProgress', 30);
  });

  it('lists the courses reaching the enterprise with completion of its current staff', async () => {
    const county = await publishedCourse(cloud, tz, { title: '滕州全县课程' });
    const elsewhere = await publishedCourse(cloud, await cloud.login('sd_regulator'), { title: '济南专属课程', pushRule: { regionCodes: ['3701'] } });
    const draft = await createCourse(cloud, admin, { title: '未发布草稿' });
    const r = expectOk(await learning<{ items: { _id: string; reached: number; done: number; inProgress: number; notStarted: number }[]; total: number }>(cloud, admin, 'courseCenter', { pageSize: 50 }));
    const ids = r.items.map((i) => i._id);
    expect(ids).toEqual(expect.arrayContaining([all._id, managers._id, county._id]));
    expect(ids).not.toContain(elsewhere._id);
    expect(ids).not.toContain(draft._id);
    expect(r.items.find((i) => i._id === all._id)).toMatchObject({ reached: 4, done: 1, inProgress: 1, notStarted: 2 });
    expect(r.items.find((i) => i._id === managers._id)).toMatchObject({ reached: 1, done: 0, inProgress: 0, notStarted: 1 });
    // Another enterprise's 课程中心 does not list this enterprise's own courses.
    const other = expectOk(await learning<{ items: { _id: string }[] }>(cloud, otherAdmin, 'courseCenter', { pageSize: 50 }));
    expect(other.items.map((i) => i._id)).not.toContain(all._id);
    expect(other.items.map((i) => i._id)).toContain(county._id);
  });

  it('lists every reached employee with filters and department totals', async () => {
    type R = { items: CompletionRow[]; total: number; departments: { departmentId: string | null; name: string; done: number; inProgress: number; notStarted: number }[] };
    const r = expectOk(await learning<R>(cloud, admin, 'courseCompletion', { courseId: all._id }));
    expect(r.total).toBe(4);
    expect(r.items.find((i) => i.personId === staff[0].personId)).toMatchObject({ status: 'done', progress: 1, departmentName: '安全部' });
    expect(r.items.find((i) => i.personId === staff[1].personId)).toMatchObject({ status: 'inProgress', progress: 0.5 });
    expect(r.departments).toEqual([
      { departmentId: deptId, name: '安全部', done: 1, inProgress: 1, notStarted: 0 },
      { departmentId: null, name: '未分配部门', done: 0, inProgress: 0, notStarted: 2 },
    ]);
    const notStarted = expectOk(await learning<R>(cloud, admin, 'courseCompletion', { courseId: all._id, status: 'notStarted' }));
    expect(notStarted.items.map((i) => i.personId).sort()).toEqual([staff[2].personId, staff[3].personId].sort());
    expect(notStarted.departments).toEqual(r.departments); // totals stay unfiltered
    const byDept = expectOk(await learning<R>(cloud, admin, 'courseCompletion', { courseId: all._id, departmentId: deptId, keyword: '钱' }));
    expect(byDept.items.map((i) => i.name)).toEqual(['钱一线']);
    const paged = expectOk(await learning<R>(cloud, admin, 'courseCompletion', { courseId: all._id, page: 2, pageSize: 3 }));
    expect(paged.items).toHaveLength(1);
    // The rule's person dimensions: only the safety manager.
    const m = expectOk(await learning<R>(cloud, admin, 'courseCompletion', { courseId: managers._id }));
    expect(m.items.map((i) => i.personId)).toEqual([staff[0].personId]);
  });

  it('answers another enterprise’s course and a draft exactly as a missing course', async () => {
    const missing = await learning(cloud, otherAdmin, 'courseCompletion', { courseId: 'crs-missing' });
    expect(missing).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await learning(cloud, otherAdmin, 'courseCompletion', { courseId: all._id })).toEqual(missing);
    expect(await learning(cloud, otherAdmin, 'remindLearners', { courseId: all._id })).toEqual(missing);
    const draft = await createCourse(cloud, admin);
    expect(await learning(cloud, admin, 'courseCompletion', { courseId: draft._id })).toEqual(missing);
  });

  it('提醒 queues one outbox entry per person not done per day; replays and parallel calls add nothing', async () => {
    const first = await Promise.all([0, 1, 2].map(() => learning<{ queued: number; alreadyToday: number }>(cloud, admin, 'remindLearners', { courseId: all._id })));
    const queued = first.map((r) => expectOk(r).queued).reduce((a, b) => a + b, 0);
    expect(queued).toBe(3); // everyone but the one who is done, once
    const again = expectOk(await learning<{ queued: number; alreadyToday: number }>(cloud, admin, 'remindLearners', { courseId: all._id }));
    expect(again).toEqual({ queued: 0, alreadyToday: 3 });
    const day = shanghaiDay(new Date());
    const doc = (await db().collection('outbox').doc(`remind:${all._id}:${staff[2].personId}:${day}`).get()).data as unknown as Record<string, unknown>;
    expect(doc).toMatchObject({ status: 'queued', template: 'courseReminder', personId: staff[2].personId, enterpriseId, courseId: all._id });
    expect((await db().collection('outbox').doc(`remind:${all._id}:${staff[0].personId}:${day}`).get()).data).toBeNull();
    // Named persons: only those reached and not done count; strangers are ignored.
    const named = expectOk(await learning<{ queued: number; alreadyToday: number }>(cloud, admin, 'remindLearners', { courseId: managers._id, personIds: [staff[0].personId, staff[1].personId, 'p-stranger'] }));
    expect(named).toEqual({ queued: 1, alreadyToday: 0 });
  });
});

describe('sending reminders', () => {
  const sys = async () => cloud.login('admin');
  const send = async (token: string) => expectOk(await cloud.call<{ configured: boolean; sent: number; failed: number; skipped: number; expired: number; more: boolean }>('learning', { action: 'sendReminders' }, { sessionToken: token }));

  it('without a template id sends nothing and leaves the outbox queued', async () => {
    delete process.env.ANXUE_REMIND_TEMPLATE_ID;
    const c = await publishedCourse(cloud, admin, { title: '提醒发送（未配置）' });
    expectOk(await learning(cloud, admin, 'remindLearners', { courseId: c._id }));
    const r = await send(await sys());
    expect(r).toMatchObject({ configured: false, sent: 0, more: true });
    expect((await db().collection('outbox').where({ courseId: c._id, status: 'queued' }).count()).total).toBe(4);
  });

  it('claims each entry once (parallel runs), sends to bound persons, skips unbound ones, expires old ones', async () => {
    process.env.ANXUE_REMIND_TEMPLATE_ID = 'tmpl-test';
    try {
      for (const s of staff.slice(2)) await db().collection('persons').doc(s.personId).update({ data: { openid: `o-remind-${s.personId}` } });
      const c = await publishedCourse(cloud, admin, { title: '提醒发送' });
      expectOk(await learning(cloud, admin, 'remindLearners', { courseId: c._id }));
      const old = new Date(Date.now() - 5 * 24 * 3600 * 1000);
      await db().collection('outbox').add({ data: { _id: `remind:${c._id}:p-old:2020-01-01`, kind: 'subscribeMessage', template: 'courseReminder', status: 'queued', personId: 'p-old', openid: 'o-old', courseId: c._id, data: { title: 'x', dueDate: null }, createdAt: old } });
      const token = await sys();
      const runs = await Promise.all([send(token), send(token), send(token)]);
      const total = (k: 'sent' | 'skipped' | 'expired') => runs.reduce((n, r) => n + r[k], 0);
      const mine = (await db().collection('outbox').where({ courseId: c._id }).get<{ _id: string; personId: string; status: string; attempts: number; via?: string }>()).data;
      expect(mine).toHaveLength(5);
      for (const e of mine) expect(e.attempts).toBe(1);
      const status = Object.fromEntries(mine.map((e) => [e.personId, e.status]));
      expect(status).toEqual({ [staff[0].personId]: 'skipped', [staff[1].personId]: 'skipped', [staff[2].personId]: 'sent', [staff[3].personId]: 'sent', 'p-old': 'expired' });
      expect(total('sent')).toBe(2);
      expect(total('expired')).toBe(1);
      expect(total('skipped')).toBeGreaterThanOrEqual(2); // plus the unbound entries of earlier tests
      expect((await db().collection('outbox').where({ status: 'queued' }).count()).total).toBe(0);
      // Nothing left: a later run sends nothing.
      expect(await send(token)).toMatchObject({ configured: true, sent: 0, skipped: 0, more: false });
    } finally {
      delete process.env.ANXUE_REMIND_TEMPLATE_ID;
    }
  });
});

describe('线下培训', () => {
  const base = () => ({ date: '2026-03-15', topic: '消防演练', trainer: '王教官', hours: 2.5, attendeeIds: [staff[0].personId, staff[2].personId] });
  let rid = 0;
  const req = () => `req-${Date.now().toString(36)}-${rid++}`;

  it('records once per request id (replays and parallel submits answer the same record)', async () => {
    const requestId = req();
    const results = await Promise.all([0, 1, 2].map(() => learning<{ training: OfflineTrainingView }>(cloud, admin, 'createOfflineTraining', { ...base(), requestId })));
    const ids = new Set(results.map((r) => expectOk(r).training._id));
    expect(ids.size).toBe(1);
    const replay = expectOk(await learning<{ training: OfflineTrainingView }>(cloud, admin, 'createOfflineTraining', { ...base(), topic: '重放时改了标题', requestId }));
    expect(replay.training).toMatchObject({ topic: '消防演练', hours: 2.5, voided: false });
    expect(replay.training.attendees.map((a) => a.name).sort()).toEqual([staff[0].name, staff[2].name].sort());
    expect((await db().collection('offlineTrainings').where({ requestId }).count()).total).toBe(1);
  });

  it('takes only current staff, the caller’s own evidence files, and no future date', async () => {
    const foreign = expectOk(await cloud.call<{ items: { _id: string }[] }>('org', { action: 'listStaff' }, { sessionToken: otherAdmin })).items[0]._id;
    for (const bad of [[foreign], ['p-made-up']]) {
      const r = await learning(cloud, admin, 'createOfflineTraining', { ...base(), attendeeIds: [staff[0].personId, ...bad], requestId: req() });
      expect(r).toMatchObject({ ok: false, code: 'PERSON_NOT_FOUND', details: { personIds: bad } });
    }
    const theirs = cloud.putFile('现场.jpg', Buffer.from('jpg'), 'ent_admin');
    expect(await learning(cloud, admin, 'createOfflineTraining', { ...base(), evidenceFileIDs: [theirs], requestId: req() })).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND' });
    expect(await learning(cloud, admin, 'createOfflineTraining', { ...base(), date: '2099-01-01', requestId: req() })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const me = expectOk(await cloud.call<{ account: { username: string } }>('identity', { action: 'consoleMe' }, { sessionToken: admin })).account.username;
    const mine = cloud.putFile('签到表.pdf', Buffer.from('%PDF'), me);
    const ok = expectOk(await learning<{ training: OfflineTrainingView }>(cloud, admin, 'createOfflineTraining', { ...base(), evidenceFileIDs: [mine], requestId: req() }));
    expect(ok.training.evidenceFileIDs).toEqual([mine]);
  });

  it('lists by year and voids with a reason (audited, idempotent, foreign ids as missing)', async () => {
    const t = expectOk(await learning<{ training: OfflineTrainingView }>(cloud, admin, 'createOfflineTraining', { ...base(), date: '2025-06-01', topic: '录错的培训', requestId: req() })).training;
    const y2025 = expectOk(await learning<{ items: OfflineTrainingView[]; total: number }>(cloud, admin, 'listOfflineTrainings', { year: 2025 }));
    expect(y2025.items.map((i) => i._id)).toEqual([t._id]);
    expect(await learning(cloud, otherAdmin, 'voidOfflineTraining', { trainingId: t._id, reason: '不是我的' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const v = await Promise.all([0, 1].map(() => learning<{ training: OfflineTrainingView }>(cloud, admin, 'voidOfflineTraining', { trainingId: t._id, reason: '日期录错' })));
    for (const r of v) expect(expectOk(r).training.voided).toBe(true);
    const audits = await db().collection('auditLog').where({ action: 'offlineTraining.void', targetId: t._id }).get<{ details: { reason: string } }>();
    expect(audits.data.map((a) => a.details.reason)).toEqual(['日期录错']);
  });
});

describe('hours report', () => {
  it('adds online seconds (the year’s ledger days, today live) and non-voided offline hours against the requirement', async () => {
    const year = shanghaiYear(new Date());
    const p = staff[3].personId;
    // As the study side stores it: one ledger entry per day (seconds), today's live on the learner document.
    const today = shanghaiDay(new Date());
    const ledger = (day: string, seconds: number) => db().collection('pointsLedger').doc(`pts:${p}:studyTime:${day}`).set({ data: { personId: p, source: 'studyTime', eventKey: day, points: 1, seconds, at: new Date() } });
    const earlier = today === `${year}-01-01` ? `${year}-01-02` : `${year}-01-01`;
    await ledger(earlier, 4 * 3600);
    await ledger(`${year - 1}-12-30`, 5 * 3600); // last year: not this year's
    await ledger(today, 3600); // today's flushed part …
    await db().collection('studySessions').doc(`studySession:${p}`).set({ data: { personId: p, year, day: today, daySeconds: 5 * 3600, yearOnlineSeconds: 9 * 3600 } }); // … superseded by the live counter
    const rid = `hours-${Date.now().toString(36)}`;
    expectOk(await learning(cloud, admin, 'createOfflineTraining', { date: `${year}-01-10`, topic: '年度线下培训', trainer: '王教官', hours: 4, attendeeIds: [p], requestId: rid }));
    const voided = expectOk(await learning<{ training: OfflineTrainingView }>(cloud, admin, 'createOfflineTraining', { date: `${year}-01-11`, topic: '作废的培训', trainer: '王教官', hours: 8, attendeeIds: [p], requestId: `${rid}-v` })).training;
    expectOk(await learning(cloud, admin, 'voidOfflineTraining', { trainingId: voided._id, reason: '重复录入' }));
    const r = expectOk(await learning<{ items: HoursRow[]; total: number }>(cloud, admin, 'hoursReport', { year, pageSize: 100 }));
    const row = r.items.find((i) => i.personId === p)!;
    // Joined this year: the initial requirement of a worker in a general industry (24 h: 12 online + 12 offline).
    expect(row).toMatchObject({ onlineHours: 9, offlineHours: 4, requirement: { kind: 'initial', total: 24, online: 12, offline: 12 }, onlineGap: 3, offlineGap: 8, gap: 11, met: false });
    expect(r.total).toBe(4);
    const gaps = expectOk(await learning<{ items: HoursRow[] }>(cloud, admin, 'hoursReport', { year, onlyGaps: true, pageSize: 100 }));
    expect(gaps.items.every((i) => !i.met)).toBe(true);
    const dept = expectOk(await learning<{ items: HoursRow[] }>(cloud, admin, 'hoursReport', { year, departmentId: deptId }));
    expect(dept.items.map((i) => i.name).sort()).toEqual(['赵安全', '钱一线'].sort());
  });
});

describe('ratings for publishers', () => {
  it('shows the average, the distribution and masked names; foreign courses as missing', async () => {
    const c = await publishedCourse(cloud, admin, { title: '评价测试课' });
    const ratings = [
      [staff[0], 5, '很实用'],
      [staff[1], 4, ''],
      [staff[2], 5, '讲得清楚'],
    ] as const;
    for (const [i, [s, stars, comment]] of ratings.entries()) {
      await db().collection('ratings').doc(`rating:${s.personId}:${c._id}`).set({ data: { personId: s.personId, courseId: c._id, name: s.name, stars, comment, at: new Date(Date.now() + i * 1000) } });
    }
    await db().collection('courses').doc(c._id).update({ data: { ratingSum: 14, ratingCount: 3 } });
    const r = expectOk(await learning<{ average: number; count: number; distribution: number[]; items: { stars: number; learner: string; comment: string }[]; hasMore: boolean }>(cloud, admin, 'courseRatings', { courseId: c._id, pageSize: 2 }));
    expect(r).toMatchObject({ average: 4.7, count: 3, distribution: [0, 0, 0, 1, 2], hasMore: true });
    expect(r.items[0]).toEqual({ stars: 5, comment: '讲得清楚', at: expect.any(String), learner: '孙*长' });
    expect(await learning(cloud, otherAdmin, 'courseRatings', { courseId: c._id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});
