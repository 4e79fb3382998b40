import { setClockForTests } from '../common/clock';
import { personIdentity, personIdOf, type PersonDoc } from '../common/persons';
import { hashPassword } from '../common/crypto';
import { expectOk, startTestCloud, type CallOptions, type TestCloud } from '../common/testing';
import type { WorkerState } from '../../shared/contracts/identity';
import type { EmploymentRow, PersonSelf } from '../../shared/contracts/people';
import { makeIdNumber } from '../../shared/idNumber';
import { PRIVACY_NOTICE_VERSION } from '../../shared/privacy';
import { regionFieldsOf } from '../../shared/regions';
import type { Fail, Ok } from '../../shared/errors';

let cloud: TestCloud;
let enterprises: { _id: string; name: string; regionCode: string }[];
beforeAll(async () => {
  cloud = await startTestCloud();
  enterprises = (await cloud.db().collection('enterprises').orderBy('_id', 'asc').limit(5).get<{ _id: string; name: string; regionCode: string }>()).data;
}, 60_000);
afterAll(async () => {
  setClockForTests(null);
  await cloud?.close();
});

/** Every full ID number the tests used, and every response: none may contain one. */
const usedIds = new Set<string>();
const responses: unknown[] = [];
const call = async <T = unknown>(event: Record<string, unknown>, opts?: CallOptions): Promise<Ok<T> | Fail> => {
  const r = await cloud.call<T>('identity', event, opts);
  responses.push(r);
  return r;
};

let seq = 100;
/** A fresh valid ID number (optionally one ending in X). */
function newId(endsWithX = false): string {
  for (;;) {
    const id = makeIdNumber('370481', '19880214', String(seq++).padStart(3, '0'));
    if (!endsWithX || id.endsWith('X')) {
      usedIds.add(id);
      return id;
    }
  }
}
const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const badChecksum = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

const PASSWORD = 'Worker2026ok';
const registration = (over: Record<string, unknown> = {}) => ({
  action: 'register',
  name: '张三',
  idNumber: newId(),
  password: PASSWORD,
  enterpriseId: enterprises[0]._id,
  postCategory: 'otherWorker',
  certificates: [],
  consentVersion: PRIVACY_NOTICE_VERSION,
  ...over,
});
type Registered = { personId: string; requestId: string; status: 'pending' };
const register = (over: Record<string, unknown> = {}, openid = `o-reg-${seq}`) => call<Registered>(registration(over), { openid });
const me = (openid?: string) => call<WorkerState>({ action: 'me' }, { openid });
const login = (idNumber: string, password: string, openid: string) => call<WorkerState>({ action: 'login', idNumber, password }, { openid });

/** An imported, employed person (initial password, must change it) written straight to the database. */
async function importedPerson(enterprise = enterprises[1], password = 'Anxue@2026', mustChangePassword = true): Promise<{ idNumber: string; personId: string }> {
  const idNumber = newId();
  const now = new Date();
  const doc: PersonDoc = {
    ...personIdentity(idNumber),
    name: '李四',
    status: 'active',
    enterpriseId: enterprise._id,
    enterpriseName: enterprise.name,
    departmentId: null,
    ...regionFieldsOf(enterprise.regionCode),
    postCategory: 'teamLeader',
    employmentType: 'regular',
    certificates: [],
    passwordHash: await hashPassword(password),
    mustChangePassword,
    openid: null,
    createdAt: now,
    updatedAt: now,
  };
  const { _id, ...data } = doc;
  await cloud.db().collection('persons').add({ data: { _id, ...data } });
  return { idNumber, personId: _id };
}

describe('identity.register (scripting contract)', () => {
  it('answers ID_NUMBER_INVALID for a bad ID number when everything else is valid', async () => {
    for (const idNumber of [badChecksum(newId()), '370481198802301234', '12345', '', '3704811988021412345']) {
      const r = await register({ idNumber });
      expect(r).toMatchObject({ ok: false, code: 'ID_NUMBER_INVALID' });
      if (!r.ok) expect(r.message).toMatch(/身份证/);
    }
  });

  it('answers ID_NUMBER_INVALID for a bad ID number even when other fields are bad too', async () => {
    const r = await register({ idNumber: badChecksum(newId()), password: '123', enterpriseId: 'no-such-enterprise', name: 'x', postCategory: 'boss', consentVersion: '' });
    expect(r).toMatchObject({ ok: false, code: 'ID_NUMBER_INVALID' });
    const r2 = await register({ idNumber: '370481198802301234', password: 'weak', enterpriseId: '' });
    expect(r2).toMatchObject({ ok: false, code: 'ID_NUMBER_INVALID' });
  });

  it('answers another code for a valid ID with a weak password or an unknown enterprise', async () => {
    expect(await register({ password: 'abcdefgh' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await register({ password: '1234' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await register({ enterpriseId: '91370481MA3XXXXXX1' })).toMatchObject({ ok: false, code: 'ENTERPRISE_NOT_FOUND' });
    expect(await register({ name: '1' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('registers: ok:true, a pending person and a pending registration request, OPENID bound', async () => {
    const idNumber = newId();
    cloud.takeRoundTrips();
    const data = expectOk(await register({ idNumber, phone: '13800000000', certificates: [{ type: 'specialOperation', number: 'T123', issuedOn: '2024-01-01', expiresOn: '2030-01-01' }] }, 'o-reg-main'));
    const trips = cloud.takeRoundTrips();
    expect(trips).toBeLessThanOrEqual(9); // 3 parallel reads + a transaction (person, lock read + write, request)
    expect(data.status).toBe('pending');
    expect(data.personId).toBe(personIdOf(idNumber));
    const person = (await cloud.db().collection('persons').doc(data.personId).get()).data as PersonDoc;
    expect(person).toMatchObject({ status: 'pending', enterpriseId: null, mustChangePassword: false, openid: 'o-reg-main', consent: { version: PRIVACY_NOTICE_VERSION } });
    expect(person.passwordHash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(person)).not.toContain(idNumber);
    const request = (await cloud.db().collection('requests').doc(data.requestId).get()).data;
    expect(request).toMatchObject({ type: 'registration', status: 'pending', personId: data.personId, enterpriseId: enterprises[0]._id, enterpriseName: enterprises[0].name });
    const state = expectOk(await me('o-reg-main'));
    expect(state.person).toMatchObject({ _id: data.personId, status: 'pending', name: '张三', phone: '13800000000', idMasked: `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}` });
    expect(state.pendingRequests.map((r) => r._id)).toEqual([data.requestId]);
  });

  it('accepts a lower-case x and full-width digits, stored as the same person', async () => {
    const withX = newId(true);
    const r = expectOk(await register({ idNumber: withX.toLowerCase() }));
    expect(r.personId).toBe(personIdOf(withX));
    const plain = newId();
    const r2 = expectOk(await register({ idNumber: ` ${fullWidth(plain)} ` }));
    expect(r2.personId).toBe(personIdOf(plain));
    // The same numbers again, in the other spelling, are duplicates.
    expect(await register({ idNumber: withX })).toMatchObject({ ok: false, code: 'PERSON_EXISTS' });
    expect(await register({ idNumber: plain.slice(0, 6) + ' ' + plain.slice(6) })).toMatchObject({ ok: false, code: 'PERSON_EXISTS' });
  });

  it('refuses a second registration of the same ID number (tell them to log in), writing nothing', async () => {
    const idNumber = newId();
    expectOk(await register({ idNumber }, 'o-dup-1'));
    const before = (await cloud.db().collection('requests').count()).total;
    const again = await register({ idNumber, name: '王五' }, 'o-dup-2');
    expect(again).toMatchObject({ ok: false, code: 'PERSON_EXISTS' });
    if (!again.ok) expect(again.message).toMatch(/登录/);
    expect((await cloud.db().collection('requests').count()).total).toBe(before);
    expect(expectOk(await me('o-dup-2')).person).toBeNull();
  });

  it('refuses an imported person (already in the database) with PERSON_EXISTS', async () => {
    const { idNumber } = await importedPerson();
    expect(await register({ idNumber })).toMatchObject({ ok: false, code: 'PERSON_EXISTS' });
  });

  it('requires consent to the current privacy notice', async () => {
    const idNumber = newId();
    expect(await register({ idNumber, consentVersion: '2020-01-v0' })).toMatchObject({ ok: false, code: 'CONSENT_REQUIRED' });
    expect(await register({ idNumber, consentVersion: '' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await cloud.db().collection('persons').where({ _id: personIdOf(idNumber) }).count()).toMatchObject({ total: 0 });
  });

  it('needs a WeChat OPENID', async () => {
    expect(await call(registration(), {})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('moves the OPENID off a person it was bound to (one person per OPENID)', async () => {
    const first = expectOk(await register({}, 'o-shared'));
    const second = expectOk(await register({}, 'o-shared'));
    expect(expectOk(await me('o-shared')).person?._id).toBe(second.personId);
    expect(((await cloud.db().collection('persons').doc(first.personId).get()).data as PersonDoc).openid).toBeNull();
  });
});

describe('identity.login / me / logout', () => {
  it('binds the OPENID: me with the same OPENID is the person, with another OPENID null', async () => {
    const idNumber = newId();
    const reg = expectOk(await register({ idNumber }, 'o-login-reg'));
    const t0 = Math.floor(Date.now() / 60_000) * 60_000 + 1000;
    setClockForTests(() => new Date(t0));
    expect(await login(idNumber, 'Wrong2026', 'o-login-a')).toMatchObject({ ok: false, code: 'LOGIN_FAILED' });
    // Steady state (the per-minute rate-limit counter exists): 6 round trips (one is the last decided request).
    cloud.takeRoundTrips();
    const state = expectOk(await login(idNumber, PASSWORD, 'o-login-a'));
    expect(cloud.takeRoundTrips()).toBeLessThanOrEqual(8); // incl. lastDecision and the failed-login guard
    setClockForTests(null);
    expect(state.person?._id).toBe(reg.personId);
    expect(state.pendingRequests).toHaveLength(1);
    expect(expectOk(await me('o-login-a')).person?._id).toBe(reg.personId);
    expect(expectOk(await me('o-login-b')).person).toBeNull();
    // Registration bound the first phone; the login moved the binding.
    expect(expectOk(await me('o-login-reg')).person).toBeNull();
  });

  it('accepts the ID number in lower case / full width at login too', async () => {
    const idNumber = newId(true);
    expectOk(await register({ idNumber }));
    expectOk(await login(fullWidth(idNumber.toLowerCase()), PASSWORD, 'o-login-fw'));
  });

  it('answers a guest in at most one round trip, and without an OPENID in none', async () => {
    cloud.takeRoundTrips();
    expect(expectOk(await me('o-nobody'))).toEqual({ person: null, pendingRequests: [] });
    expect(cloud.takeRoundTrips()).toBeLessThanOrEqual(1);
    expect(expectOk(await me())).toEqual({ person: null, pendingRequests: [] });
    expect(cloud.takeRoundTrips()).toBe(0);
  });

  it('moves the binding to a second phone', async () => {
    const { idNumber, personId } = await importedPerson();
    expectOk(await login(idNumber, 'Anxue@2026', 'o-phone-1'));
    const second = expectOk(await login(idNumber, 'Anxue@2026', 'o-phone-2'));
    expect(second.person).toMatchObject({ _id: personId, status: 'active', mustChangePassword: true, enterpriseId: enterprises[1]._id });
    expect(expectOk(await me('o-phone-1')).person).toBeNull();
    expect(expectOk(await me('o-phone-2')).person?._id).toBe(personId);
  });

  it('logging in as someone else on the same phone unbinds the first person', async () => {
    const a = await importedPerson();
    const b = await importedPerson();
    expectOk(await login(a.idNumber, 'Anxue@2026', 'o-family'));
    expectOk(await login(b.idNumber, 'Anxue@2026', 'o-family'));
    expect(await cloud.db().collection('persons').where({ openid: 'o-family' }).count()).toMatchObject({ total: 1 });
    expect(expectOk(await me('o-family')).person?._id).toBe(b.personId);
  });

  it('logout unbinds the OPENID; a guest cannot log out', async () => {
    const { idNumber, personId } = await importedPerson();
    expectOk(await login(idNumber, 'Anxue@2026', 'o-out'));
    expect(expectOk(await call({ action: 'logout' }, { openid: 'o-out' }))).toEqual({ loggedOut: true });
    expect(expectOk(await me('o-out')).person).toBeNull();
    expect(((await cloud.db().collection('persons').doc(personId).get()).data as PersonDoc).openid).toBeNull();
    expect(await call({ action: 'logout' }, { openid: 'o-out' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('answers LOGIN_FAILED alike for an unknown ID number and a wrong password', async () => {
    const { idNumber } = await importedPerson();
    const unknown = await login(newId(), 'Anxue@2026', 'o-fail');
    const wrong = await login(idNumber, 'Wrong2026', 'o-fail');
    expect(unknown).toMatchObject({ ok: false, code: 'LOGIN_FAILED' });
    expect(wrong).toMatchObject({ ok: false, code: 'LOGIN_FAILED' });
    expect(await login(badChecksum(idNumber), 'Anxue@2026', 'o-fail')).toMatchObject({ ok: false, code: 'ID_NUMBER_INVALID' });
    expect(await login(idNumber, 'Anxue@2026', '')).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('locks the person after 5 failures, even for the right password, for 15 minutes', async () => {
    const { idNumber } = await importedPerson();
    const t0 = Date.now();
    setClockForTests(() => new Date(t0));
    for (let i = 0; i < 4; i++) expect(await login(idNumber, 'Wrong2026', `o-lock-${i}`)).toMatchObject({ ok: false, code: 'LOGIN_FAILED' });
    expect(await login(idNumber, 'Wrong2026', 'o-lock-5')).toMatchObject({ ok: false, code: 'ACCOUNT_LOCKED' });
    expect(await login(idNumber, 'Anxue@2026', 'o-lock-6')).toMatchObject({ ok: false, code: 'ACCOUNT_LOCKED' });
    setClockForTests(() => new Date(t0 + 16 * 60 * 1000));
    expectOk(await login(idNumber, 'Anxue@2026', 'o-lock-7'));
    setClockForTests(null);
  });

  it('counts failures atomically: 20 parallel wrong guesses from 20 phones check at most 5 passwords', async () => {
    const { idNumber } = await importedPerson();
    const guesses = await Promise.all(Array.from({ length: 20 }, (_x, i) => login(idNumber, 'Wrong2026', `o-par-${i}`)));
    const failed = guesses.filter((r) => !r.ok && r.code === 'LOGIN_FAILED').length;
    const locked = guesses.filter((r) => !r.ok && r.code === 'ACCOUNT_LOCKED').length;
    expect(failed + locked).toBe(20);
    expect(failed).toBeLessThanOrEqual(5); // at most MAX passwords were checked
    expect(await login(idNumber, 'Anxue@2026', 'o-par-right')).toMatchObject({ ok: false, code: 'ACCOUNT_LOCKED' });
  });

  it('an unknown ID number locks exactly like a registered one, with the same messages', async () => {
    const { idNumber } = await importedPerson();
    const ghost = newId();
    const seen: [string, string][] = [];
    for (let i = 0; i < 6; i++) {
      const a = await login(ghost, 'Wrong2026', `o-ghost-${i}`);
      const b = await login(idNumber, 'Wrong2026', `o-real-${i}`);
      seen.push([a.ok ? 'ok' : `${a.code}:${a.message}`, b.ok ? 'ok' : `${b.code}:${b.message}`]);
    }
    for (const [a, b] of seen) expect(a).toBe(b);
    expect(seen[0][0]).toBe('LOGIN_FAILED:身份证号或密码错误');
    expect(seen[5][0]).toMatch(/^ACCOUNT_LOCKED:/);
  });

  it('rate-limits login attempts per OPENID (ID-number guessing), per minute', async () => {
    const { idNumber } = await importedPerson();
    const t0 = Math.floor(Date.now() / 60_000) * 60_000 + 1000;
    setClockForTests(() => new Date(t0));
    for (let i = 0; i < 10; i++) expect(await login(newId(), 'Guess2026', 'o-guesser')).toMatchObject({ ok: false, code: 'LOGIN_FAILED' });
    expect(await login(newId(), 'Guess2026', 'o-guesser')).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    // Even the right credentials wait for the next minute on that phone; another phone is not affected.
    expect(await login(idNumber, 'Anxue@2026', 'o-guesser')).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expectOk(await login(idNumber, 'Anxue@2026', 'o-honest'));
    setClockForTests(() => new Date(t0 + 60_000));
    expectOk(await login(idNumber, 'Anxue@2026', 'o-guesser'));
    setClockForTests(null);
  });
});

describe('identity.changePassword / updateProfile / myEmployments', () => {
  it('changes the password after checking the old one, and clears mustChangePassword', async () => {
    const { idNumber } = await importedPerson();
    expectOk(await login(idNumber, 'Anxue@2026', 'o-pw'));
    expect(await call({ action: 'changePassword', oldPassword: 'Wrong2026', newPassword: 'NewPass2026' }, { openid: 'o-pw' })).toMatchObject({ ok: false, code: 'PASSWORD_MISMATCH' });
    expect(await call({ action: 'changePassword', oldPassword: 'Anxue@2026', newPassword: 'short' }, { openid: 'o-pw' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await call({ action: 'changePassword', oldPassword: 'Anxue@2026', newPassword: 'Anxue@2026' }, { openid: 'o-pw' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(expectOk(await call({ action: 'changePassword', oldPassword: 'Anxue@2026', newPassword: 'NewPass2026' }, { openid: 'o-pw' }))).toEqual({ changed: true });
    expect(expectOk(await me('o-pw')).person?.mustChangePassword).toBe(false);
    expect(await login(idNumber, 'Anxue@2026', 'o-pw2')).toMatchObject({ ok: false, code: 'LOGIN_FAILED' });
    expectOk(await login(idNumber, 'NewPass2026', 'o-pw2'));
  });

  it('updates phone, post category, employment type and certificates, never the name', async () => {
    const idNumber = newId();
    const reg = expectOk(await register({ idNumber }, 'o-prof'));
    const r = expectOk(
      await call<{ person: PersonSelf }>(
        { action: 'updateProfile', name: '改名', idNumber: newId(), enterpriseId: enterprises[2]._id, status: 'active', phone: '13900000000', postCategory: 'safetyManager', employmentType: 'dispatched', certificates: [{ type: 'safetyQualification', number: 'A-1' }] },
        { openid: 'o-prof' },
      ),
    );
    expect(r.person).toMatchObject({ name: '张三', phone: '13900000000', postCategory: 'safetyManager', employmentType: 'dispatched', status: 'pending', enterpriseId: null });
    const stored = (await cloud.db().collection('persons').doc(reg.personId).get()).data as PersonDoc;
    expect(stored).toMatchObject({ _id: personIdOf(idNumber), name: '张三', status: 'pending', enterpriseId: null, certificates: [{ type: 'safetyQualification', number: 'A-1' }] });
    // The pending review shows what the worker now declares.
    const req = (await cloud.db().collection('requests').doc(reg.requestId).get()).data;
    expect(req).toMatchObject({ postCategory: 'safetyManager', certificates: [{ type: 'safetyQualification', number: 'A-1' }] });
    expect(await call({ action: 'updateProfile', phone: '123' }, { openid: 'o-prof' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('a worker who must change the password can call only me, changePassword and logout (enforced by the server)', async () => {
    const { idNumber } = await importedPerson();
    expect(expectOk(await login(idNumber, 'Anxue@2026', 'o-forced')).person?.mustChangePassword).toBe(true);
    for (const event of [{ action: 'myEmployments' }, { action: 'updateProfile', phone: '13900000009' }, { action: 'requestEmployerChange', enterpriseId: enterprises[2]._id }, { action: 'cancelRequest', requestId: 'x' }]) {
      expect(await call(event, { openid: 'o-forced' })).toMatchObject({ ok: false, code: 'PASSWORD_CHANGE_REQUIRED' });
    }
    expect(expectOk(await me('o-forced')).person?.mustChangePassword).toBe(true);
    expectOk(await call({ action: 'changePassword', oldPassword: 'Anxue@2026', newPassword: 'NewPass2026' }, { openid: 'o-forced' }));
    expectOk(await call({ action: 'myEmployments' }, { openid: 'o-forced' }));
    expectOk(await call({ action: 'logout' }, { openid: 'o-forced' }));
  });

  it('lists the employment history newest first', async () => {
    const { idNumber, personId } = await importedPerson(enterprises[1], 'Anxue@2026', false);
    await cloud.db().collection('employments').add({
      data: [
        { personId, enterpriseId: enterprises[3]._id, enterpriseName: enterprises[3].name, from: new Date('2020-01-01'), to: new Date('2023-06-30'), source: 'admin' },
        { personId, enterpriseId: enterprises[1]._id, enterpriseName: enterprises[1].name, from: new Date('2023-07-01'), to: null, source: 'transfer' },
        { personId: 'p-someone-else', enterpriseId: enterprises[1]._id, enterpriseName: enterprises[1].name, from: new Date('2023-07-01'), to: null, source: 'import' },
      ],
    });
    expectOk(await login(idNumber, 'Anxue@2026', 'o-emp'));
    const { items } = expectOk(await call<{ items: EmploymentRow[] }>({ action: 'myEmployments' }, { openid: 'o-emp' }));
    expect(items.map((i) => [i.enterpriseId, i.to])).toEqual([
      [enterprises[1]._id, null],
      [enterprises[3]._id, '2023-06-30T00:00:00.000Z'],
    ]);
  });
});

describe('identity.requestEmployerChange / cancelRequest', () => {
  it('files a change-of-employer request for an employed worker; one pending at a time; cancel', async () => {
    const { idNumber, personId } = await importedPerson(enterprises[1], 'Anxue@2026', false);
    expectOk(await login(idNumber, 'Anxue@2026', 'o-move'));
    const req = (enterpriseId: string) => call<{ requestId: string }>({ action: 'requestEmployerChange', enterpriseId }, { openid: 'o-move' });
    expect(await req(enterprises[1]._id)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await req('no-such-enterprise')).toMatchObject({ ok: false, code: 'ENTERPRISE_NOT_FOUND' });
    const { requestId } = expectOk(await req(enterprises[2]._id));
    const stored = (await cloud.db().collection('requests').doc(requestId).get()).data;
    expect(stored).toMatchObject({ type: 'changeEmployer', status: 'pending', personId, enterpriseId: enterprises[2]._id, fromEnterpriseId: enterprises[1]._id, fromEnterpriseName: enterprises[1].name });
    expect(await req(enterprises[3]._id)).toMatchObject({ ok: false, code: 'REQUEST_ALREADY_PENDING' });
    const state = expectOk(await me('o-move'));
    expect(state.pendingRequests).toMatchObject([{ _id: requestId, type: 'changeEmployer', fromEnterpriseName: enterprises[1].name }]);
    // The person stays with the old employer until the new one approves.
    expect(state.person).toMatchObject({ status: 'active', enterpriseId: enterprises[1]._id });

    expect(expectOk(await call({ action: 'cancelRequest', requestId }, { openid: 'o-move' }))).toEqual({ cancelled: true });
    expect(await call({ action: 'cancelRequest', requestId }, { openid: 'o-move' })).toMatchObject({ ok: false, code: 'REQUEST_NOT_PENDING' });
    expect(expectOk(await me('o-move')).pendingRequests).toEqual([]);
    expectOk(await req(enterprises[3]._id));
  });

  it('a pending registrant cannot add a second request; after cancelling, re-applies as a registration', async () => {
    const reg = expectOk(await register({}, 'o-pend'));
    const r = await call({ action: 'requestEmployerChange', enterpriseId: enterprises[2]._id }, { openid: 'o-pend' });
    expect(r).toMatchObject({ ok: false, code: 'REQUEST_ALREADY_PENDING' });
    expectOk(await call({ action: 'cancelRequest', requestId: reg.requestId }, { openid: 'o-pend' }));
    const { requestId } = expectOk(await call<{ requestId: string }>({ action: 'requestEmployerChange', enterpriseId: enterprises[2]._id }, { openid: 'o-pend' }));
    expect((await cloud.db().collection('requests').doc(requestId).get()).data).toMatchObject({ type: 'registration', enterpriseId: enterprises[2]._id, fromEnterpriseId: null });
  });

  it('a departed (离职) worker may ask to join another enterprise, or the same one again', async () => {
    const { idNumber, personId } = await importedPerson(enterprises[1], 'Anxue@2026', false);
    await cloud.db().collection('persons').doc(personId).update({ data: { status: 'left' } });
    expectOk(await login(idNumber, 'Anxue@2026', 'o-left'));
    const { requestId } = expectOk(await call<{ requestId: string }>({ action: 'requestEmployerChange', enterpriseId: enterprises[1]._id }, { openid: 'o-left' }));
    expect((await cloud.db().collection('requests').doc(requestId).get()).data).toMatchObject({ type: 'changeEmployer', fromEnterpriseId: enterprises[1]._id });
  });

  it("cannot cancel someone else's request, or an unknown one", async () => {
    const other = expectOk(await register({}, 'o-victim'));
    expectOk(await register({}, 'o-attacker'));
    expect(await call({ action: 'cancelRequest', requestId: other.requestId }, { openid: 'o-attacker' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call({ action: 'cancelRequest', requestId: 'nope' }, { openid: 'o-attacker' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await cloud.db().collection('requests').doc(other.requestId).get()).data).toMatchObject({ status: 'pending' });
  });
});

describe('identity.me: lastDecision', () => {
  it('shows the worker the reason of a rejection; other workers never see it', async () => {
    const token = await cloud.login('ent_admin');
    const account = expectOk(await cloud.call<{ account: { enterpriseId: string } }>('identity', { action: 'consoleMe' }, { sessionToken: token })).account;
    const decide = (requestId: string, decision: 'approve' | 'reject', reason?: string) =>
      cloud.call('org', { action: 'decideRequest', requestId, decision, ...(reason ? { reason } : {}) }, { sessionToken: token });

    const rejected = expectOk(await register({ enterpriseId: account.enterpriseId }, 'o-rej'));
    const other = expectOk(await register({ enterpriseId: account.enterpriseId }, 'o-rej-other'));
    expect(expectOk(await me('o-rej')).lastDecision).toBeNull();
    expectOk(await decide(rejected.requestId, 'reject', '本企业无此员工'));
    cloud.takeRoundTrips();
    const state = expectOk(await me('o-rej'));
    expect(cloud.takeRoundTrips()).toBeLessThanOrEqual(3);
    expect(state.pendingRequests).toEqual([]);
    expect(state.lastDecision).toMatchObject({ _id: rejected.requestId, status: 'rejected', reason: '本企业无此员工', enterpriseId: account.enterpriseId });
    expect(state.lastDecision?.decidedAt).toEqual(expect.any(String));
    // The other registrant (still pending) sees nothing of it.
    const otherState = expectOk(await me('o-rej-other'));
    expect(otherState.lastDecision).toBeNull();
    expect(otherState.pendingRequests).toMatchObject([{ _id: other.requestId, status: 'pending' }]);
    expect(expectOk(await me('o-nobody')).lastDecision ?? null).toBeNull();

    // A newer decision replaces it, and login answers it too.
    expectOk(await decide(other.requestId, 'approve'));
    const again = expectOk(await call<{ requestId: string }>({ action: 'requestEmployerChange', enterpriseId: account.enterpriseId }, { openid: 'o-rej' }));
    expectOk(await decide(again.requestId, 'approve'));
    expect(expectOk(await me('o-rej')).lastDecision).toMatchObject({ _id: again.requestId, status: 'approved' });
    expect(expectOk(await me('o-rej-other')).lastDecision).toMatchObject({ _id: other.requestId, status: 'approved' });
  });

  it('login answers lastDecision', async () => {
    const token = await cloud.login('ent_admin');
    const account = expectOk(await cloud.call<{ account: { enterpriseId: string } }>('identity', { action: 'consoleMe' }, { sessionToken: token })).account;
    const idNumber = newId();
    const reg = expectOk(await register({ enterpriseId: account.enterpriseId, idNumber }, 'o-rej-login'));
    expectOk(await cloud.call('org', { action: 'decideRequest', requestId: reg.requestId, decision: 'reject', reason: '信息有误' }, { sessionToken: token }));
    expect(expectOk(await login(idNumber, PASSWORD, 'o-rej-login-2')).lastDecision).toMatchObject({ status: 'rejected', reason: '信息有误' });
  });
});

describe('worker actions: who may call', () => {
  it('answers UNAUTHENTICATED to a guest (unknown OPENID or none) for every worker action', async () => {
    const events = [
      { action: 'logout' },
      { action: 'changePassword', oldPassword: 'x', newPassword: 'NewPass2026' },
      { action: 'updateProfile', phone: '13900000000' },
      { action: 'myEmployments' },
      { action: 'requestEmployerChange', enterpriseId: enterprises[0]._id },
      { action: 'cancelRequest', requestId: 'x' },
    ];
    for (const e of events) {
      expect(await call(e, { openid: 'o-stranger' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
      expect(await call(e, {})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    }
  });

  it('a console account is not a worker', async () => {
    const token = await cloud.login('ent_admin');
    // A console token is no worker login: without a bound OPENID the caller is a guest.
    expect(await call({ action: 'myEmployments' }, { sessionToken: token })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('never answers a full ID number (masked only)', () => {
    expect(responses.length).toBeGreaterThan(50);
    const all = JSON.stringify(responses);
    for (const id of usedIds) {
      expect(all).not.toContain(id);
      expect(all).not.toContain(id.slice(6, 14) + id.slice(14, 17));
    }
  });
});
