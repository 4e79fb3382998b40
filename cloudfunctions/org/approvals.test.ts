import type { Paged } from '../../shared/contracts/common';
import type { EnterpriseDetail } from '../../shared/contracts/org';
import type { RequestRow, StaffRow } from '../../shared/contracts/people';
import { PRIVACY_NOTICE_VERSION } from '../../shared/privacy';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import { addRequest, auditCount, freshIdNumber, newEnterprise, pendingRegistration } from './orgTesting';

let cloud: TestCloud;
const tokens: Record<string, string> = {};
let a: { enterpriseId: string; token: string; username: string };
let b: { enterpriseId: string; token: string; username: string };
let entA: EnterpriseDetail;
let entB: EnterpriseDetail;

beforeAll(async () => {
  cloud = await startTestCloud();
  for (const u of ['admin', 'tz_regulator', 'ent_admin']) tokens[u] = await cloud.login(u);
  a = await newEnterprise(cloud);
  b = await newEnterprise(cloud, { regionCode: '370402', industry: 'textile', keyAreas: [], scale: 'below' });
  entA = expectOk(await cloud.call<{ enterprise: EnterpriseDetail }>('org', { action: 'getEnterprise' }, { sessionToken: a.token })).enterprise;
  entB = expectOk(await cloud.call<{ enterprise: EnterpriseDetail }>('org', { action: 'getEnterprise' }, { sessionToken: b.token })).enterprise;
}, 60_000);
afterAll(() => cloud?.close());

const call = <T>(token: string, action: string, input: Record<string, unknown> = {}) => cloud.call<T>('org', { action, ...input }, { sessionToken: token });
const decide = (token: string, requestId: string, decision: 'approve' | 'reject', reason?: string) =>
  call<{ request: RequestRow }>(token, 'decideRequest', { requestId, decision, ...(reason ? { reason } : {}) });
const doc = async (coll: string, id: string) => (await cloud.db().collection(coll).doc(id).get()).data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const employments = async (personId: string) => (await cloud.db().collection('employments').where({ personId }).orderBy('from', 'asc').get()).data;

describe('org.listRequests / pendingRequestCount', () => {
  it('lists the enterprise’s own requests, newest first, filtered, with the pending count', async () => {
    const r1 = await pendingRegistration(cloud, entA, { name: '甲待审' });
    await new Promise((r) => setTimeout(r, 5));
    const r2 = await pendingRegistration(cloud, entA, { name: '乙待审' });
    await pendingRegistration(cloud, entB, { name: '丙外企' });
    cloud.takeRoundTrips();
    expect(expectOk(await call<{ pending: number }>(a.token, 'pendingRequestCount'))).toEqual({ pending: 2 });
    expect(cloud.takeRoundTrips()).toBe(2); // the router's session check + the count
    const list = expectOk(await call<Paged<RequestRow> & { pendingCount: number }>(a.token, 'listRequests'));
    expect(cloud.takeRoundTrips()).toBe(3);
    expect(list).toMatchObject({ total: 2, pendingCount: 2 });
    expect(list.items.map((r) => r._id)).toEqual([r2.requestId, r1.requestId]);
    expect(list.items[0]).toMatchObject({ type: 'registration', status: 'pending', personName: '乙待审', enterpriseId: a.enterpriseId });
    expect(JSON.stringify(list)).not.toMatch(/\d{17}[\dX]/);

    expectOk(await decide(a.token, r1.requestId, 'reject', '查无此人'));
    const rejected = expectOk(await call<Paged<RequestRow> & { pendingCount: number }>(a.token, 'listRequests', { status: 'rejected' }));
    expect(rejected).toMatchObject({ total: 1, pendingCount: 1 });
    expect(rejected.items[0]).toMatchObject({ _id: r1.requestId, reason: '查无此人', decidedByName: '李四' });
    const all = expectOk(await call<Paged<RequestRow>>(a.token, 'listRequests', { status: 'all', type: 'registration' }));
    expect(all.total).toBe(2);
    expect(expectOk(await call<Paged<RequestRow>>(a.token, 'listRequests', { status: 'all', type: 'changeEmployer' })).total).toBe(0);
  });

  it('is for enterprise admins only', async () => {
    expect(await call(tokens.tz_regulator, 'listRequests')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(tokens.admin, 'pendingRequestCount')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await cloud.call('org', { action: 'pendingRequestCount' }, { openid: 'o-worker' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});

describe('org.decideRequest', () => {
  it('approving a registration employs the person with the enterprise’s attributes; audited', async () => {
    const reg = await pendingRegistration(cloud, entA, { name: '褚注册' });
    const before = (await doc('enterprises', a.enterpriseId)).staffCount;
    cloud.takeRoundTrips();
    const r = expectOk(await decide(a.token, reg.requestId, 'approve'));
    expect(cloud.takeRoundTrips()).toBeLessThanOrEqual(15);
    expect(r.request).toMatchObject({ status: 'approved', decidedByName: '李四' });
    expect(r.request.decidedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await doc('requests', reg.requestId)).toMatchObject({ status: 'approved', decidedBy: `u:${a.username}`, decidedByName: '李四' });
    expect(await doc('persons', reg.personId)).toMatchObject({
      status: 'active', enterpriseId: a.enterpriseId, enterpriseName: entA.name, countyCode: '370481', industry: 'machinery', keyAreas: ['dustExplosion'], departmentId: null,
    });
    expect(await employments(reg.personId)).toMatchObject([{ enterpriseId: a.enterpriseId, to: null, source: 'selfRegistration' }]);
    expect((await doc('enterprises', a.enterpriseId)).staffCount).toBe(before + 1);
    expect(await auditCount(cloud, { action: 'request.approve', targetId: reg.requestId })).toBe(1);
    // Decided once: a second decision is refused.
    expect(await decide(a.token, reg.requestId, 'reject', '再次处理')).toMatchObject({ ok: false, code: 'REQUEST_NOT_PENDING' });
  });

  it('rejecting needs a reason and leaves the person pending without an employer', async () => {
    const reg = await pendingRegistration(cloud, entA, { name: '卫驳回' });
    expect(await decide(a.token, reg.requestId, 'reject')).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const r = expectOk(await decide(a.token, reg.requestId, 'reject', '非本企业员工'));
    expect(r.request).toMatchObject({ status: 'rejected', reason: '非本企业员工' });
    expect(await doc('persons', reg.personId)).toMatchObject({ status: 'pending', enterpriseId: null });
    expect(await employments(reg.personId)).toEqual([]);
    expect(await auditCount(cloud, { action: 'request.reject', targetId: reg.requestId })).toBe(1);
    // Another employer cannot claim them: only the person can ask to join (requestEmployerChange).
    expect(await call(b.token, 'addStaff', { name: '卫驳回', idNumber: reg.idNumber, postCategory: 'otherWorker', employmentType: 'regular' })).toMatchObject({ ok: false, code: 'PERSON_EMPLOYED_ELSEWHERE' });
    expect(await doc('persons', reg.personId)).toMatchObject({ status: 'pending', enterpriseId: null });
  });

  it('approving a change of employer closes the old history entry and moves the person and the counts', async () => {
    const idNumber = freshIdNumber();
    const { personId } = expectOk(await call<{ personId: string }>(b.token, 'addStaff', { name: '蒋跳槽', idNumber, postCategory: 'teamLeader', employmentType: 'regular' }));
    const dept = expectOk(await call<{ department: { _id: string } }>(b.token, 'createDepartment', { name: '跳槽前部门' })).department;
    expectOk(await call(b.token, 'updateStaff', { personId, departmentId: dept._id }));
    const requestId = await addRequest(cloud, { type: 'changeEmployer', personId, personName: '蒋跳槽', enterpriseId: a.enterpriseId, enterpriseName: entA.name, fromEnterpriseId: b.enterpriseId, fromEnterpriseName: entB.name });
    const [countA, countB] = [(await doc('enterprises', a.enterpriseId)).staffCount, (await doc('enterprises', b.enterpriseId)).staffCount];
    // The old employer cannot decide it; the new one can.
    expect(await decide(b.token, requestId, 'approve')).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expectOk(await decide(a.token, requestId, 'approve'));
    const p = await doc('persons', personId);
    expect(p).toMatchObject({ status: 'active', enterpriseId: a.enterpriseId, departmentId: null, departmentName: null, industry: 'machinery', scale: 'above', countyCode: '370481' });
    const hist = await employments(personId);
    expect(hist).toMatchObject([{ enterpriseId: b.enterpriseId, source: 'admin' }, { enterpriseId: a.enterpriseId, to: null, source: 'transfer' }]);
    expect(hist[0].to).toBeInstanceOf(Date);
    expect((await doc('enterprises', a.enterpriseId)).staffCount).toBe(countA + 1);
    expect((await doc('enterprises', b.enterpriseId)).staffCount).toBe(countB - 1);
    // B lists them as former staff now.
    // B lists them as former staff, as they were when they left (not their later phone or post).
    await cloud.db().collection('persons').doc(personId).update({ data: { phone: '13912345678', postCategory: 'safetyManager' } });
    const left = expectOk(await call<Paged<StaffRow>>(b.token, 'listStaff', { status: 'left' }));
    const row = left.items.find((s) => s._id === personId)!;
    expect(row).toMatchObject({ status: 'left', name: '蒋跳槽', postCategory: 'teamLeader', departmentName: '跳槽前部门', bound: false, certificates: [] });
    expect(row.phone).toBeUndefined();
    expect(row.leftAt).toMatch(/^\d{4}-/);
    expect(row.leftReason).toContain('更换企业');
  });

  it('two concurrent approvals of one request: exactly one wins, the other gets REQUEST_NOT_PENDING', async () => {
    const reg = await pendingRegistration(cloud, entA, { name: '韩并发' });
    const before = (await doc('enterprises', a.enterpriseId)).staffCount;
    const second = await cloud.login(a.username, 'Secret123');
    const results = await Promise.all([decide(a.token, reg.requestId, 'approve'), decide(second, reg.requestId, 'approve')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: 'REQUEST_NOT_PENDING' });
    expect(await employments(reg.personId)).toHaveLength(1);
    expect((await doc('enterprises', a.enterpriseId)).staffCount).toBe(before + 1);
    expect(await auditCount(cloud, { action: 'request.approve', targetId: reg.requestId })).toBe(1);

    // Approve racing reject: one decision stands.
    const reg2 = await pendingRegistration(cloud, entA, { name: '韩竞态' });
    const mixed = await Promise.all([decide(a.token, reg2.requestId, 'approve'), decide(second, reg2.requestId, 'reject', '重复')]);
    expect(mixed.filter((r) => r.ok)).toHaveLength(1);
    const final = await doc('requests', reg2.requestId);
    const person = await doc('persons', reg2.personId);
    expect(person.status).toBe(final.status === 'approved' ? 'active' : 'pending');
  });

  it('scope: another enterprise’s requests, unknown ids, non-admins', async () => {
    const reg = await pendingRegistration(cloud, entB, { name: '杨外企' });
    expect(await decide(a.token, reg.requestId, 'approve')).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await decide(tokens.ent_admin, reg.requestId, 'approve')).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await decide(a.token, 'missing', 'approve')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await decide(tokens.tz_regulator, reg.requestId, 'approve')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await decide(tokens.admin, reg.requestId, 'approve')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await cloud.call('org', { action: 'decideRequest', requestId: reg.requestId, decision: 'approve' }, { openid: `o-${reg.personId}` })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect((await doc('requests', reg.requestId)).status).toBe('pending');
  });
});

describe('with the identity function (worker side)', () => {
  it('register → approve → the worker is employed; reject → the worker asks another employer', async () => {
    const register = (openid: string, idNumber: string, enterpriseId: string) =>
      cloud.call<{ requestId: string; personId: string }>(
        'identity',
        { action: 'register', name: '钱小工', idNumber, password: 'Worker123', enterpriseId, postCategory: 'otherWorker', certificates: [], consentVersion: PRIVACY_NOTICE_VERSION },
        { openid },
      );
    const reg = expectOk(await register('o-int-1', freshIdNumber(), a.enterpriseId));
    expectOk(await decide(a.token, reg.requestId, 'approve'));
    const me = expectOk(await cloud.call<{ person: { status: string; enterpriseId: string } }>('identity', { action: 'me' }, { openid: 'o-int-1' }));
    expect(me.person).toMatchObject({ status: 'active', enterpriseId: a.enterpriseId });

    const reg2 = expectOk(await register('o-int-2', freshIdNumber(), a.enterpriseId));
    expectOk(await decide(a.token, reg2.requestId, 'reject', '不认识'));
    const again = await cloud.call<{ requestId: string }>('identity', { action: 'requestEmployerChange', enterpriseId: b.enterpriseId }, { openid: 'o-int-2' });
    const next = expectOk(again);
    expectOk(await decide(b.token, next.requestId, 'approve'));
    expect(await doc('persons', reg2.personId)).toMatchObject({ status: 'active', enterpriseId: b.enterpriseId });
    expect(await employments(reg2.personId)).toMatchObject([{ enterpriseId: b.enterpriseId, to: null }]);
  });
});
