/**
 * The takeover found in issue 7, replayed step by step; every step must fail.
 *
 * The attack: register an enterprise as a guest (active at once), import a sheet holding the ID
 * number of a worker who is not yours (with another name), so the import renames the person and
 * files a change-of-employer request on their behalf, approve it, then revealIdNumber +
 * resetStaffPassword + identity.login take the account and silently unbind the worker's phone.
 *
 * Required: a person moves only by their own request plus the new employer's approval; no admin
 * path (addStaff, import, request approval, updateStaff, 离职, reset, reveal) moves, renames, claims
 * or exposes a person who is not the caller's current staff. Three victims: employed elsewhere,
 * a pending self-registration at a third enterprise, and a worker who left (no employer now).
 */
import * as XLSX from 'xlsx';
import type { ImportCommitResult, ImportPlan } from '../../shared/contracts/imports';
import type { Paged } from '../../shared/contracts/common';
import type { RequestRow, StaffRow } from '../../shared/contracts/people';
import { PRIVACY_NOTICE_VERSION } from '../../shared/privacy';
import { TEMPLATE_HEADER, TEMPLATE_SHEET } from '../../shared/staffImport';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import { enterpriseInput, freshIdNumber, newEnterprise } from './orgTesting';

jest.setTimeout(30_000);

let cloud: TestCloud;
let home: { enterpriseId: string; token: string };
let third: { enterpriseId: string; token: string };
let attacker: { enterpriseId: string; token: string; username: string };

const PASSWORD = 'Victim2026ok';
type Kind = 'employed elsewhere' | 'pending at a third enterprise' | 'left (离职), no employer';
interface Victim {
  personId: string;
  idNumber: string;
  name: string;
  openid: string;
  /** The victim's own pending request to the third enterprise. */
  requestId: string;
}
const victims = {} as Record<Kind, Victim>;

const org = <T = unknown>(token: string, action: string, input: Record<string, unknown> = {}) => cloud.call<T>('org', { action, ...input }, { sessionToken: token });
const doc = async (coll: string, id: string) => {
  const d = (await cloud.db().collection(coll).doc(id).get()).data as unknown;
  return (Array.isArray(d) ? d[0] : d) as Record<string, unknown>;
};
const all = async (coll: string, where: Record<string, unknown>) => (await cloud.db().collection(coll).where(where).limit(1000).get<Record<string, unknown>>()).data;

/** Everything the platform holds about the person: must be the same after the attack. */
async function snapshot(v: Victim) {
  const byId = (a: Record<string, unknown>[]) => [...a].sort((x, y) => String(x._id).localeCompare(String(y._id)));
  return {
    person: await doc('persons', v.personId),
    employments: byId(await all('employments', { personId: v.personId })),
    requests: byId(await all('requests', { personId: v.personId })),
  };
}

async function register(openid: string, name: string, enterpriseId: string): Promise<Victim> {
  const idNumber = freshIdNumber();
  const r = expectOk(
    await cloud.call<{ personId: string; requestId: string }>(
      'identity',
      { action: 'register', name, idNumber, password: PASSWORD, phone: '13912345678', enterpriseId, postCategory: 'otherWorker', certificates: [], consentVersion: PRIVACY_NOTICE_VERSION },
      { openid },
    ),
  );
  return { personId: r.personId, idNumber, name, openid, requestId: r.requestId };
}
const askToJoinThird = async (v: Victim) =>
  expectOk(await cloud.call<{ requestId: string }>('identity', { action: 'requestEmployerChange', enterpriseId: third.enterpriseId }, { openid: v.openid })).requestId;

/** A staff sheet built with SheetJS in the template's layout (header row, then one row per person). */
function sheet(rows: [name: string, idNumber: string][]): Uint8Array {
  const wb = XLSX.utils.book_new();
  const table = [[...TEMPLATE_HEADER], ...rows.map(([name, id]) => [name, id, '13700000000', '', '其他从业人员', '正式员工', '', '', '', ''])];
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(table), TEMPLATE_SHEET);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

beforeAll(async () => {
  cloud = await startTestCloud();
  home = await newEnterprise(cloud);
  third = await newEnterprise(cloud);

  const employed = await register('o-victim-employed', '周在职', home.enterpriseId);
  expectOk(await org(home.token, 'decideRequest', { requestId: employed.requestId, decision: 'approve' }));
  employed.requestId = await askToJoinThird(employed);
  victims['employed elsewhere'] = employed;

  victims['pending at a third enterprise'] = await register('o-victim-pending', '吴待审', third.enterpriseId);

  const left = await register('o-victim-left', '郑离职', home.enterpriseId);
  expectOk(await org(home.token, 'decideRequest', { requestId: left.requestId, decision: 'approve' }));
  expectOk(await org(home.token, 'leaveStaff', { personId: left.personId }));
  left.requestId = await askToJoinThird(left);
  victims['left (离职), no employer'] = left;
}, 60_000);
afterAll(() => cloud?.close());

describe('step 0: anyone registers an enterprise as a guest (allowed: the attack must fail after it)', () => {
  it('a guest registers the attacker’s enterprise and signs in as its admin', async () => {
    const input = enterpriseInput({ name: '滕州攻击者测试有限公司' });
    const r = expectOk(await cloud.call<{ enterpriseId: string }>('org', { action: 'registerEnterprise', ...input }, { openid: 'o-attacker' }));
    attacker = { enterpriseId: r.enterpriseId, username: input.admin.username, token: await cloud.login(input.admin.username, input.admin.password) };
  });
});

const KINDS: Kind[] = ['employed elsewhere', 'pending at a third enterprise', 'left (离职), no employer'];
describe.each(KINDS)('victim %s', (kind) => {
  let v: Victim;
  let before: Awaited<ReturnType<typeof snapshot>>;
  const FAKE_NAME = '冒名顶替';
  beforeAll(async () => {
    v = victims[kind];
    before = await snapshot(v);
    expect(before.person).toMatchObject({ openid: v.openid, name: v.name, phone: '13912345678' });
  });

  it('1. import dry run lists the victim’s row as employed elsewhere (by the sheet’s name only) and plans nothing for it', async () => {
    const fileID = cloud.putFile('名单.xlsx', sheet([[FAKE_NAME, v.idNumber]]), attacker.username);
    const plan = expectOk(await cloud.call<ImportPlan>('imports', { action: 'staffImportDryRun', fileID }, { sessionToken: attacker.token }));
    expect(plan).toMatchObject({ total: 1, create: 0, update: 0, unchanged: 0, elsewhere: 1, elsewhereRows: [{ row: 2, name: FAKE_NAME }], problems: [] });
    expect(JSON.stringify(plan)).not.toContain(v.name);
  });

  it('2. import commit writes nothing for the victim (no rename, no request, no move) and still imports a new person beside it', async () => {
    const newcomer = freshIdNumber();
    const fileID = cloud.putFile('名单.xlsx', sheet([[FAKE_NAME, v.idNumber], ['新来的', newcomer]]), attacker.username);
    const r = expectOk(await cloud.call<ImportCommitResult>('imports', { action: 'staffImportCommit', fileID, offset: 0, limit: 100 }, { sessionToken: attacker.token }));
    expect(r).toMatchObject({ total: 2, done: true, created: 1, updated: 0, skipped: 1 });
    expect(r.credentials.map((c) => c.name)).toEqual(['新来的']);
    expect(await snapshot(v)).toEqual(before);
    expect(await all('requests', { personId: v.personId, enterpriseId: attacker.enterpriseId })).toEqual([]);
  });

  it('3. the attacker’s enterprise sees nothing of the victim: no request, no staff row (current or former)', async () => {
    const reqs = expectOk(await org<Paged<RequestRow>>(attacker.token, 'listRequests', { status: 'all', pageSize: 100 }));
    expect(reqs.items.filter((x) => x.personId === v.personId)).toEqual([]);
    for (const status of ['active', 'left'] as const) {
      const staff = expectOk(await org<Paged<StaffRow>>(attacker.token, 'listStaff', { keyword: v.idNumber, status }));
      expect(staff.total).toBe(0);
    }
  });

  it('4. the attacker cannot decide the victim’s own pending request to another enterprise', async () => {
    for (const decision of ['approve', 'reject'] as const) {
      expect(await org(attacker.token, 'decideRequest', { requestId: v.requestId, decision, reason: '冒领' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    }
    expect(await doc('requests', v.requestId)).toMatchObject({ status: 'pending', enterpriseId: third.enterpriseId });
  });

  it('5. revealIdNumber / resetStaffPassword / updateStaff / leaveStaff on the victim → NOT_IN_SCOPE', async () => {
    const attempts: [string, Record<string, unknown>][] = [
      ['revealIdNumber', { personId: v.personId }],
      ['resetStaffPassword', { personId: v.personId }],
      ['updateStaff', { personId: v.personId, name: FAKE_NAME }],
      ['updateStaff', { personId: v.personId, phone: '13700000000' }],
      ['leaveStaff', { personId: v.personId }],
    ];
    for (const [action, input] of attempts) {
      expect({ action, r: await org(attacker.token, action, input) }).toMatchObject({ action, r: { ok: false, code: 'NOT_IN_SCOPE' } });
    }
  });

  it('6. addStaff with the victim’s ID number (any name) → PERSON_EMPLOYED_ELSEWHERE, nothing written', async () => {
    for (const name of [FAKE_NAME, v.name]) {
      const r = await org(attacker.token, 'addStaff', { name, idNumber: v.idNumber, postCategory: 'otherWorker', employmentType: 'regular' });
      expect({ name, r }).toMatchObject({ name, r: { ok: false, code: 'PERSON_EMPLOYED_ELSEWHERE' } });
    }
    // The same answer whatever the name: no oracle on who is registered.
    const a = await org(attacker.token, 'addStaff', { name: FAKE_NAME, idNumber: v.idNumber, postCategory: 'otherWorker', employmentType: 'regular' });
    const b = await org(attacker.token, 'addStaff', { name: v.name, idNumber: v.idNumber, postCategory: 'otherWorker', employmentType: 'regular' });
    expect(a).toEqual(b);
  });

  it('6b. from the attacker’s own WeChat: registering the victim’s ID number or guessing a password takes nothing', async () => {
    const reg = await cloud.call(
      'identity',
      { action: 'register', name: FAKE_NAME, idNumber: v.idNumber, password: 'Attack2026ok', enterpriseId: attacker.enterpriseId, postCategory: 'otherWorker', certificates: [], consentVersion: PRIVACY_NOTICE_VERSION },
      { openid: 'o-attacker-phone' },
    );
    expect(reg).toMatchObject({ ok: false, code: 'PERSON_EXISTS' });
    // One wrong guess only: five would lock the victim's ID number for 15 minutes.
    expect(await cloud.call('identity', { action: 'login', idNumber: v.idNumber, password: 'Attack2026ok' }, { openid: 'o-attacker-phone' })).toMatchObject({ ok: false, code: 'LOGIN_FAILED' });
    expect(await snapshot(v)).toEqual(before);
  });

  it('7. after it all: the victim is untouched, still bound to their WeChat, and logs in with their own password', async () => {
    expect(await snapshot(v)).toEqual(before);
    expect(await all('employments', { personId: v.personId, enterpriseId: attacker.enterpriseId })).toEqual([]);
    const me = expectOk(await cloud.call<{ person: { name: string } | null }>('identity', { action: 'me' }, { openid: v.openid }));
    expect(me.person).toMatchObject({ name: v.name });
    expectOk(await cloud.call('identity', { action: 'login', idNumber: v.idNumber, password: PASSWORD }, { openid: v.openid }));
    expect(await doc('persons', v.personId)).toMatchObject({ openid: v.openid, name: v.name, enterpriseId: before.person.enterpriseId, status: before.person.status });
  });
});
