import { setClockForTests } from '../common/clock';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import type { EnterpriseDoc } from '../common/enterprises';
import type { Fail, Ok } from '../../shared/errors';
import { STUDY_TIMING } from '../../shared/learning/crediting';
import { DEFAULT_POINTS_RULES } from '../../shared/learning/points';
import { regionPath } from '../../shared/regions';
import { shanghaiDay } from '../../shared/calendar';
import { addCourse, addWorker, enterpriseDoc } from './studyTesting';

jest.setTimeout(60_000);

let cloud: TestCloud;
let ent: EnterpriseDoc;
let other: EnterpriseDoc;
/** The injectable clock: tests move it, never sleep. */
let t = Date.parse('2026-12-02T02:00:00Z');
const advance = (s: number) => {
  t += s * 1000;
};

beforeAll(async () => {
  cloud = await startTestCloud();
  ent = await enterpriseDoc(cloud);
  const res = await cloud.db().collection('enterprises').where({ industry: cloud.db().command.neq(ent.industry) }).limit(1).get<EnterpriseDoc>();
  other = res.data[0];
  setClockForTests(() => new Date(t));
}, 90_000);
afterAll(async () => {
  setClockForTests(null);
  await cloud?.close();
});

type Start = { sessionId: string; creditedSeconds: number; requiredSeconds: number; checkpointEverySeconds: number; identityCheckDue?: true; resumeAt?: number };
type Cp = { creditedSeconds: number; requiredSeconds: number; done: boolean; identityCheckDue?: true };
const call = <T>(openid: string, action: string, input: Record<string, unknown> = {}): Promise<Ok<T> | Fail> => cloud.call<T>('learning', { action, ...input }, { openid });
const start = async (openid: string, courseId: string, materialId = 'm1') => expectOk(await call<Start>(openid, 'startStudy', { courseId, materialId }));
const cp = (openid: string, sessionId: string, extra: Record<string, unknown> = {}) => call<Cp>(openid, 'checkpoint', { sessionId, ...extra });
const code = (r: Ok<unknown> | Fail) => (r.ok ? 'ok' : r.code);
const byId = async <T>(collection: string, id: string): Promise<T | null> => {
  const r = await cloud.db().collection(collection).doc(id).get();
  return ((Array.isArray(r.data) ? r.data[0] : r.data) ?? null) as T | null;
};

describe('tasks and availability', () => {
  it('a matching worker sees a published course in myTasks; a non-matching one, a draft and an expired course do not', async () => {
    const w = await addWorker(cloud, ent);
    const o = await addWorker(cloud, other);
    const mine = await addCourse(cloud, { title: '本行业必学', pushRule: { industries: [ent.industry] }, dueDate: '2026-12-31' });
    const draft = await addCourse(cloud, { title: '草稿', status: 'draft' });
    const expired = await addCourse(cloud, { title: '已过期', validUntil: '2026-12-01' });
    const region = await addCourse(cloud, { title: '本县课程', category: 'knowledge', pushRule: { regionCodes: [ent.countyCode] } });
    const tasks = expectOk(await call<{ items: { courseId: string; status: string; progress: number; dueAt: string | null; category: string }[]; points: number; rank: unknown }>(w.openid, 'myTasks'));
    const ids = tasks.items.map((i) => i.courseId);
    expect(ids).toEqual(expect.arrayContaining([mine._id, region._id]));
    expect(ids).not.toContain(draft._id);
    expect(ids).not.toContain(expired._id);
    expect(tasks.items.find((i) => i.courseId === mine._id)).toMatchObject({ status: 'notStarted', progress: 0, category: 'required', dueAt: '2026-12-31T15:59:59.999Z' });
    expect(tasks).toMatchObject({ points: 0, rank: { enterpriseWeek: null, enterpriseAll: null } });

    const theirs = expectOk(await call<{ items: { courseId: string }[] }>(o.openid, 'myTasks')).items.map((i) => i.courseId);
    expect(theirs).not.toContain(mine._id);
    // The same answer for a non-matching, a draft, an expired and a missing course (no oracle).
    for (const [who, id] of [
      [o.openid, mine._id],
      [w.openid, draft._id],
      [w.openid, expired._id],
      [w.openid, 'crsmissing'],
    ]) {
      expect(code(await call(who, 'getCourse', { courseId: id }))).toBe('COURSE_NOT_AVAILABLE');
      expect(code(await call(who, 'startStudy', { courseId: id, materialId: 'm1' }))).toBe('COURSE_NOT_AVAILABLE');
    }
    const detail = expectOk(await call<{ course: { _id: string; materials: { _id: string; creditedSeconds: number }[] } }>(w.openid, 'getCourse', { courseId: mine._id }));
    expect(detail.course).toMatchObject({ _id: mine._id, materials: [{ _id: 'm1', creditedSeconds: 0, kind: 'article', requiredSeconds: 600 }], done: false, myRating: null });
  });

  it('getCourse gives stored videos and documents a short-lived URL that serves the file (the H5 build plays and shows them); an unknown file gets none, not an error', async () => {
    const w = await addWorker(cloud, ent);
    const admin = await cloud.login('admin');
    const clip = Buffer.from('not really an mp4, but bytes the URL must serve');
    const video = cloud.putFile('课程.mp4', clip, 'admin');
    const created = expectOk(
      await cloud.call<{ course: { _id: string } }>(
        'learning',
        {
          action: 'createCourse',
          title: '视频课程',
          category: 'required',
          creditedHours: 1,
          materials: [{ kind: 'video', title: '视频', fileID: video, durationSeconds: 30, requiredSeconds: 30 }],
          pushRule: { enterpriseIds: [ent._id] },
        },
        { sessionToken: admin },
      ),
    ).course;
    expectOk(await cloud.call('learning', { action: 'publishCourse', courseId: created._id }, { sessionToken: admin }));
    const got = expectOk(await call<{ course: { materials: { fileID?: string; url?: string }[] } }>(w.openid, 'getCourse', { courseId: created._id })).course;
    expect(got.materials[0].url).toMatch(/^https?:\/\//);
    const res = await fetch(got.materials[0].url!);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(clip)).toBe(true);

    const fixture = await addCourse(cloud, { materials: [{ kind: 'video', requiredSeconds: 60 }], pushRule: { enterpriseIds: [ent._id] } });
    const none = expectOk(await call<{ course: { materials: { url?: string }[] } }>(w.openid, 'getCourse', { courseId: fixture._id })).course;
    expect(none.materials[0].url).toBeUndefined();
  });

  it('a worker who left, and a guest, get no tasks and cannot study', async () => {
    const left = await addWorker(cloud, ent, { status: 'left' });
    const c = await addCourse(cloud);
    expect(expectOk(await call<{ items: unknown[] }>(left.openid, 'myTasks')).items).toEqual([]);
    expect(code(await call(left.openid, 'startStudy', { courseId: c._id, materialId: 'm1' }))).toBe('COURSE_NOT_AVAILABLE');
    expect(code(await call('o-nobody', 'myTasks'))).toBe('UNAUTHENTICATED');
  });
});

describe('server-credited study', () => {
  it('credits wall-clock time between checkpoints only, ignores claimed durations, caps at the required time', async () => {
    const w = await addWorker(cloud, ent);
    const c = await addCourse(cloud, { materials: [{ requiredSeconds: 900 }] });
    const s = await start(w.openid, c._id);
    expect(s).toEqual({ sessionId: expect.any(String), creditedSeconds: 0, requiredSeconds: 900, checkpointEverySeconds: STUDY_TIMING.checkpointEverySeconds });
    advance(300);
    // A duration the client claims is not part of the input (stripped): the server clock decides.
    expect(expectOk(await cp(w.openid, s.sessionId, { creditedSeconds: 5000, seconds: 5000, position: 120 }))).toEqual({ creditedSeconds: 300, requiredSeconds: 900, done: false });
    // Replayed at the same instant: nothing more.
    expect(expectOk(await cp(w.openid, s.sessionId))).toMatchObject({ creditedSeconds: 300 });
    // A silent gap of two hours: at most one interval plus the tolerance.
    advance(7200);
    expect(expectOk(await cp(w.openid, s.sessionId))).toMatchObject({ creditedSeconds: 300 + STUDY_TIMING.checkpointEverySeconds + STUDY_TIMING.toleranceSeconds });
    advance(3600);
    expect(expectOk(await cp(w.openid, s.sessionId))).toEqual({ creditedSeconds: 900, requiredSeconds: 900, done: true });
    const tasks = expectOk(await call<{ items: { courseId: string; status: string; progress: number }[] }>(w.openid, 'myTasks'));
    expect(tasks.items.find((i) => i.courseId === c._id)).toMatchObject({ status: 'done', progress: 1 });
  });

  it('never credits the time the page was hidden; resumes where it left off', async () => {
    const w = await addWorker(cloud, ent);
    const c = await addCourse(cloud, { materials: [{ requiredSeconds: 1800 }, { requiredSeconds: 600 }] });
    const s = await start(w.openid, c._id);
    advance(200);
    expect(expectOk(await cp(w.openid, s.sessionId, { hidden: true, position: 200 }))).toMatchObject({ creditedSeconds: 200 });
    advance(5000); // hidden for a long time
    expect(expectOk(await cp(w.openid, s.sessionId, { hidden: false }))).toMatchObject({ creditedSeconds: 200 });
    advance(100);
    expect(expectOk(await cp(w.openid, s.sessionId))).toMatchObject({ creditedSeconds: 300 });
    // The hide flushed the progress projection (课程中心 sees it).
    const progress = await byId<{ status: string; materials: Record<string, number> }>('progress', `progress:${w.personId}:${c._id}`);
    expect(progress).toMatchObject({ status: 'inProgress', materials: { m1: 200 } });
    // A new session on the same material resumes: credit and position.
    const again = await start(w.openid, c._id);
    expect(again).toMatchObject({ creditedSeconds: 300, resumeAt: 200 });
  });

  it('a second device replaces the first: its checkpoints answer STUDY_SESSION_REPLACED; a foreign or unknown id is refused', async () => {
    const w = await addWorker(cloud, ent);
    const stranger = await addWorker(cloud, ent);
    const c = await addCourse(cloud, { materials: [{ requiredSeconds: 3600 }] });
    const a = await start(w.openid, c._id);
    advance(120);
    const b = await start(w.openid, c._id);
    // The replaced session's visible time up to the replacement counted once.
    expect(b.creditedSeconds).toBe(120);
    advance(60);
    expect(code(await cp(w.openid, a.sessionId))).toBe('STUDY_SESSION_REPLACED');
    expect(expectOk(await cp(w.openid, b.sessionId))).toMatchObject({ creditedSeconds: 180 });
    // Someone else's session id is not the caller's: the same answer as an id that never existed.
    expect(code(await cp(stranger.openid, b.sessionId))).toBe('STUDY_SESSION_ENDED');
    expect(code(await cp(stranger.openid, 'ssnotasession'))).toBe('STUDY_SESSION_ENDED');
    advance(60);
    expect(expectOk(await cp(w.openid, b.sessionId))).toMatchObject({ creditedSeconds: 240 });
  });

  it('parallel starts leave exactly one active session; parallel and replayed checkpoints credit an interval once', async () => {
    const w = await addWorker(cloud, ent);
    const c = await addCourse(cloud, { materials: [{ requiredSeconds: 3600 }] });
    const starts = await Promise.all(Array.from({ length: 5 }, () => call<Start>(w.openid, 'startStudy', { courseId: c._id, materialId: 'm1' })));
    const ids = starts.map((r) => expectOk(r).sessionId);
    advance(300);
    const outcomes = await Promise.all(ids.map((id) => cp(w.openid, id)));
    expect(outcomes.filter((r) => r.ok)).toHaveLength(1);
    expect(outcomes.filter((r) => !r.ok).map(code)).toEqual(Array(4).fill('STUDY_SESSION_REPLACED'));
    const live = ids[outcomes.findIndex((r) => r.ok)];
    advance(300);
    const parallel = await Promise.all(Array.from({ length: 6 }, () => cp(w.openid, live)));
    for (const r of parallel) expect(code(r)).toBe('ok');
    const learner = await byId<{ tasks: Record<string, { credited: number }>; daySeconds: number }>('studySessions', `studySession:${w.personId}`);
    expect(learner!.tasks[c._id].credited).toBe(600);
    expect(learner!.daySeconds).toBe(600);
  });
});

describe('employment changes', () => {
  it('a checkpoint carries the person’s current enterprise onto the learner document; a worker who left is credited nothing', async () => {
    const w = await addWorker(cloud, ent);
    const c = await addCourse(cloud, { materials: [{ requiredSeconds: 3600 }] });
    const s = await start(w.openid, c._id);
    await cloud.db().collection('persons').doc(w.personId).update({ data: { enterpriseId: other._id, enterpriseName: other.name, countyCode: other.countyCode, cityCode: other.cityCode } });
    advance(120);
    expectOk(await cp(w.openid, s.sessionId));
    expect(await byId('studySessions', `studySession:${w.personId}`)).toMatchObject({ enterpriseId: other._id, enterpriseName: other.name, countyCode: other.countyCode });
    await cloud.db().collection('persons').doc(w.personId).update({ data: { status: 'left', enterpriseId: null, enterpriseName: null } });
    advance(120);
    expect(code(await cp(w.openid, s.sessionId))).toBe('STUDY_SESSION_ENDED');
    expect((await byId<{ daySeconds: number }>('studySessions', `studySession:${w.personId}`))!.daySeconds).toBe(120);
  });
});

describe('completion, points and counters', () => {
  it('finishing the last material records the completion once, grants points through the ledger and moves the counters', async () => {
    const w = await addWorker(cloud, ent);
    const c = await addCourse(cloud, { materials: [{ requiredSeconds: 300 }, { kind: 'video', requiredSeconds: 300 }] });
    const statsBefore = await Promise.all([`learn:ent:${ent._id}`, ...regionPath(ent.countyCode).map((r) => `learn:region:${r}`)].map((id) => byId<{ onlineSeconds: number; completions: number }>('stats', id)));
    const s1 = await start(w.openid, c._id, 'm1');
    advance(300);
    expect(expectOk(await cp(w.openid, s1.sessionId))).toMatchObject({ done: true });
    const s2 = await start(w.openid, c._id, 'm2');
    advance(300);
    expect(expectOk(await cp(w.openid, s2.sessionId))).toMatchObject({ done: true, creditedSeconds: 300 });
    advance(60);
    expect(expectOk(await cp(w.openid, s2.sessionId))).toMatchObject({ done: true, creditedSeconds: 300 });

    const completion = await byId<{ courseId: string }>('completions', `completion:${w.personId}:${c._id}`);
    expect(completion).toMatchObject({ courseId: c._id });
    expect((await cloud.db().collection('completions').where({ personId: w.personId }).count()).total).toBe(1);
    const progress = await byId<{ status: string; creditedSeconds: number }>('progress', `progress:${w.personId}:${c._id}`);
    expect(progress).toMatchObject({ status: 'done', creditedSeconds: 600 });
    const day = shanghaiDay(t);
    const ledger = (await cloud.db().collection('pointsLedger').where({ personId: w.personId }).get<{ _id: string; points: number }>()).data;
    expect(Object.fromEntries(ledger.map((e) => [e._id, e.points]))).toEqual({
      [`pts:${w.personId}:studyTime:${day}`]: 2,
      [`pts:${w.personId}:courseComplete:${c._id}`]: DEFAULT_POINTS_RULES.courseComplete.points,
    });
    const tasks = expectOk(await call<{ points: number; rank: { enterpriseAll: number | null; enterpriseWeek: number | null } }>(w.openid, 'myTasks'));
    expect(tasks.points).toBe(2 + DEFAULT_POINTS_RULES.courseComplete.points);
    expect(tasks.rank.enterpriseAll).toEqual(expect.any(Number));
    const course = await byId<{ learners: number; completions: number }>('courses', c._id);
    expect(course).toMatchObject({ learners: 1, completions: 1 });
    const statsAfter = await Promise.all([`learn:ent:${ent._id}`, ...regionPath(ent.countyCode).map((r) => `learn:region:${r}`)].map((id) => byId<{ onlineSeconds: number; completions: number }>('stats', id)));
    statsAfter.forEach((after, i) => {
      expect(after!.onlineSeconds - (statsBefore[i]?.onlineSeconds ?? 0)).toBe(600);
      expect(after!.completions - (statsBefore[i]?.completions ?? 0)).toBe(1);
    });
  });

  it('daily caps: study-time points stop at the cap, course completions at theirs; a new Shanghai day starts again', async () => {
    const w = await addWorker(cloud, ent);
    const courses = await Promise.all(Array.from({ length: 6 }, () => addCourse(cloud, { materials: [{ requiredSeconds: 390 }] })));
    for (const c of courses) {
      const s = await start(w.openid, c._id);
      advance(390);
      expect(expectOk(await cp(w.openid, s.sessionId))).toMatchObject({ done: true });
    }
    const learner = await byId<{ dayPoints: Record<string, number>; pointsTotal: number; daySeconds: number }>('studySessions', `studySession:${w.personId}`);
    // 6 × 390 s = 2340 s → 7 units of 300 s; courseComplete 5 each, capped at 20 a day.
    expect(learner!.daySeconds).toBe(2340);
    expect(learner!.dayPoints).toEqual({ studyTime: 7, courseComplete: DEFAULT_POINTS_RULES.courseComplete.dailyCap });
    expect(learner!.pointsTotal).toBe(7 + 20);
    const more = await Promise.all(Array.from({ length: 3 }, () => addCourse(cloud, { materials: [{ requiredSeconds: 1800 }] })));
    for (const c of more) {
      const s = await start(w.openid, c._id);
      for (let i = 0; i < 5; i++) {
        advance(360);
        expectOk(await cp(w.openid, s.sessionId));
      }
    }
    const capped = await byId<{ dayPoints: Record<string, number>; pointsTotal: number }>('studySessions', `studySession:${w.personId}`);
    expect(capped!.dayPoints.studyTime).toBe(DEFAULT_POINTS_RULES.studyTime.dailyCap);
    expect(capped!.pointsTotal).toBe(DEFAULT_POINTS_RULES.studyTime.dailyCap + 20);
    // Next day (Shanghai): the counters start again; the closed day's ledger entry holds its total.
    const dayBefore = shanghaiDay(t);
    advance(24 * 3600);
    const c = await addCourse(cloud, { materials: [{ requiredSeconds: 300 }] });
    const s = await start(w.openid, c._id);
    advance(300);
    expectOk(await cp(w.openid, s.sessionId));
    const next = await byId<{ dayPoints: Record<string, number>; day: string }>('studySessions', `studySession:${w.personId}`);
    expect(next).toMatchObject({ day: shanghaiDay(t), dayPoints: { studyTime: 1, courseComplete: 5 } });
    expect(await byId<{ points: number }>('pointsLedger', `pts:${w.personId}:studyTime:${dayBefore}`)).toMatchObject({ points: DEFAULT_POINTS_RULES.studyTime.dailyCap });
  });
});
