import type { Paged } from '../../shared/contracts/common';
import type { EnterpriseDetail } from '../../shared/contracts/org';
import type { StaffRow } from '../../shared/contracts/people';
import { maskIdNumber } from '../../shared/idNumber';
import { verifyPassword } from '../common/crypto';
import { personIdOf } from '../common/persons';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import { addRequest, auditCount, freshIdNumber, newEnterprise, pendingRegistration } from './orgTesting';

let cloud: TestCloud;
const tokens: Record<string, string> = {};
let mine: { enterpriseId: string; token: string; username: string };
let other: { enterpriseId: string; token: string; username: string }; // 枣庄市市中区, outside 滕州市

beforeAll(async () => {
  cloud = await startTestCloud();
  for (const u of ['admin', 'tz_regulator', 'zz_regulator', 'ent_admin']) tokens[u] = await cloud.login(u);
  mine = await newEnterprise(cloud);
  other = await newEnterprise(cloud, { regionCode: '370402', industry: 'textile', keyAreas: [] });
}, 60_000);
afterAll(() => cloud?.close());

const call = <T>(token: string, action: string, input: Record<string, unknown> = {}) => cloud.call<T>('org', { action, ...input }, { sessionToken: token });
const staffInput = (o: Record<string, unknown> = {}) => ({ name: '陈新人', idNumber: freshIdNumber(), postCategory: 'otherWorker', employmentType: 'regular', ...o });
type Added = { personId: string; initialPassword: string | null; existing: boolean };
const add = async (token: string, o: Record<string, unknown> = {}) => expectOk(await call<Added>(token, 'addStaff', staffInput(o)));
const person = async (id: string) => (await cloud.db().collection('persons').doc(id).get()).data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const enterprise = async (id: string) => (await cloud.db().collection('enterprises').doc(id).get()).data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const employments = async (personId: string) => (await cloud.db().collection('employments').where({ personId }).orderBy('from', 'asc').get()).data;
const FULL_ID = /\d{17}[\dX]/;

describe('org.addStaff', () => {
  it('creates a new person: active, enterprise attributes copied, initial password returned once, history entry; audited', async () => {
    const idNumber = freshIdNumber();
    const before = (await enterprise(mine.enterpriseId)).staffCount;
    cloud.takeRoundTrips();
    const r = await add(mine.token, {
      idNumber: ` ${idNumber.slice(0, 17)}${idNumber[17].toLowerCase()} `,
      phone: '13900000001',
      postCategory: 'specialOperator',
      certificates: [{ type: 'specialOperation', number: 'T001', issuedOn: '2024-01-01', expiresOn: '2030-01-01' }],
    });
    expect(cloud.takeRoundTrips()).toBeLessThanOrEqual(11);
    expect(r).toMatchObject({ personId: personIdOf(idNumber), existing: false });
    expect(r.initialPassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d)\S{8,}$/);
    const p = await person(r.personId);
    expect(p).toMatchObject({
      status: 'active', enterpriseId: mine.enterpriseId, countyCode: '370481', townCode: '370481001', industry: 'machinery', keyAreas: ['dustExplosion'], scale: 'above',
      supervisionType: 'emergency', mustChangePassword: true, postCategory: 'specialOperator', idMasked: maskIdNumber(idNumber), openid: null,
    });
    expect(p.certificates).toHaveLength(1);
    expect(await verifyPassword(r.initialPassword!, p.passwordHash)).toBe(true);
    expect(JSON.stringify(p)).not.toContain(idNumber); // stored only encrypted
    expect(await employments(r.personId)).toMatchObject([{ enterpriseId: mine.enterpriseId, to: null, source: 'admin' }]);
    expect((await enterprise(mine.enterpriseId)).staffCount).toBe(before + 1);
    expect(await auditCount(cloud, { action: 'staff.add', targetId: r.personId })).toBe(1);
  });

  it('refuses a person already on the list, and never silently moves one employed elsewhere', async () => {
    const idNumber = freshIdNumber();
    const { personId } = await add(mine.token, { idNumber, name: '郑在职' });
    const again = await call(mine.token, 'addStaff', staffInput({ idNumber, name: '郑在职' }));
    expect(again).toMatchObject({ ok: false, code: 'PERSON_EXISTS' });
    if (!again.ok) expect(again.message).toMatch(/已在本企业/);
    const elsewhere = await call(other.token, 'addStaff', staffInput({ idNumber, name: '郑在职' }));
    expect(elsewhere).toMatchObject({ ok: false, code: 'PERSON_EMPLOYED_ELSEWHERE' });
    if (!elsewhere.ok) {
      expect(elsewhere.message).toMatch(/本人在小程序/);
      expect(elsewhere.message).toMatch(/申请加入本企业/);
      expect(elsewhere.message).not.toContain(idNumber);
    }
    expect((await person(personId)).enterpriseId).toBe(mine.enterpriseId);
    // A different name answers exactly the same: the answer tells nothing about the registered name.
    const renamed = await call(other.token, 'addStaff', staffInput({ idNumber, name: '郑别人' }));
    expect(renamed).toEqual(elsewhere);
    expect((await person(personId)).name).toBe('郑在职');
  });

  it('attaches a self-registered person awaiting approval and settles their request', async () => {
    const ent = { _id: mine.enterpriseId, name: (await enterprise(mine.enterpriseId)).name } as EnterpriseDetail;
    const reg = await pendingRegistration(cloud, ent, { name: '冯待审' });
    const r = await add(mine.token, { idNumber: reg.idNumber, name: '冯待审' });
    expect(r).toEqual({ personId: reg.personId, initialPassword: null, existing: true });
    expect(await person(reg.personId)).toMatchObject({ status: 'active', enterpriseId: mine.enterpriseId, industry: 'machinery', passwordHash: 'scrypt$x', mustChangePassword: false });
    const req = (await cloud.db().collection('requests').doc(reg.requestId).get()).data as Record<string, unknown>;
    expect(req).toMatchObject({ status: 'approved', decidedBy: `u:${mine.username}` });

    // Pending at another enterprise: that registration belongs to the enterprise the worker chose;
    // nobody else can claim the person, and nothing is written.
    const otherEnt = { _id: other.enterpriseId, name: (await enterprise(other.enterpriseId)).name } as EnterpriseDetail;
    const reg2 = await pendingRegistration(cloud, otherEnt, { name: '冯另投' });
    const before = await person(reg2.personId);
    expect(await call(mine.token, 'addStaff', staffInput({ idNumber: reg2.idNumber, name: '冯另投' }))).toMatchObject({ ok: false, code: 'PERSON_EMPLOYED_ELSEWHERE' });
    expect(((await cloud.db().collection('requests').doc(reg2.requestId).get()).data as unknown as { status: string }).status).toBe('pending');
    expect(await person(reg2.personId)).toEqual(before);
    expect(await employments(reg2.personId)).toEqual([]);
  });

  it('checks the department and the ID number', async () => {
    const theirDept = expectOk(await call<{ department: { _id: string } }>(other.token, 'createDepartment', { name: '外部门' })).department;
    expect(await call(mine.token, 'addStaff', staffInput({ departmentId: theirDept._id }))).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call(mine.token, 'addStaff', staffInput({ departmentId: 'nope' }))).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const good = freshIdNumber();
    const wrongCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    for (const idNumber of [wrongCheck, '370481199913450011', '37048119900101001']) {
      expect(await call(mine.token, 'addStaff', staffInput({ idNumber }))).toMatchObject({ ok: false, code: 'ID_NUMBER_INVALID' });
    }
  });

  it('only enterprise admins add staff', async () => {
    expect(await call(tokens.tz_regulator, 'addStaff', staffInput())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(tokens.admin, 'addStaff', staffInput())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await cloud.call('org', { action: 'addStaff', ...staffInput() }, { openid: 'o-worker' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});

describe('org.listStaff', () => {
  let dept: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    dept = expectOk(await call<{ department: { _id: string } }>(mine.token, 'createDepartment', { name: '列表部' })).department._id;
    for (const [name, phone] of [['林一', '13711110001'], ['林二', '13711110002'], ['何三', '13811110003']] as const) {
      ids[name] = freshIdNumber();
      await add(mine.token, { name, phone, idNumber: ids[name], departmentId: name === '何三' ? dept : undefined });
    }
  });

  it('lists current staff with a total, paged, masked ID numbers only', async () => {
    cloud.takeRoundTrips();
    const page1 = expectOk(await call<Paged<StaffRow>>(mine.token, 'listStaff', { pageSize: 2 }));
    expect(cloud.takeRoundTrips()).toBe(3); // session check, page, count
    const all = expectOk(await call<Paged<StaffRow>>(mine.token, 'listStaff', { pageSize: 100 }));
    expect(page1.total).toBe(all.total);
    expect(page1.items).toHaveLength(2);
    expect(all.items.every((s) => s.status === 'active')).toBe(true);
    expect(JSON.stringify(all)).not.toMatch(FULL_ID);
    expect(JSON.stringify(all)).not.toMatch(/idCipher|passwordHash|idHash|scrypt/);
    expect(all.items.find((s) => s.name === '何三')).toMatchObject({ departmentId: dept, departmentName: '列表部', idMasked: maskIdNumber(ids['何三']) });
  });

  it('filters by keyword (name, phone, full ID number) and department', async () => {
    const q = async (input: Record<string, unknown>) => expectOk(await call<Paged<StaffRow>>(mine.token, 'listStaff', input)).items.map((s) => s.name).sort();
    expect(await q({ keyword: '林' })).toEqual(['林一', '林二']);
    expect(await q({ keyword: '1371111' })).toEqual(['林一', '林二']);
    expect(await q({ keyword: ids['林二'] })).toEqual(['林二']);
    expect(await q({ departmentId: dept })).toEqual(['何三']);
    expect(await q({ keyword: '.*' })).toEqual([]);
    // The last four characters of the ID number (what the masked form shows).
    expect(await q({ keyword: ids['林二'].slice(-4).toLowerCase() })).toContain('林二');
  });

  it('lists newest first by default, by name on request', async () => {
    const names = async (sort?: string) => expectOk(await call<Paged<StaffRow>>(mine.token, 'listStaff', { pageSize: 100, ...(sort ? { sort } : {}) })).items.map((s) => s.name);
    const newest = await names();
    expect(newest.indexOf('何三')).toBeLessThan(newest.indexOf('林一'));
    const byName = await names('name');
    expect([...byName]).toEqual([...byName].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('regulators list staff of enterprises in scope; everyone else is NOT_IN_SCOPE', async () => {
    const r = expectOk(await call<Paged<StaffRow>>(tokens.tz_regulator, 'listStaff', { enterpriseId: mine.enterpriseId }));
    expect(r.total).toBeGreaterThan(3);
    expect(JSON.stringify(r)).not.toMatch(FULL_ID);
    expect(await call(tokens.tz_regulator, 'listStaff', { enterpriseId: other.enterpriseId })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expectOk(await call(tokens.zz_regulator, 'listStaff', { enterpriseId: other.enterpriseId }));
    expectOk(await call(tokens.admin, 'listStaff', { enterpriseId: other.enterpriseId }));
    expect(await call(mine.token, 'listStaff', { enterpriseId: other.enterpriseId })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call(tokens.ent_admin, 'listStaff', { enterpriseId: mine.enterpriseId })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await cloud.call('org', { action: 'listStaff' }, { openid: 'o-worker' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});

describe('org.updateStaff', () => {
  it('edits own staff, keeps certificates unless given, audits before/after', async () => {
    const { personId } = await add(mine.token, { name: '褚编辑', certificates: [{ type: 'specialOperation', number: 'T9' }] });
    const d = expectOk(await call<{ department: { _id: string } }>(mine.token, 'createDepartment', { name: '编辑部' })).department;
    const r = expectOk(await call<{ person: StaffRow }>(mine.token, 'updateStaff', { personId, postCategory: 'teamLeader', departmentId: d._id, phone: '13900000099' }));
    expect(r.person).toMatchObject({ postCategory: 'teamLeader', departmentId: d._id, departmentName: '编辑部', phone: '13900000099' });
    expect(r.person.certificates).toHaveLength(1);
    const audit = (await cloud.db().collection('auditLog').where({ action: 'staff.update', targetId: personId }).get()).data;
    expect(audit[0].details).toMatchObject({ before: { postCategory: 'otherWorker', departmentId: null }, after: { postCategory: 'teamLeader', departmentId: d._id } });
    expectOk(await call(mine.token, 'updateStaff', { personId, certificates: [] }));
    expect((await person(personId)).certificates).toEqual([]);
  });

  it('refuses other enterprises’ staff, foreign departments, non-admins', async () => {
    const { personId } = await add(other.token, { name: '卫外企' });
    expect(await call(mine.token, 'updateStaff', { personId, postCategory: 'principal' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call(mine.token, 'updateStaff', { personId: 'p-missing', postCategory: 'principal' })).toMatchObject({ ok: false, code: 'PERSON_NOT_FOUND' });
    const mineP = await add(mine.token, { name: '卫本企' });
    const theirDept = expectOk(await call<{ department: { _id: string } }>(other.token, 'createDepartment', { name: '外企部' })).department;
    expect(await call(mine.token, 'updateStaff', { personId: mineP.personId, departmentId: theirDept._id })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call(tokens.tz_regulator, 'updateStaff', { personId: mineP.personId, postCategory: 'principal' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await person(personId)).postCategory).toBe('otherWorker');
  });
});

describe('org.leaveStaff (离职)', () => {
  it('keeps the person and history, closes the employment, frees them for another employer; audited', async () => {
    const idNumber = freshIdNumber();
    const { personId } = await add(mine.token, { name: '蒋离职', idNumber });
    const count = (await enterprise(mine.enterpriseId)).staffCount;
    expect(await call(other.token, 'leaveStaff', { personId })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call(mine.token, 'leaveStaff', { personId: 'p-missing' })).toMatchObject({ ok: false, code: 'PERSON_NOT_FOUND' });
    cloud.takeRoundTrips();
    const r = expectOk(await call<{ person: StaffRow }>(mine.token, 'leaveStaff', { personId, reason: '合同到期' }));
    expect(cloud.takeRoundTrips()).toBeLessThanOrEqual(11);
    expect(r.person).toMatchObject({ status: 'left', departmentId: null });
    const p = await person(personId);
    expect(p).toMatchObject({ status: 'left', enterpriseId: null, enterpriseName: null, departmentId: null, industry: null, countyCode: null, employmentId: null });
    expect(p.passwordHash).toMatch(/^scrypt\$/);
    expect(await employments(personId)).toMatchObject([{ enterpriseId: mine.enterpriseId, leftReason: '合同到期' }]);
    expect((await employments(personId))[0].to).toBeInstanceOf(Date);
    expect((await enterprise(mine.enterpriseId)).staffCount).toBe(count - 1);
    expect(await auditCount(cloud, { action: 'staff.leave', targetId: personId })).toBe(1);
    expect(await call(mine.token, 'leaveStaff', { personId })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });

    // Listed as former staff, not current.
    const left = expectOk(await call<Paged<StaffRow>>(mine.token, 'listStaff', { status: 'left', pageSize: 100 }));
    expect(left.items.find((s) => s._id === personId)).toMatchObject({ status: 'left' });
    const active = expectOk(await call<Paged<StaffRow>>(mine.token, 'listStaff', { pageSize: 100 }));
    expect(active.items.map((s) => s._id)).not.toContain(personId);

    // Another enterprise cannot simply add them; with their own request it approves them. The history
    // has both entries; the first still lists them as 离职.
    expect(await call(other.token, 'addStaff', staffInput({ name: '蒋离职', idNumber }))).toMatchObject({ ok: false, code: 'PERSON_EMPLOYED_ELSEWHERE' });
    const otherName = (await enterprise(other.enterpriseId)).name;
    const requestId = await addRequest(cloud, { type: 'changeEmployer', personId, personName: '蒋离职', enterpriseId: other.enterpriseId, enterpriseName: otherName });
    expectOk(await call(other.token, 'decideRequest', { requestId, decision: 'approve' }));
    expect((await employments(personId)).map((e) => [e.enterpriseId, !!e.to])).toEqual([[mine.enterpriseId, true], [other.enterpriseId, false]]);
    const stillLeft = expectOk(await call<Paged<StaffRow>>(mine.token, 'listStaff', { status: 'left', keyword: '蒋离职' }));
    expect(stillLeft.items).toMatchObject([{ _id: personId, status: 'left', name: '蒋离职', leftReason: '合同到期' }]);
  });
});

describe('org.resetStaffPassword', () => {
  it('sets a new one-time password that must be changed; audited; own staff only', async () => {
    const { personId } = await add(mine.token, { name: '沈重置' });
    await cloud.db().collection('persons').doc(personId).update({ data: { mustChangePassword: false } });
    const guard = cloud.db().collection('stats').doc(`lg:w:${personId}`);
    await guard.set({ data: { kind: 'loginGuard', n: 5, lockedUntil: new Date(Date.now() + 600_000), expiresAt: new Date(Date.now() + 86_400_000) } });
    const r = expectOk(await call<{ oneTimePassword: string }>(mine.token, 'resetStaffPassword', { personId }));
    const p = await person(personId);
    expect(await verifyPassword(r.oneTimePassword, p.passwordHash)).toBe(true);
    expect(p).toMatchObject({ mustChangePassword: true });
    // The reset also lifts a lockout.
    expect((await guard.get()).data).toMatchObject({ n: 0, lockedUntil: null });
    expect(await auditCount(cloud, { action: 'staff.resetPassword', targetId: personId })).toBe(1);
    expect(await call(other.token, 'resetStaffPassword', { personId })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call(tokens.tz_regulator, 'resetStaffPassword', { personId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('org.revealIdNumber', () => {
  it('shows the full number to the employer’s admin and regulators in scope, auditing every read', async () => {
    const idNumber = freshIdNumber();
    const { personId } = await add(mine.token, { name: '韩身份', idNumber });
    expect(expectOk(await call<{ idNumber: string }>(mine.token, 'revealIdNumber', { personId }))).toEqual({ idNumber });
    expect(expectOk(await call<{ idNumber: string }>(mine.token, 'revealIdNumber', { personId })).idNumber).toBe(idNumber);
    expect(expectOk(await call<{ idNumber: string }>(tokens.tz_regulator, 'revealIdNumber', { personId })).idNumber).toBe(idNumber);
    expect(await auditCount(cloud, { action: 'person.revealIdNumber', targetId: personId })).toBe(3);

    const theirs = await add(other.token, { name: '韩外县' });
    expect(await call(tokens.tz_regulator, 'revealIdNumber', { personId: theirs.personId })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call(mine.token, 'revealIdNumber', { personId: theirs.personId })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call(tokens.admin, 'revealIdNumber', { personId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await cloud.call('org', { action: 'revealIdNumber', personId }, { openid: 'o-worker' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await auditCount(cloud, { action: 'person.revealIdNumber', targetId: theirs.personId })).toBe(0);
  });
});

describe('a bound worker calling admin actions', () => {
  it('is not an admin', async () => {
    const { personId } = await add(mine.token, { name: '杨工人' });
    await cloud.db().collection('persons').doc(personId).update({ data: { openid: 'o-yang' } });
    for (const [action, input] of [['listStaff', {}], ['addStaff', staffInput()], ['leaveStaff', { personId }], ['revealIdNumber', { personId }], ['listRequests', {}], ['createDepartment', { name: 'x' }]] as const) {
      const r = await cloud.call('org', { action, ...input }, { openid: 'o-yang' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(r.code);
    }
  });
});
