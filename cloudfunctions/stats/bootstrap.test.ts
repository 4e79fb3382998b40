import { signDeployProof } from '../common/deployProof';
import { expectOk, startTestCloud, type TestCloud } from '../common/testing';
import { ALL_COLLECTIONS, C } from '../common/collections';
import { runBootstrap } from '../../scripts/deploy/bootstrapClient';
import { provinceRegions } from '../../scripts/seed/regions';

jest.setTimeout(60_000);

let cloud: TestCloud;
const key = () => process.env.ANXUE_BOOTSTRAP_KEY!;
const bootstrapAgain = () => runBootstrap((event) => cloud.call('stats', event) as never, key(), provinceRegions('37'));

beforeAll(async () => {
  cloud = await startTestCloud({ seed: false });
});
afterAll(() => cloud.close());

describe('stats.bootstrap (a fresh environment, as the deploy and DEMO=0 npm start make it)', () => {
  it('created every collection, the whole region table and the first sysadmin with a one-time password', async () => {
    const b = cloud.bootstrap;
    // `locks` is made by the router first, to burn the proof's nonce; the bootstrap makes all the others.
    expect([...b.collectionsCreated].sort()).toEqual(ALL_COLLECTIONS.filter((c) => c !== C.locks).sort());
    expect(b.regions.total).toBeGreaterThan(1000);
    expect(b.regions.created).toBe(b.regions.total);
    expect(b.calls).toBeGreaterThan(1); // chunked below the 100 KB call limit
    expect(b.sysadmin).toMatchObject({ username: 'sysadmin', created: true });
    expect(b.sysadmin.oneTimePassword).toMatch(/^[A-Za-z2-9]{12}$/);
    const regions = await cloud.db().collection(C.regions).where({ parentCode: '3704' }).get();
    expect(regions.data.map((r) => r.name)).toContain('滕州市');
  });

  it('a second bootstrap creates nothing and shows no password', async () => {
    const again = await bootstrapAgain();
    expect(again.collectionsCreated).toEqual([]);
    expect(again.regions.created).toBe(0);
    expect(again.sysadmin).toEqual({ username: 'sysadmin', created: false, oneTimePassword: null, awaitingFirstLogin: true });
    const admins = await cloud.db().collection(C.accounts).where({ role: 'sysadmin' }).get();
    expect(admins.data).toHaveLength(1);
  });

  it('the printed password signs in, and the account can do nothing but change it first', async () => {
    const password = cloud.bootstrap.sysadmin.oneTimePassword!;
    const login = expectOk(await cloud.call<{ token: string; account: { mustChangePassword?: boolean } }>('identity', { action: 'consoleLogin', username: 'sysadmin', password }));
    const blocked = await cloud.call('identity', { action: 'listAccounts' }, { sessionToken: login.token });
    expect(blocked).toMatchObject({ ok: false, code: 'PASSWORD_CHANGE_REQUIRED' });
    const changed = expectOk(
      await cloud.call<{ token: string }>('identity', { action: 'consoleChangePassword', oldPassword: password, newPassword: 'Sysadmin2026ok' }, { sessionToken: login.token }),
    );
    expect(expectOk(await cloud.call<{ total: number }>('identity', { action: 'listAccounts' }, { sessionToken: changed.token })).total).toBeGreaterThanOrEqual(1);
    // Bootstrapping again does not reset the changed password.
    await bootstrapAgain();
    expectOk(await cloud.call('identity', { action: 'consoleLogin', username: 'sysadmin', password: 'Sysadmin2026ok' }));
  });

  it('is refused without the proof, with a replayed proof, a proof for another action, a stale proof or another key', async () => {
    const call = (deployProof?: unknown) => cloud.call('stats', { action: 'bootstrap', regions: [], ...(deployProof ? { deployProof } : {}) });
    expect(await call()).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    const proof = signDeployProof(key(), 'stats', 'bootstrap');
    expect((await call(proof)).ok).toBe(true);
    expect(await call(proof)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED', message: '部署凭证已使用，请重新生成' });
    expect(await call(signDeployProof(key(), 'stats', 'nightly'))).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await call(signDeployProof(key(), 'stats', 'bootstrap', Date.now() - 10 * 60 * 1000))).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await call(signDeployProof('0f'.repeat(32), 'stats', 'bootstrap'))).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    // A proof is no key to other actions: the sysadmin-only ones still want a session.
    expect(await cloud.call('stats', { action: 'reconcileCounts', deployProof: signDeployProof(key(), 'stats', 'reconcileCounts') })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('parallel replays of one proof: exactly one passes', async () => {
    const proof = signDeployProof(key(), 'stats', 'bootstrap');
    const rs = await Promise.all(Array.from({ length: 8 }, () => cloud.call('stats', { action: 'bootstrap', regions: [], deployProof: proof })));
    expect(rs.filter((r) => r.ok)).toHaveLength(1);
  });
});
