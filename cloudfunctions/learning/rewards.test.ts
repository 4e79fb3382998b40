/**
 * After the study itself: identity checks, ratings, points, ranks and leaderboards, 学时证明 and
 * 一人一档; plus the round-trip budgets of the hot actions. The clock is injected, never waited on.
 */
import { setClockForTests } from '../common/clock';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import type { EnterpriseDoc } from '../common/enterprises';
import type { Fail, Ok } from '../../shared/errors';
import type { CertificateView, LeaderboardRow } from '../../shared/contracts/learning';
import type { CourseDetail } from '../../shared/contracts/courses';
import { isoWeekKey, shanghaiYear } from '../../shared/calendar';
import { DEFAULT_POINTS_RULES } from '../../shared/learning/points';
import { newEnterprise } from '../org/orgTesting';
import { publishedCourse } from './learningTesting';
import { addCourse, addWorker, enterpriseDoc } from './studyTesting';
import { personByOpenId, personWithCompanion } from '../common/persons';
import { LEARNER_COMPANION } from './learner';

jest.setTimeout(60_000);

let cloud: TestCloud;
let ent: EnterpriseDoc;
let t = Date.parse('2026-12-09T02:00:00Z');
const advance = (s: number) => {
  t += s * 1000;
};

beforeAll(async () => {
  cloud = await startTestCloud();
  ent = await enterpriseDoc(cloud);
  setClockForTests(() => new Date(t));
}, 90_000);
afterAll(async () => {
  setClockForTests(null);
  await cloud?.close();
});

const call = <T>(openid: string, action: string, input: Record<string, unknown> = {}): Promise<Ok<T> | Fail> => cloud.call<T>('learning', { action, ...input }, { openid });
const code = (r: Ok<unknown> | Fail) => (r.ok ? 'ok' : r.code);
const byId = async <T>(collection: string, id: string): Promise<T | null> => {
  const r = await cloud.db().collection(collection).doc(id).get();
  return ((Array.isArray(r.data) ? r.data[0] : r.data) ?? null) as T | null;
};
type Start = { sessionId: string; creditedSeconds: number; identityCheckDue?: true };
type Cp = { creditedSeconds: number; requiredSeconds: number; done: boolean; identityCheckDue?: true };
const start = async (openid: string, courseId: string, materialId = 'm1') => expectOk(await call<Start>(openid, 'startStudy', { courseId, materialId }));
const cp = async (openid: string, sessionId: string, extra: Record<string, unknown> = {}) => expectOk(await call<Cp>(openid, 'checkpoint', { sessionId, ...extra }));
/** Studies one material for `seconds` in checkpoints of at most one interval. */
async function study(openid: string, courseId: string, seconds: number, materialId = 'm1'): Promise<Cp> {
  const s = await start(openid, courseId, materialId);
  let last: Cp = { creditedSeconds: s.creditedSeconds, requiredSeconds: 0, done: false };
  for (let left = seconds; left > 0; left -= 360) {
    advance(Math.min(360, left));
    last = await cp(openid, s.sessionId);
  }
  return last;
}

describe('courses published through the publishers’ actions', () => {
  it('reach exactly the workers their rule matches', async () => {
    const admin = await cloud.login('admin');
    const course = await publishedCourse(cloud, admin, { pushRule: { industries: [ent.industry], enterpriseIds: [ent._id] } } as never);
    const w = await addWorker(cloud, ent);
    const otherEnt = await enterpriseDoc(cloud, (await newEnterprise(cloud)).enterpriseId);
    const o = await addWorker(cloud, otherEnt);
    const mine = expectOk(await call<{ items: { courseId: string }[] }>(w.openid, 'myTasks')).items.map((i) => i.courseId);
    const theirs = expectOk(await call<{ items: { courseId: string }[] }>(o.openid, 'myTasks')).items.map((i) => i.courseId);
    expect(mine).toContain(course._id);
    expect(theirs).not.toContain(course._id);
    const detail = expectOk(await call<{ course: { materials: { _id: string; requiredSeconds: number }[] } }>(w.openid, 'getCourse', { courseId: course._id })).course;
    const done = await study(w.openid, course._id, detail.materials[0].requiredSeconds, detail.materials[0]._id);
    expect(done.done).toBe(true);
    expect(code(await call(o.openid, 'startStudy', { courseId: course._id, materialId: detail.materials[0]._id }))).toBe('COURSE_NOT_AVAILABLE');
    expect((await byId<CourseDetail & { completions: number }>('courses', course._id))!.completions).toBe(1);
  });
});

describe('identity checks (simulated verifier in the local cloud)', () => {
  it('a check due at the start holds credit until it passes', async () => {
    const w = await addWorker(cloud, ent);
    const c = await addCourse(cloud, { identityCheck: { mode: 'start' }, materials: [{ requiredSeconds: 1200 }] });
    const s = await start(w.openid, c._id);
    expect(s.identityCheckDue).toBe(true);
    expect(code(await call(w.openid, 'identityCheckResult', { sessionId: s.sessionId, checkId: 'chkforged', ticket: 'pass' }))).toBe('INVALID_INPUT');
    advance(300);
    expect(await cp(w.openid, s.sessionId)).toEqual({ creditedSeconds: 0, requiredSeconds: 1200, done: false, identityCheckDue: true });
    const check = expectOk(await call<{ checkId: string; verifier: string }>(w.openid, 'identityCheckStart', { sessionId: s.sessionId }));
    expect(check.verifier).toBe('simulated');
    advance(30); // the check itself is not study time
    expect(expectOk(await call(w.openid, 'identityCheckResult', { sessionId: s.sessionId, checkId: check.checkId, ticket: 'pass' }))).toEqual({ passed: true, creditedSeconds: 0, requiredSeconds: 1200 });
    // A check answers once.
    expect(code(await call(w.openid, 'identityCheckResult', { sessionId: s.sessionId, checkId: check.checkId, ticket: 'pass' }))).toBe('INVALID_INPUT');
    expect(code(await call(w.openid, 'identityCheckStart', { sessionId: s.sessionId }))).toBe('INVALID_INPUT');
    advance(300);
    expect(await cp(w.openid, s.sessionId)).toEqual({ creditedSeconds: 300, requiredSeconds: 1200, done: false });
  });

  it('a failed or skipped interval check voids the time since the last passed one, with its points', async () => {
    const w = await addWorker(cloud, ent);
    const c = await addCourse(cloud, { identityCheck: { mode: 'interval', intervalMinutes: 5 }, materials: [{ requiredSeconds: 3600 }] });
    const s = await start(w.openid, c._id);
    const first = expectOk(await call<{ checkId: string }>(w.openid, 'identityCheckStart', { sessionId: s.sessionId }));
    expectOk(await call(w.openid, 'identityCheckResult', { sessionId: s.sessionId, checkId: first.checkId, ticket: 'pass' }));
    advance(300);
    expect(await cp(w.openid, s.sessionId)).toMatchObject({ creditedSeconds: 300, identityCheckDue: true });
    const before = await byId<{ pointsTotal: number; daySeconds: number }>('studySessions', `studySession:${w.personId}`);
    expect(before).toMatchObject({ daySeconds: 300, pointsTotal: 1 });
    const second = expectOk(await call<{ checkId: string }>(w.openid, 'identityCheckStart', { sessionId: s.sessionId }));
    expect(expectOk(await call(w.openid, 'identityCheckResult', { sessionId: s.sessionId, checkId: second.checkId, ticket: 'not-a-face' }))).toEqual({ passed: false, creditedSeconds: 0, requiredSeconds: 3600 });
    const after = await byId<{ pointsTotal: number; daySeconds: number }>('studySessions', `studySession:${w.personId}`);
    expect(after).toMatchObject({ daySeconds: 0, pointsTotal: 0 });
    const third = expectOk(await call<{ checkId: string }>(w.openid, 'identityCheckStart', { sessionId: s.sessionId }));
    expect(expectOk(await call(w.openid, 'identityCheckResult', { sessionId: s.sessionId, checkId: third.checkId, skipped: true }))).toMatchObject({ passed: false });
    advance(300);
    expect(await cp(w.openid, s.sessionId)).toMatchObject({ creditedSeconds: 0, identityCheckDue: true });
  });
});

describe('ratings', () => {
  it('only after finishing; edits move the course totals by the difference, also in parallel; the first earns points once', async () => {
    const w = await addWorker(cloud, ent);
    const c = await addCourse(cloud, { materials: [{ requiredSeconds: 300 }] });
    expect(code(await call(w.openid, 'rateCourse', { courseId: c._id, stars: 5 }))).toBe('COURSE_NOT_FINISHED');
    expect(code(await call(w.openid, 'rateCourse', { courseId: 'crsmissing', stars: 5 }))).toBe('COURSE_NOT_FINISHED');
    await study(w.openid, c._id, 300);
    const pointsBefore = (await byId<{ pointsTotal: number }>('studySessions', `studySession:${w.personId}`))!.pointsTotal;
    expect(expectOk(await call(w.openid, 'rateCourse', { courseId: c._id, stars: 4, comment: ' 讲得清楚 ' }))).toEqual({ stars: 4, comment: '讲得清楚' });
    expect(await byId('courses', c._id)).toMatchObject({ ratingSum: 4, ratingCount: 1 });
    const results = await Promise.all([1, 2, 3, 5, 2].map((stars) => call(w.openid, 'rateCourse', { courseId: c._id, stars })));
    for (const r of results) expect(code(r)).toBe('ok');
    const stored = await byId<{ stars: number }>('ratings', `rating:${w.personId}:${c._id}`);
    expect(await byId('courses', c._id)).toMatchObject({ ratingSum: stored!.stars, ratingCount: 1 });
    expect(expectOk(await call<{ course: { myRating: number } }>(w.openid, 'getCourse', { courseId: c._id })).course.myRating).toBe(stored!.stars);
    expect((await byId<{ pointsTotal: number }>('studySessions', `studySession:${w.personId}`))!.pointsTotal).toBe(pointsBefore + DEFAULT_POINTS_RULES.courseRating.points);
    expect((await cloud.db().collection('pointsLedger').where({ personId: w.personId, source: 'courseRating' }).count()).total).toBe(1);
    const points = expectOk(await call<{ total: number; today: number; week: number; recent: { source: string; points: number }[] }>(w.openid, 'myPoints'));
    expect(points).toMatchObject({ total: pointsBefore + 1, today: pointsBefore + 1, week: pointsBefore + 1 });
    expect(points.recent.map((r) => r.source).sort()).toEqual(['courseComplete', 'courseRating', 'studyTime']);
  });
});

describe('ranks and leaderboards', () => {
  it('rank by points in the enterprise; weekly hours leaderboard with ties, masked names, and my own row beyond the top 100', async () => {
    const e = await enterpriseDoc(cloud, (await newEnterprise(cloud)).enterpriseId);
    const [a, b, c, idle] = await Promise.all(['张三明', '李四', '王五', '赵六'].map((name) => addWorker(cloud, e, { name })));
    const course = await addCourse(cloud, { materials: [{ requiredSeconds: 3600 }] });
    await study(a.openid, course._id, 900);
    await study(b.openid, course._id, 600);
    await study(c.openid, course._id, 600);
    const rankOf = async (openid: string) => expectOk(await call<{ enterpriseAll: number | null; enterpriseWeek: number | null; week: string }>(openid, 'myRank'));
    expect(await rankOf(a.openid)).toEqual({ enterpriseAll: 1, enterpriseWeek: 1, week: isoWeekKey(t) });
    expect(await rankOf(b.openid)).toMatchObject({ enterpriseAll: 2, enterpriseWeek: 2 });
    expect(await rankOf(c.openid)).toMatchObject({ enterpriseAll: 2, enterpriseWeek: 2 });
    expect(await rankOf(idle.openid)).toMatchObject({ enterpriseAll: null, enterpriseWeek: null });
    expect(expectOk(await call<{ rank: unknown }>(b.openid, 'myTasks')).rank).toEqual({ enterpriseAll: 2, enterpriseWeek: 2 });

    const board = expectOk(await call<{ items: LeaderboardRow[]; me: LeaderboardRow | null; week: string }>(b.openid, 'leaderboard', { scope: 'enterprise' }));
    expect(board.items).toEqual([
      { rank: 1, personId: a.personId, name: '张*明', seconds: 900 },
      { rank: 2, personId: expect.any(String), name: expect.any(String), seconds: 600 },
      { rank: 2, personId: expect.any(String), name: expect.any(String), seconds: 600 },
    ]);
    expect(board.items.map((i) => i.name).sort()).toEqual(['张*明', '李四', '王*'].sort());
    expect(board.me).toEqual({ rank: 2, personId: b.personId, name: '李四', seconds: 600 });
    expect(expectOk(await call<{ me: unknown }>(idle.openid, 'leaderboard', { scope: 'enterprise' })).me).toBeNull();
    expect(code(await call(a.openid, 'leaderboard', { scope: 'enterprise', week: '2020-W01' }))).toBe('INVALID_INPUT');
    const county = expectOk(await call<{ items: LeaderboardRow[]; me: LeaderboardRow }>(a.openid, 'leaderboard', { scope: 'county' }));
    expect(county.items.map((i) => i.seconds)).toEqual([...county.items.map((i) => i.seconds)].sort((x, y) => y - x));
    expect(county.me).toMatchObject({ personId: a.personId, name: '张三明' });
    expect(county.items.find((i) => i.personId === b.personId)).toMatchObject({ enterpriseName: e.name });

    // 100 learners ahead in the city: the caller is not in the top 100 but still sees its own rank.
    const week = isoWeekKey(t);
    await cloud.db().collection('studySessions').add({
      data: Array.from({ length: 100 }, (_, i) => ({ _id: `studySession:pbench${e._id}${i}`, personId: `pbench${i}`, name: '某某某', enterpriseId: 'elsewhere', enterpriseName: '别处', cityCode: e.cityCode, countyCode: 'x', week, weekSeconds: 5000 + i, pointsTotal: 0, weekPoints: 0 })),
    });
    const city = expectOk(await call<{ items: LeaderboardRow[]; me: LeaderboardRow }>(c.openid, 'leaderboard', { scope: 'city' }));
    expect(city.items).toHaveLength(100);
    expect(city.items.some((i) => i.personId === c.personId)).toBe(false);
    expect(city.me.rank).toBeGreaterThan(100);
    expect(city.me).toMatchObject({ personId: c.personId, name: '王五', seconds: 600 });
  });
});

describe('学时证明 and 一人一档', () => {
  it('issues one certificate per year and set of courses (also in parallel); the public check shows it masked', async () => {
    const w = await addWorker(cloud, ent, { name: '孙学习' });
    expect(code(await call(w.openid, 'issueCertificate', { year: shanghaiYear(t) }))).toBe('CERTIFICATE_NO_HOURS');
    const c1 = await addCourse(cloud, { title: '消防安全', materials: [{ requiredSeconds: 300 }] });
    await study(w.openid, c1._id, 300);
    const issued = await Promise.all(Array.from({ length: 3 }, () => call<{ certificate: CertificateView }>(w.openid, 'issueCertificate', { year: shanghaiYear(t) })));
    const certs = issued.map((r) => expectOk(r).certificate);
    expect(new Set(certs.map((c) => c._id)).size).toBe(1);
    expect(new Set(certs.map((c) => c.code)).size).toBe(1);
    const cert = certs[0];
    expect(cert).toMatchObject({ name: '孙学习', status: 'valid', onlineHours: 1, courses: [{ title: '消防安全', creditedHours: 1 }] });
    expect(cert.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(cert.idMasked).toMatch(/\*{6,}/);

    const guest = await cloud.call<{ status: string; certificate?: Record<string, unknown> }>('learning', { action: 'verifyCertificate', code: cert.code.toLowerCase() });
    const verified = expectOk(guest);
    expect(verified.status).toBe('valid');
    expect(verified.certificate).toMatchObject({ code: cert.code, name: '孙*习', idMasked: cert.idMasked, courses: [{ title: '消防安全' }] });
    expect(Object.keys(verified.certificate!)).not.toEqual(expect.arrayContaining(['personId']));
    expect(expectOk(await cloud.call('learning', { action: 'verifyCertificate', code: 'ZZZZZZZZ' }))).toEqual({ status: 'notFound' });
    expect(code(await cloud.call('learning', { action: 'verifyCertificate', code: 'short' }))).toBe('INVALID_INPUT');

    // New hours: a new certificate (new code); the old one stays valid.
    const c2 = await addCourse(cloud, { title: '用电安全', materials: [{ requiredSeconds: 300 }] });
    await study(w.openid, c2._id, 300);
    const next = expectOk(await call<{ certificate: CertificateView }>(w.openid, 'issueCertificate', { year: shanghaiYear(t) })).certificate;
    expect(next._id).not.toBe(cert._id);
    expect(next.code).not.toBe(cert.code);
    expect(next.courses.map((c) => c.title)).toEqual(['消防安全', '用电安全']);
    expect(expectOk(await call<{ items: CertificateView[] }>(w.openid, 'myCertificates')).items.map((c) => c._id).sort()).toEqual([cert._id, next._id].sort());
  });

  it('一人一档 keeps courses, offline trainings and hours across employers', async () => {
    const w = await addWorker(cloud, ent, { name: '周档案' });
    const c = await addCourse(cloud, { title: '有限空间作业', materials: [{ requiredSeconds: 600 }] });
    await study(w.openid, c._id, 600);
    const day = new Date(t + 8 * 3600 * 1000).toISOString().slice(0, 10);
    await cloud.db().collection('offlineTrainings').add({
      data: [
        { _id: `offline:${ent._id}:req1${w.personId}`, enterpriseId: ent._id, date: day, topic: '消防演练', trainer: '钱老师', hours: 4, attendeeIds: [w.personId, 'pother'], evidenceFileIDs: [], voided: false, createdAt: new Date(t) },
        { _id: `offline:${ent._id}:req2${w.personId}`, enterpriseId: ent._id, date: day, topic: '作废的记录', trainer: '钱老师', hours: 8, attendeeIds: [w.personId], evidenceFileIDs: [], voided: true, createdAt: new Date(t) },
      ],
    });
    // The person moves to another enterprise: the records follow the person.
    const other = await enterpriseDoc(cloud, (await newEnterprise(cloud)).enterpriseId);
    await cloud.db().collection('persons').doc(w.personId).update({ data: { enterpriseId: other._id, enterpriseName: other.name } });
    const archive = expectOk(
      await call<{ courses: { courseId: string; enterpriseName: string | null; creditedHours: number; creditedSeconds: number }[]; offlineTrainings: { topic: string; hours: number; enterpriseName: string }[]; years: { year: number; onlineHours: number; offlineHours: number; requirement: { total: number } }[]; certificates: unknown[] }>(
        w.openid,
        'myArchive',
      ),
    );
    expect(archive.courses).toEqual([{ courseId: c._id, title: '有限空间作业', category: 'required', enterpriseName: ent.name, completedAt: expect.any(String), creditedSeconds: 600, creditedHours: 1 }]);
    expect(archive.offlineTrainings).toEqual([{ date: day, topic: '消防演练', hours: 4, enterpriseName: ent.name }]);
    expect(archive.years[0]).toMatchObject({ year: shanghaiYear(t), onlineHours: 0.1, offlineHours: 4 });
    expect(archive.certificates).toEqual([]);
  });
});

describe('round trips, as the database server counts them (the router’s caller lookup included)', () => {
  /** The requests one call made, by wire action (only those that moved). */
  const requestsOf = async (run: () => Promise<unknown>): Promise<Record<string, number>> => {
    const before = cloud.requestsByAction();
    await run();
    const after = cloud.requestsByAction();
    return Object.fromEntries(Object.entries(after).filter(([k, n]) => n !== (before[k] ?? 0)).map(([k, n]) => [k, n - (before[k] ?? 0)]));
  };

  it('startStudy 3, checkpoint 2, myRank 2, myTasks 3 in all', async () => {
    const w = await addWorker(cloud, ent);
    const c = await addCourse(cloud, { materials: [{ requiredSeconds: 900 }] });
    // No learner document yet: the companion is null, the ranks too (no points), nothing is read twice.
    cloud.takeRoundTrips();
    expect(expectOk(await call<{ points: number; rank: unknown }>(w.openid, 'myTasks'))).toMatchObject({ points: 0, rank: { enterpriseWeek: null, enterpriseAll: null } });
    expect(cloud.takeRoundTrips()).toBe(2); // person + learner, courses (no rank aggregate without points)
    const s = await start(w.openid, c._id);
    // person + learner document (one aggregate), course, create or compare-and-set.
    expect(cloud.takeRoundTrips()).toBe(3);
    advance(300);
    await cp(w.openid, s.sessionId);
    expect(cloud.takeRoundTrips()).toBe(2);
    expectOk(await call(w.openid, 'myRank'));
    expect(cloud.takeRoundTrips()).toBe(2);
    expectOk(await call(w.openid, 'myTasks'));
    expect(cloud.takeRoundTrips()).toBe(3);
    // The other actions that read the learner document first take it from the router too.
    expectOk(await call(w.openid, 'myPoints'));
    expect(cloud.takeRoundTrips()).toBe(2); // + the latest ledger entries
    expectOk(await call(w.openid, 'getCourse', { courseId: c._id }));
    expect(cloud.takeRoundTrips()).toBe(3); // + the course, the caller's rating
  });

  it('the learner document comes in the router’s one read; actions without a companion keep the plain person query', async () => {
    const w = await addWorker(cloud, ent);
    const c = await addCourse(cloud, { materials: [{ requiredSeconds: 900 }] });
    const s = await start(w.openid, c._id);
    advance(60);
    const checkpoint = await requestsOf(async () => cp(w.openid, s.sessionId));
    expect(checkpoint).toEqual({ 'database.aggregateDocuments': 1, 'database.modifyDocument': 1 });
    // identity.me declares none: the person by OPENID (one plain query), no aggregate.
    const me = await requestsOf(async () => expectOk(await cloud.call('identity', { action: 'me' }, { openid: w.openid })));
    expect(me['database.aggregateDocuments'] ?? 0).toBe(0);
  });

  it('the router’s aggregate answers the same person as the plain query, and only the caller’s own learner document', async () => {
    const a = await addWorker(cloud, ent);
    const b = await addWorker(cloud, ent);
    const c = await addCourse(cloud, { materials: [{ requiredSeconds: 900 }] });
    const sb = await start(b.openid, c._id);
    const viaQuery = await personByOpenId(a.openid);
    const together = await personWithCompanion(a.openid, LEARNER_COMPANION);
    expect(together.person).toEqual(viaQuery);
    expect(together.person!.createdAt).toBeInstanceOf(Date);
    // A has no learner document; B's is never A's companion, nor B's session A's to checkpoint.
    expect(together.companion).toBeNull();
    expect(code(await call(a.openid, 'checkpoint', { sessionId: sb.sessionId }))).toBe('STUDY_SESSION_ENDED');
    const sa = await start(a.openid, c._id);
    const mine = await personWithCompanion(a.openid, LEARNER_COMPANION);
    expect(mine.companion).toEqual(await byId('studySessions', `studySession:${a.personId}`));
    expect((mine.companion as { session: { sessionId: string } }).session.sessionId).toBe(sa.sessionId);
    expect(await personWithCompanion('o-nobody-bound', LEARNER_COMPANION)).toEqual({ person: null, companion: null });
  });
});
