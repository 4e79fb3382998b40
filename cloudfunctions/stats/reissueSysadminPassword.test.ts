/**
 * stats.reissueSysadminPassword: the deployer's way out of a deploy that crashed after the bootstrap
 * wrote the sysadmin but before its one-time password was printed.
 */
import { reissueSysadminPassword, runBootstrap } from '../../scripts/deploy/bootstrapClient';
import { accountIdOf, type AccountDoc } from '../common/accounts';
import { C } from '../common/collections';
import { verifyPassword } from '../common/crypto';
import { BOOTSTRAP_KEY_ENV, signDeployProof } from '../common/deployProof';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';

jest.setTimeout(60_000);

let cloud: TestCloud;
const key = () => process.env[BOOTSTRAP_KEY_ENV]!;
const invoke = (event: Record<string, unknown>) => cloud.call('stats', event) as never;
const reissue = () => reissueSysadminPassword(invoke, key());
const bootstrap = () => runBootstrap(invoke, key(), []);
const sysadmin = async () => (await cloud.db().collection(C.accounts).doc(accountIdOf('sysadmin')).get()).data as unknown as AccountDoc;
const login = (password: string) => cloud.call<{ token: string }>('identity', { action: 'consoleLogin', username: 'sysadmin', password });

beforeAll(async () => {
  cloud = await startTestCloud({ seed: false });
});
afterAll(() => cloud.close());

describe('stats.reissueSysadminPassword', () => {
  it('a sysadmin that never signed in is reported as awaiting its first login, and gets a new password; the old one stops working', async () => {
    const first = cloud.bootstrap.sysadmin.oneTimePassword!;
    expect((await bootstrap()).sysadmin).toMatchObject({ created: false, oneTimePassword: null, awaitingFirstLogin: true });
    const { username, oneTimePassword } = await reissue();
    expect(username).toBe('sysadmin');
    expect(oneTimePassword).toMatch(/^[A-Za-z2-9]{12}$/);
    expect(oneTimePassword).not.toBe(first);
    expect(await login(first)).toMatchObject({ ok: false, code: 'LOGIN_FAILED' });
    const token = expectOk(await login(oneTimePassword)).token;
    // Still a one-time password: nothing but the change until it is made.
    expect(await cloud.call('identity', { action: 'listAccounts' }, { sessionToken: token })).toMatchObject({ ok: false, code: 'PASSWORD_CHANGE_REQUIRED' });
    // Signed in once: no longer awaiting its first login (the deploy stops re-issuing on its own).
    expect((await bootstrap()).sysadmin.awaitingFirstLogin).toBe(false);
    const audit = await cloud.db().collection(C.auditLog).where({ action: 'bootstrap.reissueSysadminPassword' }).get();
    expect(audit.data).toHaveLength(1);
    expect(audit.data[0]).toMatchObject({ actorKind: 'deployer', actorId: 'deployer', targetId: accountIdOf('sysadmin') });
    expect(JSON.stringify(audit.data[0])).not.toContain(oneTimePassword);
  });

  it('ends the sessions signed in with the previous password', async () => {
    const { oneTimePassword } = await reissue();
    const token = expectOk(await login(oneTimePassword)).token;
    const next = await reissue();
    expect(await cloud.call('identity', { action: 'consoleChangePassword', oldPassword: oneTimePassword, newPassword: 'Sysadmin2026ok' }, { sessionToken: token })).toMatchObject({
      ok: false,
      code: 'SESSION_EXPIRED',
    });
    expectOk(await login(next.oneTimePassword));
  });

  it('is refused without the proof, with a replayed proof, a proof for another action, and over HTTP even with a valid proof', async () => {
    const before = (await sysadmin()).passwordHash;
    const call = (deployProof?: unknown) => cloud.call('stats', { action: 'reissueSysadminPassword', ...(deployProof ? { deployProof } : {}) });
    expect(await call()).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await call(signDeployProof(key(), 'stats', 'bootstrap'))).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await call(signDeployProof('0f'.repeat(32), 'stats', 'reissueSysadminPassword'))).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    const proof = signDeployProof(key(), 'stats', 'reissueSysadminPassword');
    const used = await call(proof);
    expect(used.ok).toBe(true);
    expect(await call(proof)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    const after = (await sysadmin()).passwordHash;
    expect(after).not.toBe(before);
    // Over the HTTP access service: never, whatever the proof.
    const http = (await cloud.call('stats', {
      path: '/fn/stats',
      httpMethod: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'reissueSysadminPassword', deployProof: signDeployProof(key(), 'stats', 'reissueSysadminPassword') }),
      isBase64Encoded: false,
    })) as unknown as { statusCode: number; body: string };
    expect(http.statusCode).toBe(200);
    expect(JSON.parse(http.body)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect((await sysadmin()).passwordHash).toBe(after);
  });

  it('parallel re-issues: every answer is a password or CONFLICT, and exactly one returned password is the stored one', async () => {
    const rs = await Promise.all(Array.from({ length: 4 }, () => cloud.call<{ oneTimePassword: string }>('stats', { action: 'reissueSysadminPassword', deployProof: signDeployProof(key(), 'stats', 'reissueSysadminPassword') })));
    for (const r of rs) if (!r.ok) expect(r.code).toBe('CONFLICT');
    const passwords = rs.filter((r) => r.ok).map((r) => (r as { data: { oneTimePassword: string } }).data.oneTimePassword);
    expect(passwords.length).toBeGreaterThanOrEqual(1);
    const stored = (await sysadmin()).passwordHash;
    const matches = await Promise.all(passwords.map((p) => verifyPassword(p, stored)));
    expect(matches.filter(Boolean)).toHaveLength(1);
  });

  it('is refused once the sysadmin has chosen its own password, which stays', async () => {
    const { oneTimePassword } = await reissue();
    const token = expectOk(await login(oneTimePassword)).token;
    expectOk(await cloud.call('identity', { action: 'consoleChangePassword', oldPassword: oneTimePassword, newPassword: 'Sysadmin2026ok' }, { sessionToken: token }));
    expect((await bootstrap()).sysadmin.awaitingFirstLogin).toBe(false);
    await expect(reissue()).rejects.toThrow(/CONFLICT/);
    expectOk(await login('Sysadmin2026ok'));
  });
});
