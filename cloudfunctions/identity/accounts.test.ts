import { getById } from '../common/db';
import { expectOk, startTestCloud, type CallOptions, type TestCloud } from '../common/testing';
import type { AccountView } from '../../shared/contracts/identity';
import type { Paged } from '../../shared/contracts/common';
import { isStrongPassword } from '../../shared/password';
import type { Fail, Ok } from '../../shared/errors';

let cloud: TestCloud;
const tokens: Record<string, string> = {};
type Region = { _id: string; level: string; fullName: string; parentCode: string };
type Ent = { _id: string; name: string; regionCode: string; countyCode: string; cityCode: string; industry: string };
let tengzhouTown: Region;
let otherZaozhuangCounty: Region;
let outsideCounty: Region;
let entAdminEnterprise: string;
let tengzhouEnterprises: Ent[];
let outsideEnterprise: Ent;

beforeAll(async () => {
  cloud = await startTestCloud();
  for (const u of ['admin', 'sd_regulator', 'zz_regulator', 'tz_regulator', 'ent_admin']) tokens[u] = await cloud.login(u);
  const regions = cloud.db().collection('regions');
  tengzhouTown = (await regions.where({ parentCode: '370481' }).limit(1).get<Region>()).data[0];
  otherZaozhuangCounty = (await regions.where({ parentCode: '3704', _id: cloud.db().command.neq('370481') }).limit(1).get<Region>()).data[0];
  outsideCounty = (await regions.where({ level: 'county', _id: cloud.db().RegExp({ regexp: '^3701' }) }).limit(1).get<Region>()).data[0];
  const entAdmin = (await getById<{ enterpriseId: string }>('accounts', 'u:ent_admin'))!;
  entAdminEnterprise = entAdmin.enterpriseId;
  const ents = cloud.db().collection('enterprises');
  tengzhouEnterprises = (await ents.where({ countyCode: '370481' }).orderBy('_id', 'asc').get<Ent>()).data;
  outsideEnterprise = (await ents.where({ cityCode: cloud.db().command.neq('3704') }).limit(1).get<Ent>()).data[0];
}, 60_000);
afterAll(() => cloud?.close());

const responses: unknown[] = [];
const call = async <T = unknown>(as: string, event: Record<string, unknown>, opts: CallOptions = {}): Promise<Ok<T> | Fail> => {
  const r = await cloud.call<T>('identity', event, { sessionToken: tokens[as] ?? as, ...opts });
  responses.push(r);
  return r;
};
type Created = { account: AccountView; initialPassword: string };
let n = 0;
const uname = (p: string) => `${p}_${++n}`;
const create = (as: string, input: Record<string, unknown>) => call<Created>(as, { action: 'createAccount', displayName: '测试账号', ...input });
const regulator = (as: string, regionCode: string, extra: Record<string, unknown> = {}) => create(as, { username: uname('reg'), role: 'regulator', regionCode, ...extra });
const entAdmin = (as: string, enterpriseId?: string) => create(as, { username: uname('ea'), role: 'enterpriseAdmin', ...(enterpriseId ? { enterpriseId } : {}) });
type Listed = Paged<AccountView & { status: 'active' | 'disabled'; createdAt: string }>;
const list = (as: string, input: Record<string, unknown> = {}) => call<Listed>(as, { action: 'listAccounts', pageSize: 100, ...input });
const setStatus = (as: string, accountId: string, status: 'active' | 'disabled') => call<{ status: string }>(as, { action: 'setAccountStatus', accountId, status });
const loginAs = (username: string, password: string) => cloud.call<{ token: string; account: AccountView }>('identity', { action: 'consoleLogin', username, password });
const NEW_PASSWORD = 'Changed2026';
/** A new account's first sign-in: the forced password change, then a session that may act. */
async function signInNew(username: string, initialPassword: string): Promise<string> {
  const first = expectOk(await loginAs(username, initialPassword)).token;
  const changed = expectOk(await call<{ token: string }>(first, { action: 'consoleChangePassword', oldPassword: initialPassword, newPassword: NEW_PASSWORD }));
  return changed.token;
}

describe('identity.createAccount', () => {
  it('sysadmin creates a regulator: region name from the regions collection, one-time initial password, must change it', async () => {
    const username = uname('city');
    const r = expectOk(await create('admin', { username: username.toUpperCase(), role: 'regulator', regionCode: '3704', displayName: '枣庄市测试局' }));
    expect(r.account).toMatchObject({ _id: `u:${username}`, username, role: 'regulator', regionCode: '3704', regionLevel: 'city', regionName: '枣庄市', mustChangePassword: true });
    expect(isStrongPassword(r.initialPassword)).toBe(true);
    const signedIn = expectOk(await loginAs(username, r.initialPassword));
    expect(signedIn.account.mustChangePassword).toBe(true);
    const stored = (await getById<{ passwordHash: string }>('accounts', `u:${username}`))!;
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(stored)).not.toContain(r.initialPassword);
    // Audited, without the password.
    const audit = (await cloud.db().collection('auditLog').where({ action: 'account.create', targetId: `u:${username}` }).get()).data;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: 'u:admin', details: { role: 'regulator', regionCode: '3704' } });
    expect(JSON.stringify(audit)).not.toContain(r.initialPassword);
  });

  it('usernames are unique, case-insensitively', async () => {
    expect(await create('admin', { username: 'TZ_Regulator', role: 'regulator', regionCode: '370481' })).toMatchObject({ ok: false, code: 'USERNAME_TAKEN' });
    expect(await create('admin', { username: 'x', role: 'regulator', regionCode: '370481' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('a county regulator creates a town regulator of its county', async () => {
    const r = expectOk(await regulator('tz_regulator', tengzhouTown._id));
    expect(r.account).toMatchObject({ regionCode: tengzhouTown._id, regionLevel: 'town', regionName: tengzhouTown.fullName });
    const city = expectOk(await regulator('zz_regulator', '370481'));
    expect(city.account).toMatchObject({ regionLevel: 'county', regionName: '枣庄市滕州市' });
  });

  it('a regulator cannot create an account at or above its own level, or outside its subtree', async () => {
    expect(await regulator('tz_regulator', '3704')).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await regulator('tz_regulator', '37')).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await regulator('tz_regulator', '370481')).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await regulator('tz_regulator', otherZaozhuangCounty._id)).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await regulator('zz_regulator', outsideCounty._id)).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await regulator('zz_regulator', '3704')).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    // A code inside the subtree that is not a real region.
    expect(await regulator('zz_regulator', '370499')).toMatchObject({ ok: false, code: 'REGION_INVALID' });
  });

  it('a regulator creates enterprise admins only for enterprises in its scope', async () => {
    const r = expectOk(await entAdmin('tz_regulator', tengzhouEnterprises[1]._id));
    expect(r.account).toMatchObject({ role: 'enterpriseAdmin', enterpriseId: tengzhouEnterprises[1]._id, enterpriseName: tengzhouEnterprises[1].name, regionCode: tengzhouEnterprises[1].regionCode });
    expect(await entAdmin('tz_regulator', outsideEnterprise._id)).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await entAdmin('tz_regulator', 'no-such-enterprise')).toMatchObject({ ok: false, code: 'ENTERPRISE_NOT_FOUND' });
    expectOk(await entAdmin('admin', outsideEnterprise._id));
  });

  it('an enterprise admin creates only other admins of its own enterprise', async () => {
    const own = expectOk(await entAdmin('ent_admin'));
    expect(own.account.enterpriseId).toBe(entAdminEnterprise);
    expectOk(await entAdmin('ent_admin', entAdminEnterprise));
    expect(await entAdmin('ent_admin', tengzhouEnterprises.find((e) => e._id !== entAdminEnterprise)!._id)).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await regulator('ent_admin', tengzhouTown._id)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('a regulator limited to industries passes them down and cannot widen them', async () => {
    const limited = expectOk(await regulator('admin', '3704', { industries: ['machinery'] }));
    const token = await signInNew(limited.account.username, limited.initialPassword);
    const inherited = expectOk(await regulator(token, '370481'));
    expect(inherited.account.industries).toEqual(['machinery']);
    expect(await regulator(token, '370481', { industries: ['hazardousChemicals'] })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await regulator(token, '370481', { industries: ['machinery', 'textile'] })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    const notMachinery = tengzhouEnterprises.find((e) => e.industry !== 'machinery')!;
    expect(await entAdmin(token, notMachinery._id)).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    const machinery = (await cloud.db().collection('enterprises').where({ cityCode: '3704', industry: 'machinery' }).limit(1).get<Ent>()).data[0];
    if (machinery) expectOk(await entAdmin(token, machinery._id));
    expect(await regulator('admin', '3704', { industries: ['steel-making'] })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('rejects fields that do not fit the role', async () => {
    expect(await create('admin', { username: uname('x'), role: 'regulator' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await create('admin', { username: uname('x'), role: 'regulator', regionCode: '3704', enterpriseId: entAdminEnterprise })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await create('admin', { username: uname('x'), role: 'enterpriseAdmin' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await create('admin', { username: uname('x'), role: 'sysadmin' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('is for console accounts only', async () => {
    expect(await cloud.call('identity', { action: 'createAccount', username: 'guest_acct', displayName: '游客', role: 'regulator', regionCode: '3704' }, { openid: 'o-guest' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await cloud.call('identity', { action: 'listAccounts' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await cloud.call('identity', { action: 'setAccountStatus', accountId: 'u:admin', status: 'disabled' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});

describe('identity.listAccounts', () => {
  it('sysadmin sees every account', async () => {
    const r = expectOk(await list('admin'));
    expect(r.items.map((a) => a.username)).toEqual(expect.arrayContaining(['admin', 'sd_regulator', 'zz_regulator', 'tz_regulator', 'ent_admin']));
    expect(r.total).toBe(r.items.length);
    expect(JSON.stringify(r)).not.toMatch(/passwordHash|scrypt/);
  });

  it('a county regulator sees its subtree only (regulators below it and enterprise admins there)', async () => {
    const r = expectOk(await list('tz_regulator'));
    const names = r.items.map((a) => a.username);
    expect(names).toEqual(expect.arrayContaining(['tz_regulator', 'ent_admin']));
    for (const hidden of ['admin', 'sd_regulator', 'zz_regulator']) expect(names).not.toContain(hidden);
    expect(r.items.every((a) => a.regionCode?.startsWith('370481'))).toBe(true);
    const city = expectOk(await list('zz_regulator'));
    expect(city.items.map((a) => a.username)).toEqual(expect.arrayContaining(['zz_regulator', 'tz_regulator', 'ent_admin']));
    expect(city.items.every((a) => a.regionCode?.startsWith('3704'))).toBe(true);
  });

  it('an enterprise admin sees the admins of its enterprise only', async () => {
    const r = expectOk(await list('ent_admin'));
    expect(r.items.length).toBeGreaterThanOrEqual(2);
    expect(r.items.every((a) => a.role === 'enterpriseAdmin' && a.enterpriseId === entAdminEnterprise)).toBe(true);
  });

  it('filters by keyword and pages', async () => {
    const r = expectOk(await list('admin', { keyword: 'TZ_REG' }));
    expect(r.items.map((a) => a.username)).toEqual(['tz_regulator']);
    const p = expectOk(await list('admin', { pageSize: 2, page: 2 }));
    expect(p.items).toHaveLength(2);
    expect(p.total).toBeGreaterThan(4);
  });
});

describe('identity.setAccountStatus', () => {
  it('disables an account in scope: its sessions end and it cannot sign in; enabling restores it', async () => {
    const county = expectOk(await regulator('zz_regulator', '370481'));
    const token = await signInNew(county.account.username, county.initialPassword);
    expectOk(await regulator(token, tengzhouTown._id));
    expect(expectOk(await setStatus('zz_regulator', county.account._id, 'disabled'))).toEqual({ status: 'disabled' });
    expect(await cloud.call('identity', { action: 'consoleMe' }, { sessionToken: token })).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    // Account management re-reads the caller: a disabled account's old token manages nothing.
    expect(await regulator(token, tengzhouTown._id)).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    expect(await loginAs(county.account.username, NEW_PASSWORD)).toMatchObject({ ok: false, code: 'ACCOUNT_DISABLED' });
    // Without the password nobody learns that the account exists or is disabled.
    expect(await loginAs(county.account.username, county.initialPassword)).toMatchObject({ ok: false, code: 'LOGIN_FAILED' });
    const listed = expectOk(await list('zz_regulator', { keyword: county.account.username }));
    expect(listed.items).toMatchObject([{ status: 'disabled' }]);
    expectOk(await setStatus('zz_regulator', county.account._id, 'active'));
    expectOk(await loginAs(county.account.username, NEW_PASSWORD));
    const town = expectOk(await regulator('tz_regulator', tengzhouTown._id));
    expectOk(await setStatus('tz_regulator', town.account._id, 'disabled'));
    const audit = await cloud.db().collection('auditLog').where({ targetId: county.account._id, action: cloud.db().command.in(['account.disable', 'account.enable']) }).count();
    expect(audit.total).toBe(2);
  });

  it('refuses out-of-scope targets and one\'s own account', async () => {
    expect(await setStatus('tz_regulator', 'u:zz_regulator', 'disabled')).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await setStatus('tz_regulator', 'u:tz_regulator', 'disabled')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await setStatus('zz_regulator', 'u:admin', 'disabled')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await setStatus('ent_admin', 'u:tz_regulator', 'disabled')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const otherEnt = expectOk(await entAdmin('admin', outsideEnterprise._id));
    expect(await setStatus('ent_admin', otherEnt.account._id, 'disabled')).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await setStatus('tz_regulator', otherEnt.account._id, 'disabled')).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await setStatus('tz_regulator', 'u:nobody', 'disabled')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const peer = expectOk(await regulator('zz_regulator', '370481'));
    expect(await setStatus('tz_regulator', peer.account._id, 'disabled')).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    // Nothing changed.
    expectOk(await loginAs('zz_regulator', 'Anxue@2026'));
  });

  it('an enterprise admin disables another admin of its enterprise', async () => {
    const colleague = expectOk(await entAdmin('ent_admin'));
    expectOk(await setStatus('ent_admin', colleague.account._id, 'disabled'));
    expect(await loginAs(colleague.account.username, colleague.initialPassword)).toMatchObject({ ok: false, code: 'ACCOUNT_DISABLED' });
  });
});

describe('console sessions end at once (checked by the router on every call)', () => {
  it('a new account must change its password first: everything but consoleMe / the change / logout answers PASSWORD_CHANGE_REQUIRED', async () => {
    const acct = expectOk(await regulator('zz_regulator', '370481'));
    const first = expectOk(await loginAs(acct.account.username, acct.initialPassword)).token;
    expect(expectOk(await call<{ account: AccountView }>(first, { action: 'consoleMe' })).account.mustChangePassword).toBe(true);
    expect(await list(first)).toMatchObject({ ok: false, code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(await regulator(first, tengzhouTown._id)).toMatchObject({ ok: false, code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(await cloud.call('org', { action: 'listEnterprises' }, { sessionToken: first })).toMatchObject({ ok: false, code: 'PASSWORD_CHANGE_REQUIRED' });
    const changed = expectOk(await call<{ token: string }>(first, { action: 'consoleChangePassword', oldPassword: acct.initialPassword, newPassword: NEW_PASSWORD }));
    expectOk(await list(changed.token));
  });

  it('consoleLogout ends this session only, on every action', async () => {
    const a = expectOk(await loginAs('zz_regulator', 'Anxue@2026')).token;
    const b = expectOk(await loginAs('zz_regulator', 'Anxue@2026')).token;
    expect(expectOk(await call(a, { action: 'consoleLogout' }))).toEqual({ loggedOut: true });
    for (const [fn, action] of [['identity', 'consoleMe'], ['identity', 'listAccounts'], ['org', 'listEnterprises'], ['org', 'getEnterprise']]) {
      expect(await cloud.call(fn, { action }, { sessionToken: a })).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    }
    expectOk(await call(b, { action: 'consoleMe' }));
    expectOk(await cloud.call('org', { action: 'listEnterprises' }, { sessionToken: b }));
  });

  it('a disabled account or a changed password ends old tokens on every action, not only on account management', async () => {
    const acct = expectOk(await regulator('zz_regulator', '370481'));
    const token = await signInNew(acct.account.username, acct.initialPassword);
    const other = expectOk(await loginAs(acct.account.username, NEW_PASSWORD)).token;
    expectOk(await cloud.call('org', { action: 'listEnterprises' }, { sessionToken: token }));
    expectOk(await call(other, { action: 'consoleChangePassword', oldPassword: NEW_PASSWORD, newPassword: 'Another2026' }));
    expect(await cloud.call('org', { action: 'listEnterprises' }, { sessionToken: token })).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    const fresh = expectOk(await loginAs(acct.account.username, 'Another2026')).token;
    expectOk(await setStatus('zz_regulator', acct.account._id, 'disabled'));
    expect(await cloud.call('org', { action: 'listStaff', enterpriseId: tengzhouEnterprises[0]._id }, { sessionToken: fresh })).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
  });

  it('takes role and scope from the account as it is now, not from the token', async () => {
    const acct = expectOk(await regulator('zz_regulator', '370481'));
    const token = await signInNew(acct.account.username, acct.initialPassword);
    const inTengzhou = tengzhouEnterprises[0]._id;
    expectOk(await cloud.call('org', { action: 'getEnterprise', enterpriseId: inTengzhou }, { sessionToken: token }));
    await cloud.db().collection('accounts').doc(acct.account._id).update({ data: { regionCode: '370402', regionName: '市中区' } });
    expect(await cloud.call('org', { action: 'getEnterprise', enterpriseId: inTengzhou }, { sessionToken: token })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
  });

  it('parses only tokens of exactly three parts with a valid signature', async () => {
    const token = expectOk(await loginAs('zz_regulator', 'Anxue@2026')).token;
    const parts = token.split('.');
    expect(parts).toHaveLength(3);
    for (const bad of [parts.slice(1).join('.'), `${token}.x`, `${parts[0]}.${parts[1]}.${parts[2].slice(0, -2)}AA`, '', 'v1..', 'a.b.c']) {
      const r = await cloud.call('identity', { action: 'consoleMe' }, { sessionToken: bad });
      expect(r).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    }
  });
});

describe('identity.resetAccountPassword', () => {
  it('a higher-level account resets a password: one-time, shown once, sessions end, must change; audited', async () => {
    const acct = expectOk(await regulator('zz_regulator', '370481'));
    const token = await signInNew(acct.account.username, acct.initialPassword);
    const r = expectOk(await call<{ oneTimePassword: string }>('zz_regulator', { action: 'resetAccountPassword', accountId: acct.account._id }));
    expect(r.oneTimePassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d)\S{8,}$/);
    expect(await call(token, { action: 'consoleMe' })).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    expect(await loginAs(acct.account.username, NEW_PASSWORD)).toMatchObject({ ok: false, code: 'LOGIN_FAILED' });
    const next = expectOk(await loginAs(acct.account.username, r.oneTimePassword));
    expect(next.account.mustChangePassword).toBe(true);
    expect(await list(next.token)).toMatchObject({ ok: false, code: 'PASSWORD_CHANGE_REQUIRED' });
    const audit = await cloud.db().collection('auditLog').where({ targetId: acct.account._id, action: 'account.resetPassword' }).count();
    expect(audit.total).toBe(1);
  });

  it('follows the management rule: not one\'s own, not out of scope, not upwards', async () => {
    expect(await call('tz_regulator', { action: 'resetAccountPassword', accountId: 'u:tz_regulator' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call('tz_regulator', { action: 'resetAccountPassword', accountId: 'u:zz_regulator' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call('zz_regulator', { action: 'resetAccountPassword', accountId: 'u:admin' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call('ent_admin', { action: 'resetAccountPassword', accountId: 'u:tz_regulator' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const otherEnt = expectOk(await entAdmin('admin', outsideEnterprise._id));
    expect(await call('ent_admin', { action: 'resetAccountPassword', accountId: otherEnt.account._id })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(await call('tz_regulator', { action: 'resetAccountPassword', accountId: 'u:nobody' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expectOk(await loginAs('zz_regulator', 'Anxue@2026'));
  });
});

describe('identity.consoleChangePassword', () => {
  it('checks the old password, ends the other sessions and answers a fresh one', async () => {
    const acct = expectOk(await regulator('zz_regulator', '370481'));
    const first = expectOk(await loginAs(acct.account.username, acct.initialPassword)).token;
    const second = expectOk(await loginAs(acct.account.username, acct.initialPassword)).token;
    expect(await call(first, { action: 'consoleChangePassword', oldPassword: 'wrong', newPassword: 'Better2026' })).toMatchObject({ ok: false, code: 'PASSWORD_MISMATCH' });
    expect(await call(first, { action: 'consoleChangePassword', oldPassword: acct.initialPassword, newPassword: 'short' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const r = expectOk(await call<{ changed: true; token?: string }>(first, { action: 'consoleChangePassword', oldPassword: acct.initialPassword, newPassword: 'Better2026' }));
    expect(r.changed).toBe(true);
    expect(await cloud.call('identity', { action: 'consoleMe' }, { sessionToken: second })).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    const me = expectOk(await cloud.call<{ account: AccountView }>('identity', { action: 'consoleMe' }, { sessionToken: r.token }));
    expect(me.account.mustChangePassword).toBeUndefined();
    expect(await loginAs(acct.account.username, acct.initialPassword)).toMatchObject({ ok: false, code: 'LOGIN_FAILED' });
    expectOk(await loginAs(acct.account.username, 'Better2026'));
    expect(await cloud.call('identity', { action: 'consoleChangePassword', oldPassword: 'a', newPassword: 'Better2026' }, { openid: 'o-x' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('never answers a password hash', () => {
    expect(JSON.stringify(responses)).not.toMatch(/passwordHash|scrypt\$/);
  });
});
