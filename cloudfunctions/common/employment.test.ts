/**
 * The employment lifecycle through the actions that use it: races on requests, 信息变更, what a
 * former employer keeps, counters against records, an admin account following its enterprise.
 */
import type { PersonSelf, RequestRow, StaffRow } from '../../shared/contracts/people';
import type { Paged } from '../../shared/contracts/common';
import { PRIVACY_NOTICE_VERSION } from '../../shared/privacy';
import { freshIdNumber, newEnterprise } from '../org/orgTesting';
import { expectOk, startTestCloud, type TestCloud } from './testing';

let cloud: TestCloud;
let a: { enterpriseId: string; token: string; username: string };
let b: { enterpriseId: string; token: string; username: string };
let c: { enterpriseId: string; token: string; username: string };
let admin: string;
beforeAll(async () => {
  cloud = await startTestCloud();
  admin = await cloud.login('admin');
  a = await newEnterprise(cloud);
  b = await newEnterprise(cloud);
  c = await newEnterprise(cloud);
}, 60_000);
afterAll(() => cloud?.close());

const org = <T>(token: string, action: string, input: Record<string, unknown> = {}) => cloud.call<T>('org', { action, ...input }, { sessionToken: token });
const worker = <T>(openid: string, action: string, input: Record<string, unknown> = {}) => cloud.call<T>('identity', { action, ...input }, { openid });
const doc = async (coll: string, id: string) => (await cloud.db().collection(coll).doc(id).get()).data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const staffCount = async (id: string) => (await doc('enterprises', id)).staffCount as number;

/** A worker employed by `at`: self-registered in the mini-program and approved there. */
async function employedWorker(at: typeof a, openid: string, name = '孙员工') {
  const idNumber = freshIdNumber();
  const reg = expectOk(
    await worker<{ personId: string; requestId: string }>(openid, 'register', {
      name, idNumber, password: 'Worker2026', enterpriseId: at.enterpriseId, postCategory: 'otherWorker', certificates: [], consentVersion: PRIVACY_NOTICE_VERSION,
    }),
  );
  expectOk(await org(at.token, 'decideRequest', { requestId: reg.requestId, decision: 'approve' }));
  return { ...reg, idNumber };
}

describe('one pending request per person (a lock with a deterministic _id, not a count)', () => {
  it('10 parallel requestEmployerChange calls file exactly one request', async () => {
    const w = await employedWorker(a, 'o-race-1');
    const results = await Promise.all(Array.from({ length: 10 }, (_x, i) => worker<{ requestId: string }>('o-race-1', 'requestEmployerChange', { enterpriseId: i % 2 ? b.enterpriseId : c.enterpriseId })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'REQUEST_ALREADY_PENDING')).toBe(true);
    const pending = await cloud.db().collection('requests').where({ personId: w.personId, status: 'pending' }).count();
    expect(pending.total).toBe(1);
  });

  it('two enterprises cannot both approve: the second request never exists, so the person moves once', async () => {
    const w = await employedWorker(a, 'o-race-2');
    const [toB, toC] = await Promise.all([
      worker<{ requestId: string }>('o-race-2', 'requestEmployerChange', { enterpriseId: b.enterpriseId }),
      worker<{ requestId: string }>('o-race-2', 'requestEmployerChange', { enterpriseId: c.enterpriseId }),
    ]);
    const filed = [toB, toC].filter((r) => r.ok);
    expect(filed).toHaveLength(1);
    const [before, beforeB, beforeC] = [await staffCount(a.enterpriseId), await staffCount(b.enterpriseId), await staffCount(c.enterpriseId)];
    const target = toB.ok ? b : c;
    const r = filed[0] as { ok: true; data: { requestId: string } };
    expectOk(await org(target.token, 'decideRequest', { requestId: r.data.requestId, decision: 'approve' }));
    expect(await doc('persons', w.personId)).toMatchObject({ status: 'active', enterpriseId: target.enterpriseId });
    expect(await staffCount(a.enterpriseId)).toBe(before - 1);
    expect(await staffCount(target.enterpriseId)).toBe((target === b ? beforeB : beforeC) + 1);
    // The lock is free again: the worker may ask once more.
    expectOk(await worker('o-race-2', 'requestEmployerChange', { enterpriseId: a.enterpriseId }));
  });

  it('cancelling frees the lock; a cancel racing an approval: one of them wins', async () => {
    const w = await employedWorker(a, 'o-race-3');
    const { requestId } = expectOk(await worker<{ requestId: string }>('o-race-3', 'requestEmployerChange', { enterpriseId: b.enterpriseId }));
    const [cancel, approve] = await Promise.all([worker('o-race-3', 'cancelRequest', { requestId }), org(b.token, 'decideRequest', { requestId, decision: 'approve' })]);
    expect([cancel.ok, approve.ok].filter(Boolean)).toHaveLength(1);
    const p = await doc('persons', w.personId);
    expect(p.enterpriseId).toBe(approve.ok ? b.enterpriseId : a.enterpriseId);
    expect((await cloud.db().collection('locks').where({ personId: w.personId }).count()).total).toBe(0);
  });
});

describe('信息变更: the post category decides what is pushed, so the employer confirms it', () => {
  it('an employee asks, sees it pending, the admin approves; a newer ask replaces the pending one', async () => {
    const w = await employedWorker(a, 'o-info-1', '周岗位');
    const asked = expectOk(await worker<{ person: PersonSelf }>('o-info-1', 'updateProfile', { postCategory: 'teamLeader', phone: '13900000011' }));
    expect(asked.person).toMatchObject({ postCategory: 'otherWorker', pendingPostCategory: 'teamLeader', phone: '13900000011' });
    expect(await doc('persons', w.personId)).toMatchObject({ postCategory: 'otherWorker', pendingPostCategory: 'teamLeader' });
    const again = expectOk(await worker<{ person: PersonSelf }>('o-info-1', 'updateProfile', { postCategory: 'safetyManager' }));
    expect(again.person.pendingPostCategory).toBe('safetyManager');
    const list = expectOk(await org<Paged<RequestRow>>(a.token, 'listRequests', { type: 'infoChange' }));
    const mine = list.items.filter((r) => r.personId === w.personId);
    expect(mine).toMatchObject([{ type: 'infoChange', postCategory: 'safetyManager', previousPostCategory: 'otherWorker', status: 'pending' }]);
    // Another enterprise neither sees nor decides it.
    expect(expectOk(await org<Paged<RequestRow>>(b.token, 'listRequests', { status: 'all' })).items.some((r) => r.personId === w.personId)).toBe(false);
    expect(await org(b.token, 'decideRequest', { requestId: mine[0]._id, decision: 'approve' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expectOk(await org(a.token, 'decideRequest', { requestId: mine[0]._id, decision: 'approve' }));
    expect(await doc('persons', w.personId)).toMatchObject({ postCategory: 'safetyManager', pendingPostCategory: null });
    expect(expectOk(await worker<{ person: PersonSelf }>('o-info-1', 'me')).person?.pendingPostCategory).toBeNull();
  });

  it('a pending 信息变更 does not block a change of employer, and is cancelled when the person leaves', async () => {
    const w = await employedWorker(a, 'o-info-2', '吴离开');
    expectOk(await worker('o-info-2', 'updateProfile', { postCategory: 'teamLeader' }));
    expectOk(await worker('o-info-2', 'requestEmployerChange', { enterpriseId: b.enterpriseId }));
    expectOk(await org(a.token, 'leaveStaff', { personId: w.personId, reason: '辞职' }));
    const info = (await cloud.db().collection('requests').where({ personId: w.personId, type: 'infoChange' }).get()).data;
    expect(info).toMatchObject([{ status: 'cancelled' }]);
    expect(await doc('persons', w.personId)).toMatchObject({ status: 'left', postCategory: 'otherWorker', pendingPostCategory: null });
  });

  it('a worker without an employer changes the category directly (nobody to confirm)', async () => {
    const idNumber = freshIdNumber();
    expectOk(await worker('o-info-3', 'register', { name: '郑待审', idNumber, password: 'Worker2026', enterpriseId: a.enterpriseId, postCategory: 'otherWorker', certificates: [], consentVersion: PRIVACY_NOTICE_VERSION }));
    const r = expectOk(await worker<{ person: PersonSelf }>('o-info-3', 'updateProfile', { postCategory: 'teamLeader' }));
    expect(r.person).toMatchObject({ postCategory: 'teamLeader', pendingPostCategory: null });
    const reg = (await cloud.db().collection('requests').where({ personId: r.person._id, type: 'registration' }).get()).data;
    expect(reg).toMatchObject([{ postCategory: 'teamLeader', status: 'pending' }]);
  });
});

describe('a former employer keeps only what was true when the person left', () => {
  it('lists the snapshot, not the current phone, certificates or binding; cannot reveal or reset', async () => {
    const w = await employedWorker(a, 'o-former-1', '冯前员工');
    expectOk(await org(a.token, 'leaveStaff', { personId: w.personId, reason: '合同到期' }));
    expectOk(await worker('o-former-1', 'updateProfile', { phone: '13900000022', certificates: [{ type: 'specialOperation', number: 'NEW1' }] }));
    const left = expectOk(await org<Paged<StaffRow>>(a.token, 'listStaff', { status: 'left', keyword: '冯前员工' }));
    expect(left.items).toHaveLength(1);
    expect(left.items[0]).toMatchObject({ name: '冯前员工', status: 'left', bound: false, certificates: [], leftReason: '合同到期' });
    expect(left.items[0].phone).toBeUndefined();
    for (const action of ['revealIdNumber', 'resetStaffPassword', 'updateStaff', 'leaveStaff']) {
      expect(await org(a.token, action, { personId: w.personId, name: '冯改名' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    }
  });
});

describe('counters against records', () => {
  it('the nightly reconcile finds no drift after joins, leaves, transfers and imports, and repairs planted drift', async () => {
    const clean = expectOk(await cloud.call<{ drift: unknown[]; enterprises: number }>('stats', { action: 'reconcileCounts' }, { sessionToken: admin }));
    expect(clean.drift).toEqual([]);
    expect(clean.enterprises).toBeGreaterThan(30);
    await cloud.db().collection('enterprises').doc(a.enterpriseId).update({ data: { staffCount: 999 } });
    const actual = (await cloud.db().collection('persons').where({ enterpriseId: a.enterpriseId, status: 'active' }).count()).total;
    // The nightly timer runs it first.
    const nightly = expectOk(await cloud.call<{ reconciled: { drift: number } }>('stats', { Type: 'Timer', TriggerName: 'nightly' }, { timer: true }));
    expect(nightly.reconciled.drift).toBe(1);
    expect(await staffCount(a.enterpriseId)).toBe(actual);
    expect(expectOk(await cloud.call<{ drift: unknown[] }>('stats', { action: 'reconcileCounts' }, { sessionToken: admin })).drift).toEqual([]);
    expect(await cloud.call('stats', { action: 'reconcileCounts' }, { sessionToken: a.token })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe("an enterprise admin account's region follows its enterprise", () => {
  it('moves the accounts with the enterprise, so account management scopes them right', async () => {
    expectOk(await org(a.token, 'updateEnterprise', { regionCode: '370481002' }));
    const account = await doc('accounts', `u:${a.username}`);
    expect(account).toMatchObject({ regionCode: '370481002' });
    expect(account.regionName).toMatch(/滕州市/);
  });
});
