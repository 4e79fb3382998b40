/**
 * Course management through the real router and the local database: drafts, scope, own uploads,
 * sanitized articles, reach counts (against an oracle over the seeded persons), publishing without
 * fan-out, versions, parallel and replayed calls.
 */
import type { CourseDetail, ReachPreview } from '../../shared/contracts/courses';
import { matchesPushRule, normalizePushRule, pushTargetOf, type PersonTargetFields, type PushRule } from '../../shared/learning/pushRule';
import { regionContains } from '../../shared/regions';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import { newEnterprise } from '../org/orgTesting';
import { courseInput, createCourse, learning, publishedCourse } from './learningTesting';

jest.setTimeout(60_000);

let cloud: TestCloud;
const tok = {} as Record<'sys' | 'sd' | 'zz' | 'tz' | 'ent' | 'other', string>;

beforeAll(async () => {
  cloud = await startTestCloud();
  tok.sys = await cloud.login('admin');
  tok.sd = await cloud.login('sd_regulator');
  tok.zz = await cloud.login('zz_regulator');
  tok.tz = await cloud.login('tz_regulator');
  tok.ent = await cloud.login('ent_admin');
  tok.other = (await newEnterprise(cloud)).token;
}, 60_000);
afterAll(() => cloud?.close());

async function all<T>(collection: string): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += 1000) {
    const res = await cloud.db().collection(collection).where({}).skip(skip).limit(1000).get<T>();
    out.push(...res.data);
    if (res.data.length < 1000) return out;
  }
}

type P = PersonTargetFields & { _id: string };
type E = { _id: string; regionCode: string; industry: string; supervisionType: string; keyAreas: string[]; scale: string };

/** The oracle: every person and enterprise loaded and matched in memory (what previewReach must never do). */
async function oracle(rule: PushRule): Promise<{ persons: number; enterprises: number }> {
  const persons = (await all<P>('persons')).filter((p) => {
    const t = pushTargetOf(p);
    return !!t && matchesPushRule(rule, t);
  });
  const ents = (await all<E>('enterprises')).filter((e) =>
    matchesPushRule({ ...rule, postCategories: [], certificates: [] }, { enterpriseId: e._id, regionCode: e.regionCode, industry: e.industry as never, supervisionType: e.supervisionType as never, keyAreas: e.keyAreas as never, scale: e.scale as never, postCategory: 'otherWorker', certificates: [] }),
  );
  return { persons: persons.length, enterprises: ents.length };
}

const rule = (r: Partial<PushRule>) => normalizePushRule(r);

describe('drafts', () => {
  it('creates a draft with the rule narrowed to the publisher, an id per material, sanitized html', async () => {
    const c = await createCourse(cloud, tok.tz, {
      materials: [{ kind: 'article', title: '图文一', html: '<p onclick="x()">正文<script>alert(1)</script></p><a href="javascript:x">链接</a>', requiredSeconds: 60 }],
    });
    expect(c).toMatchObject({ status: 'draft', version: 1, lineageId: c._id, publisher: { role: 'regulator', regionCode: '370481' }, rating: { average: null, count: 0 } });
    expect(c.pushRule.regionCodes).toEqual(['370481']);
    expect(c.materials[0]._id).toMatch(/^m[0-9a-z]+$/);
    expect(c.materials[0].html).toBe('<p>正文</p>链接');
    const own = await createCourse(cloud, tok.ent);
    expect(own.pushRule.enterpriseIds).toHaveLength(1);
  });

  it('a retried create with the same requestId answers the same draft: replayed, and in parallel', async () => {
    const requestId = "course-req-0001";
    const parallel = await Promise.all([0, 1, 2, 3].map(() => learning<{ course: CourseDetail }>(cloud, tok.tz, 'createCourse', { ...courseInput({ title: '重试的课程' }), requestId })));
    const ids = parallel.map((r) => expectOk(r).course._id);
    expect(new Set(ids).size).toBe(1);
    // A replay (its answer lost) changes nothing, even with edited fields.
    const replay = expectOk(await learning<{ course: CourseDetail }>(cloud, tok.tz, 'createCourse', { ...courseInput({ title: '重放时改了标题' }), requestId }));
    expect(replay.course).toMatchObject({ _id: ids[0], title: '重试的课程', status: 'draft' });
    expect((await cloud.db().collection('courses').where({ title: '重试的课程' }).count()).total).toBe(1);
    expect((await cloud.db().collection('courses').where({ title: '重放时改了标题' }).count()).total).toBe(0);
    // The same requestId from another account is another draft (it cannot reach the first).
    const theirs = expectOk(await learning<{ course: CourseDetail }>(cloud, tok.ent, 'createCourse', { ...courseInput({ title: '重试的课程' }), requestId })).course;
    expect(theirs._id).not.toBe(ids[0]);
    expect(theirs.publisher.role).toBe('enterpriseAdmin');
    // Without a requestId every create is a new draft; a malformed one is refused.
    const a = await createCourse(cloud, tok.tz, { title: '无请求号课程' });
    const b = await createCourse(cloud, tok.tz, { title: '无请求号课程' });
    expect(a._id).not.toBe(b._id);
    expect(await learning(cloud, tok.tz, 'createCourse', { ...courseInput(), requestId: 'bad id!' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('refuses a rule outside the publisher’s scope (region, enterprise) with PUSH_RULE_OUT_OF_SCOPE', async () => {
    const outside = await learning(cloud, tok.tz, 'createCourse', { ...courseInput({ pushRule: { regionCodes: ['3701'] } }) });
    expect(outside).toMatchObject({ ok: false, code: 'PUSH_RULE_OUT_OF_SCOPE' });
    const entOther = await learning(cloud, tok.ent, 'previewReach', { pushRule: { enterpriseIds: ['91370000000000000X'] } });
    expect(entOther).toMatchObject({ ok: false, code: 'PUSH_RULE_OUT_OF_SCOPE' });
    // A regulator naming an enterprise of another county, and one that does not exist: the same answer.
    const ents = await all<E>('enterprises');
    const far = ents.find((e) => !regionContains('370481', e.regionCode))!;
    for (const id of [far._id, 'NO-SUCH-ENTERPRISE']) {
      expect(await learning(cloud, tok.tz, 'previewReach', { pushRule: { enterpriseIds: [id] } })).toMatchObject({ ok: false, code: 'PUSH_RULE_OUT_OF_SCOPE' });
    }
    expect(await learning(cloud, tok.sd, 'previewReach', { pushRule: { enterpriseIds: [far._id] } })).toMatchObject({ ok: true });
  });

  it('takes only the caller’s own uploads of the right type (cover, video, document, article images)', async () => {
    const mine = cloud.putFile('课程.mp4', Buffer.from('video'), 'tz_regulator');
    const pdf = cloud.putFile('手册.pdf', Buffer.from('%PDF'), 'tz_regulator');
    const cover = cloud.putFile('封面.png', Buffer.from('png'), 'tz_regulator');
    const theirs = cloud.putFile('别人的.mp4', Buffer.from('video'), 'ent_admin');
    const materials = [
      { kind: 'video' as const, title: '视频课', fileID: mine, durationSeconds: 600, requiredSeconds: 300 },
      { kind: 'document' as const, title: '手册', fileID: pdf, pages: 4, requiredSeconds: 120 },
      { kind: 'article' as const, title: '图文', html: `<p>看图</p><img src="${cover}">`, requiredSeconds: 60 },
    ];
    const ok = await createCourse(cloud, tok.tz, { coverFileID: cover, materials });
    expect(ok.materials.map((m) => m.kind)).toEqual(['video', 'document', 'article']);
    for (const bad of [
      { coverFileID: theirs },
      { materials: [{ ...materials[0], fileID: theirs }] },
      { materials: [{ kind: 'article' as const, title: '图文', html: `<img src="${cloud.putFile('x.png', Buffer.from('p'), 'ent_admin')}">`, requiredSeconds: 60 }] },
      { materials: [{ ...materials[0], fileID: 'cloud://env.bucket/uploads/made/up.mp4' }] },
    ]) {
      expect(await learning(cloud, tok.tz, 'createCourse', { ...courseInput(bad) })).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND' });
    }
    // The right owner but the wrong kind of file.
    expect(await learning(cloud, tok.tz, 'createCourse', { ...courseInput({ materials: [{ ...materials[0], fileID: pdf }] as never }) })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    // Another account editing the course later keeps the files already on it (a sysadmin edit).
    const edited = expectOk(await learning<{ course: CourseDetail }>(cloud, tok.sys, 'updateCourse', { courseId: ok._id, materials: ok.materials as never }));
    expect(edited.course.materials.map((m) => m._id)).toEqual(ok.materials.map((m) => m._id));
  });

  it('updates drafts only, keeps material ids, and guards concurrent edits (rev / expectedUpdatedAt)', async () => {
    const c = await createCourse(cloud, tok.tz);
    const r = expectOk(await learning<{ course: CourseDetail }>(cloud, tok.tz, 'updateCourse', { courseId: c._id, title: '改过的标题', expectedUpdatedAt: c.updatedAt, materials: [...c.materials, { kind: 'article', title: '新增', html: '<p>新</p>', requiredSeconds: 30 }] }));
    expect(r.course.title).toBe('改过的标题');
    expect(r.course.materials[0]._id).toBe(c.materials[0]._id);
    expect(r.course.materials[1]._id).not.toBe(c.materials[0]._id);
    // The stale timestamp: CONFLICT.
    expect(await learning(cloud, tok.tz, 'updateCourse', { courseId: c._id, title: '旧页面提交', expectedUpdatedAt: c.updatedAt })).toMatchObject({ ok: false, code: 'CONFLICT' });
    // Parallel edits of the same revision: at most one wins, the rest CONFLICT, none lost silently.
    const parallel = await Promise.all(['并发一', '并发二', '并发三'].map((title) => learning<{ course: CourseDetail }>(cloud, tok.tz, 'updateCourse', { courseId: c._id, title })));
    const won = parallel.filter((p) => p.ok);
    expect(won.length).toBeGreaterThanOrEqual(1);
    for (const p of parallel) if (!p.ok) expect(p.code).toBe('CONFLICT');
    const now = expectOk(await learning<{ course: CourseDetail }>(cloud, tok.tz, 'getCourseDetail', { courseId: c._id })).course;
    expect(won.map((w) => (w.ok ? w.data.course.title : ''))).toContain(now.title);
    // Published: not editable.
    expectOk(await learning(cloud, tok.tz, 'publishCourse', { courseId: c._id }));
    expect(await learning(cloud, tok.tz, 'updateCourse', { courseId: c._id, title: '发布后修改' })).toMatchObject({ ok: false, code: 'COURSE_NOT_EDITABLE' });
  });

  it('foreign courses answer exactly as missing ones, and lists hold only the caller’s scope', async () => {
    const c = await createCourse(cloud, tok.tz, { title: '滕州专属课程' });
    const missing = await learning(cloud, tok.ent, 'getCourseDetail', { courseId: 'crs-no-such-course' });
    for (const t of [tok.ent, tok.other]) {
      for (const action of ['getCourseDetail', 'publishCourse', 'updateCourse', 'previewReach', 'newCourseVersion']) {
        const r = await learning(cloud, t, action, { courseId: c._id });
        expect(r).toEqual({ ...missing, ...(r.ok ? {} : { message: (missing as { message: string }).message }) });
      }
    }
    const listed = async (t: string) => (expectOk(await learning<{ items: { _id: string }[] }>(cloud, t, 'listCourses', { keyword: '滕州专属', pageSize: 100 })).items.map((i) => i._id));
    expect(await listed(tok.tz)).toContain(c._id);
    expect(await listed(tok.zz)).toContain(c._id); // the city above sees the county's courses
    expect(await listed(tok.sys)).toContain(c._id);
    expect(await listed(tok.ent)).not.toContain(c._id);
    const own = await createCourse(cloud, tok.ent, { title: '滕州专属企业课' });
    expect(await listed(tok.ent)).toContain(own._id);
    expect(await listed(tok.other)).toEqual([]);
    expect(await listed(tok.tz)).not.toContain(own._id);
  });
});

describe('upload purposes', () => {
  const ticket = (token: string, purpose: string, name: string, size: number, contentType = '') => cloud.call('files', { action: 'requestUpload', purpose, name, size, contentType }, { sessionToken: token });
  const MB = 1024 * 1024;
  it('courseMaterial: mp4 ≤ 200 MB (own media quota), pdf ≤ 30 MB, jpg/png ≤ 5 MB, for publishers', async () => {
    expect(await ticket(tok.tz, 'courseMaterial', '课程.mp4', 150 * MB, 'video/mp4')).toMatchObject({ ok: true });
    expect(await ticket(tok.tz, 'courseMaterial', '课程.mp4', 201 * MB, 'video/mp4')).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
    expect(await ticket(tok.tz, 'courseMaterial', '手册.pdf', 31 * MB)).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
    expect(await ticket(tok.tz, 'courseMaterial', '手册.pdf', 29 * MB, 'application/pdf')).toMatchObject({ ok: true });
    expect(await ticket(tok.tz, 'courseMaterial', '封面.png', 6 * MB)).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
    expect(await ticket(tok.ent, 'courseMaterial', '封面.jpg', 1 * MB, 'image/jpeg')).toMatchObject({ ok: true });
    expect(await ticket(tok.sys, 'courseMaterial', '脚本.exe', 1000)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    // A declared type that does not fit the extension.
    expect(await ticket(tok.tz, 'courseMaterial', '课程.mp4', 1000, 'image/png')).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
  it('offlineEvidence: enterprise admins, jpg/png/pdf', async () => {
    expect(await ticket(tok.ent, 'offlineEvidence', '签到表.pdf', 2 * MB)).toMatchObject({ ok: true });
    expect(await ticket(tok.ent, 'offlineEvidence', '现场.png', 6 * MB)).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
    expect(await ticket(tok.ent, 'offlineEvidence', '视频.mp4', 1000)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await ticket(tok.tz, 'offlineEvidence', '签到表.pdf', 1000)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('reach', () => {
  const cases: [string, keyof typeof tok, Partial<PushRule>][] = [
    ['everyone in the county', 'tz', {}],
    ['the city, one industry', 'zz', { industries: ['machinery'] }],
    ['the province, post categories', 'sd', { postCategories: ['otherWorker', 'teamLeader'] }],
    ['the province, key areas and scale', 'sd', { keyAreas: ['dustExplosion'], scales: ['above'] }],
    ['the province, certificates', 'sd', { certificates: ['specialOperation'] }],
    ['two counties', 'zz', { regionCodes: ['370481', '370402'] }],
    ['everywhere (sysadmin)', 'sys', {}],
  ];
  it.each(cases)('%s: count queries agree with the in-memory oracle', async (_label, who, r) => {
    const preview = expectOk(await learning<ReachPreview>(cloud, tok[who], 'previewReach', { pushRule: r }));
    const region = { tz: ['370481'], zz: ['3704'], sd: ['37'], sys: [], ent: [], other: [] }[who];
    const scoped = rule({ ...r, regionCodes: r.regionCodes ?? region });
    expect({ persons: preview.persons, enterprises: preview.enterprises }).toEqual(await oracle(scoped));
    expect(preview.persons).toBeGreaterThan(0);
    // The breakdowns partition what they cover: industries cover everything; regions the rule's region.
    expect(preview.byIndustry.reduce((n, b) => n + b.persons, 0)).toBe(preview.persons);
    for (const b of preview.byRegion) expect(b.persons).toBe((await oracle({ ...scoped, regionCodes: [b.code] })).persons);
  });

  it('an enterprise admin’s reach is its own active staff', async () => {
    const p = expectOk(await learning<ReachPreview>(cloud, tok.ent, 'previewReach', { pushRule: {} }));
    const me = expectOk(await cloud.call<{ account: { enterpriseId: string } }>('identity', { action: 'consoleMe' }, { sessionToken: tok.ent })).account;
    expect(p.enterprises).toBe(1);
    expect(p.persons).toBe((await oracle(rule({ enterpriseIds: [me.enterpriseId] }))).persons);
  });

  it('reads persons only through count queries', async () => {
    cloud.takeRoundTrips();
    const before = cloud.writeRequests();
    expectOk(await learning(cloud, tok.zz, 'previewReach', { pushRule: { industries: ['machinery', 'commerce'] } }));
    expect(cloud.writeRequests()).toBe(before);
    // 1 account + 1 children lookup + a count pair for the total, each child region and each listed industry.
    expect(cloud.takeRoundTrips()).toBeLessThanOrEqual(2 + 2 * (1 + 20 + 2));
    // Listing many regions costs a count pair per bucket, not per region × industry.
    const counties = (await cloud.db().collection('regions').where({ parentCode: '3704' }).limit(100).get<{ code: string }>()).data.map((r) => r.code);
    expect(counties.length).toBeGreaterThan(3);
    cloud.takeRoundTrips();
    const many = expectOk(await learning<ReachPreview>(cloud, tok.zz, 'previewReach', { pushRule: { regionCodes: counties } }));
    expect(cloud.takeRoundTrips()).toBeLessThanOrEqual(2 + 2 * (counties.length + 14 + 1));
    expect({ persons: many.persons, enterprises: many.enterprises }).toEqual(await oracle(rule({ regionCodes: counties })));
  });
});

describe('publishing', () => {
  it('writes the course and its audit entry, nothing per person (2 writes), persons untouched', async () => {
    const persons = await cloud.db().collection('persons').count();
    const c = await createCourse(cloud, tok.sd);
    const before = cloud.writeRequests();
    const r = expectOk(await learning<{ course: CourseDetail; reach: { persons: number; enterprises: number } }>(cloud, tok.sd, 'publishCourse', { courseId: c._id }));
    expect(cloud.writeRequests() - before).toBe(2); // the course update + the audit entry
    expect(r.course.status).toBe('published');
    expect(r.reach).toEqual(await oracle(rule({ regionCodes: ['37'] })));
    expect(await cloud.db().collection('persons').count()).toEqual(persons);
    // Publishing again (a replay) writes nothing.
    const again = cloud.writeRequests();
    expectOk(await learning(cloud, tok.sd, 'publishCourse', { courseId: c._id }));
    expect(cloud.writeRequests()).toBe(again);
  });

  it('a new version is a draft copy; publishing it unpublishes the old one in the same transaction', async () => {
    const v1 = await publishedCourse(cloud, tok.tz);
    // Parallel and replayed newCourseVersion: one draft.
    const drafts = await Promise.all([0, 1, 2].map(() => learning<{ course: CourseDetail }>(cloud, tok.tz, 'newCourseVersion', { courseId: v1._id })));
    const ids = new Set(drafts.map((d) => expectOk(d).course._id));
    expect(ids.size).toBe(1);
    const v2 = expectOk(drafts[0]).course;
    expect(v2).toMatchObject({ version: 2, lineageId: v1._id, status: 'draft' });
    expect(v2.materials.map((m) => m._id)).toEqual(v1.materials.map((m) => m._id));
    expect(await learning(cloud, tok.tz, 'newCourseVersion', { courseId: v2._id })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const before = cloud.writeRequests();
    expectOk(await learning(cloud, tok.tz, 'publishCourse', { courseId: v2._id }));
    expect(cloud.writeRequests() - before).toBe(3); // v2 published + v1 unpublished (one transaction) + the audit entry
    const get = async (id: string) => expectOk(await learning<{ course: CourseDetail }>(cloud, tok.tz, 'getCourseDetail', { courseId: id })).course;
    expect((await get(v1._id)).status).toBe('unpublished');
    expect((await get(v2._id)).status).toBe('published');
    // Republishing v1 takes v2 down again: one live version per lineage.
    expectOk(await learning(cloud, tok.tz, 'publishCourse', { courseId: v1._id }));
    expect((await get(v2._id)).status).toBe('unpublished');
    const live = await cloud.db().collection('courses').where({ lineageId: v1._id, status: 'published' }).count();
    expect(live.total).toBe(1);
  });

  it('parallel publishes of two versions leave exactly one published', async () => {
    const v1 = await publishedCourse(cloud, tok.tz);
    const v2 = expectOk(await learning<{ course: CourseDetail }>(cloud, tok.tz, 'newCourseVersion', { courseId: v1._id })).course;
    expectOk(await learning(cloud, tok.tz, 'unpublishCourse', { courseId: v1._id }));
    await Promise.all([learning(cloud, tok.tz, 'publishCourse', { courseId: v1._id }), learning(cloud, tok.tz, 'publishCourse', { courseId: v2._id })]);
    const live = await cloud.db().collection('courses').where({ lineageId: v1._id, status: 'published' }).count();
    expect(live.total).toBe(1);
  });

  it('refuses dates that make no sense: a due date after the end of validity, publishing an expired course', async () => {
    expect(await learning(cloud, tok.tz, 'createCourse', { ...courseInput({ dueDate: '2030-06-01', validUntil: '2030-05-01' }) })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const old = await createCourse(cloud, tok.tz, { validUntil: '2020-01-01' });
    expect(await learning(cloud, tok.tz, 'publishCourse', { courseId: old._id })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('unpublish is idempotent; a draft cannot be unpublished', async () => {
    const c = await publishedCourse(cloud, tok.ent);
    expect(expectOk(await learning<{ course: CourseDetail }>(cloud, tok.ent, 'unpublishCourse', { courseId: c._id })).course.status).toBe('unpublished');
    expect(expectOk(await learning<{ course: CourseDetail }>(cloud, tok.ent, 'unpublishCourse', { courseId: c._id })).course.status).toBe('unpublished');
    const d = await createCourse(cloud, tok.ent);
    expect(await learning(cloud, tok.ent, 'unpublishCourse', { courseId: d._id })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});
