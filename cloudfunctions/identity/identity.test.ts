import { setClockForTests } from '../common/clock';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import type { AccountView } from '../../shared/contracts/identity';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
}, 60_000);
afterAll(async () => {
  setClockForTests(null);
  await cloud?.close();
});

const login = (username: string, password: string) => cloud.call<{ token: string; expiresAt: string; account: AccountView }>('identity', { action: 'consoleLogin', username, password });

describe('identity.consoleLogin', () => {
  it('signs in a regulator and returns its scope, never its password hash', async () => {
    const data = expectOk(await login('tz_regulator', 'Anxue@2026'));
    expect(data.account).toMatchObject({ username: 'tz_regulator', role: 'regulator', regionCode: '370481', regionLevel: 'county', regionName: '枣庄市滕州市' });
    expect(JSON.stringify(data)).not.toMatch(/scrypt|passwordHash/);
    const me = expectOk(await cloud.call<{ account: AccountView }>('identity', { action: 'consoleMe' }, { sessionToken: data.token }));
    expect(me.account.username).toBe('tz_regulator');
  });

  it('is case-insensitive on the username and answers the same for unknown users and wrong passwords', async () => {
    expectOk(await login('  TZ_Regulator ', 'Anxue@2026'));
    const unknown = await login('nobody', 'whatever');
    const wrong = await login('zz_regulator', 'wrong-password');
    expect(unknown).toMatchObject({ ok: false, code: 'LOGIN_FAILED' });
    expect(wrong).toMatchObject({ ok: false, code: 'LOGIN_FAILED' });
  });

  it('locks the account after 5 failures, even for the right password, until the lock expires', async () => {
    const t0 = Date.now();
    setClockForTests(() => new Date(t0));
    for (let i = 0; i < 4; i++) expect(await login('sd_regulator', 'bad')).toMatchObject({ ok: false, code: 'LOGIN_FAILED' });
    expect(await login('sd_regulator', 'bad')).toMatchObject({ ok: false, code: 'ACCOUNT_LOCKED' });
    expect(await login('sd_regulator', 'Anxue@2026')).toMatchObject({ ok: false, code: 'ACCOUNT_LOCKED' });
    setClockForTests(() => new Date(t0 + 16 * 60 * 1000));
    expectOk(await login('sd_regulator', 'Anxue@2026'));
    setClockForTests(null);
  });

  it('counts failures atomically: 20 parallel wrong guesses check at most 5 passwords, then the account is locked', async () => {
    const guesses = await Promise.all(Array.from({ length: 20 }, () => login('tz_regulator', 'guess-wrong')));
    expect(guesses.filter((r) => !r.ok && r.code === 'LOGIN_FAILED').length + guesses.filter((r) => !r.ok && r.code === 'ACCOUNT_LOCKED').length).toBe(20);
    expect(guesses.filter((r) => !r.ok && r.code === 'LOGIN_FAILED').length).toBeLessThanOrEqual(5);
    const audited = await cloud.db().collection('auditLog').where({ action: 'consoleLogin.failed', targetId: 'u:tz_regulator' }).count();
    expect(audited.total).toBeLessThanOrEqual(5);
    expect(await login('tz_regulator', 'Anxue@2026')).toMatchObject({ ok: false, code: 'ACCOUNT_LOCKED' });
    // An administrator lifts the lock by enabling the account again.
    await cloud.db().collection('stats').doc('lg:c:u:tz_regulator').remove();
    expectOk(await login('tz_regulator', 'Anxue@2026'));
  });

  it('locks an unknown username exactly like a real one (no oracle), with the same messages', async () => {
    const real: string[] = [];
    const ghost: string[] = [];
    for (let i = 0; i < 6; i++) {
      const a = await login('ent_admin2_nobody', 'bad');
      const b = await login('sd_regulator', 'bad');
      if (!a.ok) ghost.push(`${a.code}:${a.message}`);
      if (!b.ok) real.push(`${b.code}:${b.message}`);
    }
    expect(ghost).toEqual(real);
    expect(ghost[0]).toBe('LOGIN_FAILED:用户名或密码错误');
    expect(ghost[5]).toMatch(/^ACCOUNT_LOCKED:/);
  });

  it('audits failed logins', async () => {
    const failures = () => cloud.db().collection('auditLog').where({ action: 'consoleLogin.failed', targetId: 'u:ent_admin' }).count();
    const before = (await failures()).total;
    await login('ent_admin', 'bad');
    expect((await failures()).total).toBe(before + 1);
  });

  it('rejects expired and tampered sessions', async () => {
    const { token } = expectOk(await login('zz_regulator', 'Anxue@2026'));
    const [version, body, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const forged = `${version}.${Buffer.from(JSON.stringify({ ...claims, sub: 'u:admin' })).toString('base64url')}.${sig}`;
    expect(await cloud.call('identity', { action: 'consoleMe' }, { sessionToken: forged })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    setClockForTests(() => new Date(Date.now() + 9 * 3600 * 1000));
    expect(await cloud.call('identity', { action: 'consoleMe' }, { sessionToken: token })).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    setClockForTests(null);
  });

  it('validates input', async () => {
    expect(await cloud.call('identity', { action: 'consoleLogin', username: '', password: 'x' })).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '请输入用户名' });
  });
});

describe('router', () => {
  it('answers unknown actions and junk events with codes, never throwing', async () => {
    expect(await cloud.call('org', { action: 'dropDatabase' })).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    expect(await cloud.call('org', {})).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    expect(await cloud.call('org', { action: '__proto__' })).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
  });

  it('refuses input nested deeper than 32 levels before any action code runs', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 6000; i++) deep = [deep];
    expect(await cloud.call('org', { action: 'searchEnterprises', keyword: deep })).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '请求数据层级过深' });
    expectOk(await cloud.call('org', { action: 'searchEnterprises', keyword: '滕州' }));
  });

  it('runs timer actions only for real timer triggers', async () => {
    const forged = await cloud.call('stats', { Type: 'Timer', TriggerName: 'rollupEnterpriseCounts' }, { openid: 'o-attacker' });
    expect(forged).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    const direct = await cloud.call('stats', { action: 'rollupEnterpriseCounts' }, { openid: 'o-attacker' });
    expect(direct).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    const viaTimer = expectOk(await cloud.call<{ regions: number; enterprises: number }>('stats', { Type: 'Timer', TriggerName: 'rollupEnterpriseCounts' }, { timer: true }));
    expect(viaTimer.enterprises).toBe(30);
    expect(viaTimer.regions).toBeGreaterThan(3);
  });

  it('forbids a regulator from running sysadmin-only actions', async () => {
    const token = await cloud.login('zz_regulator');
    expect(await cloud.call('stats', { action: 'rollupEnterpriseCounts' }, { sessionToken: token })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const admin = await cloud.login('admin');
    expectOk(await cloud.call('stats', { action: 'rollupEnterpriseCounts' }, { sessionToken: admin }));
  });
});
