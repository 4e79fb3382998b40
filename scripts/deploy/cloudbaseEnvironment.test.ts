/**
 * The CloudBase adapter offline: a recording stand-in for manager-node (same method names and
 * request shapes as its 5.6.5 type declarations) that keeps what it was told, so the requests the
 * deploy builds are checked and a second deploy against it is a no-op. Not a substitute for a real
 * environment (README: "verified by reading").
 */
import { readFileSync } from 'fs';
import { CONSOLE_FUNCTIONS, consoleConfigScript } from '../../shared/consoleConfig';
import { buildFunctions } from '../build-functions';
import { deployTo } from '.';
import { CloudbaseEnvironment, CODE_HASH_VAR, CONFIG_HASH_VAR, type ManagerLike } from './cloudbaseEnvironment';
import { buildPlan } from './plan';

jest.setTimeout(60_000);
beforeAll(() => buildFunctions(), 60_000);

const SECRETS = { ANXUE_HASH_KEY: '11'.repeat(32), ANXUE_ENC_KEY: '22'.repeat(32), ANXUE_SESSION_KEY: '33'.repeat(32), ANXUE_BOOTSTRAP_KEY: '44'.repeat(32) };

function fakeManager() {
  const calls: { method: string; args: unknown[] }[] = [];
  const fns = new Map<string, Record<string, unknown>>();
  const collections = new Map<string, string[]>();
  const perms = new Map<string, string>();
  const files = new Map<string, string>();
  const apis = new Map<string, { APIId: string; Path: string; Type: number; Name: string }>();
  let gatewayOn = false;
  /** The fake account: exists / signed in since its password was issued. */
  const account = { exists: false, signedIn: false };
  const rec = (method: string, ...args: unknown[]) => calls.push({ method, args });
  const vars = (f: Record<string, unknown>) => Object.entries(f.envVariables as Record<string, string>).map(([Key, Value]) => ({ Key, Value }));
  const app: ManagerLike = {
    functions: {
      getFunctionList: async () => ({ Functions: [...fns.keys()].map((FunctionName) => ({ FunctionName })), TotalCount: fns.size }),
      getFunctionDetail: async (name) => ({ Environment: { Variables: vars(fns.get(name)!) } }),
      createFunction: async (p) => (rec('createFunction', p), fns.set(p.func.name as string, p.func)),
      updateFunctionCode: async (p) => rec('updateFunctionCode', p),
      updateFunctionConfig: async (f) => (rec('updateFunctionConfig', f), fns.set(f.name as string, f)),
      createFunctionTriggers: async (n, t) => rec('createFunctionTriggers', n, t),
      invokeFunction: async (name, params) => {
        rec('invokeFunction', name, params);
        if (params!.action === 'reissueSysadminPassword') {
          account.signedIn = false;
          return { RetMsg: JSON.stringify({ ok: true, data: { username: 'sysadmin', oneTimePassword: 'Rei2Ssu3Ed4x' } }) };
        }
        const created = !account.exists;
        account.exists = true;
        const regions = (params!.regions as unknown[]).length;
        const sysadmin = { username: 'sysadmin', created, oneTimePassword: created ? 'Abc2Def3Ghk4' : null, awaitingFirstLogin: !account.signedIn };
        return { RetMsg: JSON.stringify({ ok: true, data: { collectionsCreated: [], regions: { received: regions, created: created ? regions : 0 }, sysadmin } }) };
      },
    },
    database: {
      listCollections: async () => ({ Collections: [...collections.keys()].map((CollectionName) => ({ CollectionName })) }),
      createCollectionIfNotExists: async (n) => (rec('createCollectionIfNotExists', n), collections.set(n, [])),
      describeCollection: async (n) => ({ Indexes: collections.get(n)!.map((Name) => ({ Name })) }),
      updateCollection: async (n, info) => (rec('updateCollection', n, info), collections.get(n)!.push(...info.CreateIndexes!.map((i) => i.IndexName))),
    },
    permission: {
      describeResourcePermission: async (o) => ({ PermissionList: (o.resources ?? ['']).filter((r) => perms.has(`${o.resourceType}:${r}`)).map((r) => ({ Resource: r, Permission: perms.get(`${o.resourceType}:${r}`) })) }),
      modifyResourcePermission: async (o) => (rec('modifyResourcePermission', o), perms.set(`${o.resourceType}:${o.resource ?? ''}`, o.permission)),
    },
    access: {
      getDomainList: async () => ({ DefaultDomain: 'anxue-1a2b-1300000000.ap-shanghai.app.tcloudbase.com', EnableService: gatewayOn, ServiceSet: [] }),
      getAccessList: async (o) => {
        const all = [...apis.values()];
        const offset = o?.offset ?? 0;
        // Pages of 2, whatever was asked: the adapter must follow Total.
        return { APISet: all.slice(offset, offset + 2), Total: all.length };
      },
      createAccess: async (o) => {
        rec('createAccess', o);
        if (apis.has(o.path)) throw new Error('path exists');
        const APIId = `api-${apis.size + 1}`;
        apis.set(o.path, { APIId, Path: o.path, Type: o.type ?? 1, Name: o.name });
        return { APIId };
      },
      deleteAccess: async (o) => {
        rec('deleteAccess', o);
        for (const [k, v] of apis) if (v.APIId === o.apiId) apis.delete(k);
      },
      switchAuth: async (on) => {
        rec('switchAuth', on);
        gatewayOn = on;
      },
    },
    hosting: {
      getInfo: async () => [{ CdnDomain: 'anxue-1a2b-1300000000.tcloudbaseapp.com', Status: 'online' }],
      listFiles: async () => [...files].map(([Key, md5]) => ({ Key, ETag: `"${md5}"` })),
      uploadFiles: async (o) => {
        rec('uploadFiles', o);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { md5Of } = require('./plan') as typeof import('./plan');
        for (const f of o.files) files.set(f.cloudPath, md5Of(f.localPath));
      },
      deleteFiles: async (o) => (rec('deleteFiles', o), files.delete(o.cloudPath)),
    },
  };
  return { app, calls, account, apis };
}

describe('CloudBase adapter (manager-node requests, offline)', () => {
  it('builds the manager-node requests for a fresh environment, and a second deploy makes none', async () => {
    const plan = buildPlan({ envId: 'anxue-1a2b' });
    const { app, calls, account, apis } = fakeManager();
    const env = new CloudbaseEnvironment(app, 'anxue-1a2b');
    const first = await deployTo(plan, env, SECRETS);
    expect(first.bootstrap.sysadmin.oneTimePassword).toBe('Abc2Def3Ghk4');

    const created = calls.filter((c) => c.method === 'createFunction').map((c) => c.args[0] as { func: Record<string, unknown>; functionRootPath: string });
    expect(created.map((c) => c.func.name)).toEqual(plan.functions.map((f) => f.name));
    const stats = created.find((c) => c.func.name === 'stats')!;
    expect(stats.func).toMatchObject({ timeout: 60, runtime: 'Nodejs16.13', installDependency: true, handler: 'index.main', triggers: [{ name: 'nightly', type: 'timer', config: '0 0 2 * * * *' }] });
    expect(stats.func.envVariables).toMatchObject({ ...SECRETS, [CODE_HASH_VAR]: plan.functions.find((f) => f.name === 'stats')!.codeHash });
    expect((stats.func.envVariables as Record<string, string>)[CONFIG_HASH_VAR]).toMatch(/^[0-9a-f]{64}$/);
    expect(stats.functionRootPath).toMatch(/dist[/\\]cloudfunctions$/);

    const idx = calls.find((c) => c.method === 'updateCollection' && c.args[0] === 'enterprises')!;
    expect(idx.args[1]).toEqual({ CreateIndexes: [{ IndexName: 'county_name', MgoKeySchema: { MgoIndexKeys: [{ Name: 'countyCode', Direction: '1' }, { Name: 'name', Direction: '1' }], MgoIsUnique: false } }] });
    const perms = calls.filter((c) => c.method === 'modifyResourcePermission').map((c) => c.args[0]);
    expect(perms).toContainEqual({ resourceType: 'collection', resource: 'persons', permission: 'ADMINONLY' });
    expect(perms).toContainEqual({ resourceType: 'storage', permission: 'ADMINONLY' });
    const uploads = calls.filter((c) => c.method === 'uploadFiles').flatMap((c) => (c.args[0] as { files: { cloudPath: string }[] }).files.map((f) => f.cloudPath));
    expect(uploads).toContain('admin/index.html');
    // The console's config.js is the environment's (staged), not the build's default.
    const config = calls.flatMap((c) => (c.method === 'uploadFiles' ? (c.args[0] as { files: { localPath: string; cloudPath: string }[] }).files : [])).find((f) => f.cloudPath === 'admin/config.js')!;
    expect(readFileSync(config.localPath, 'utf8')).toBe(consoleConfigScript({ functionsUrl: 'https://anxue-1a2b-1300000000.ap-shanghai.app.tcloudbase.com/fn' }));
    // HTTP access: the service switched on, one path per console function, no CloudBase login on it.
    expect(calls.filter((c) => c.method === 'switchAuth').map((c) => c.args)).toEqual([[true]]);
    expect(calls.filter((c) => c.method === 'createAccess').map((c) => c.args[0])).toEqual(CONSOLE_FUNCTIONS.map((fn) => ({ path: `/fn/${fn}`, name: fn, type: 1, auth: false })));
    // CORS: every function allows the static hosting domain.
    for (const c of created) expect((c.func.envVariables as Record<string, string>).ANXUE_CONSOLE_ORIGINS).toBe('https://anxue-1a2b-1300000000.tcloudbaseapp.com');

    const invokes = calls.filter((c) => c.method === 'invokeFunction');
    expect(invokes.length).toBeGreaterThan(1);
    for (const c of invokes) {
      expect(c.args[0]).toBe('stats');
      expect(c.args[1]).toMatchObject({ action: 'bootstrap', deployProof: { ts: expect.any(Number), nonce: expect.stringMatching(/^[0-9a-f]{32}$/), sig: expect.stringMatching(/^[0-9a-f]{64}$/) } });
      expect(Buffer.byteLength(JSON.stringify(c.args[1]))).toBeLessThan(100 * 1024);
    }

    // The first printout was lost (nobody signed in): the next deploy re-issues the password.
    calls.length = 0;
    const lost = await deployTo(plan, env, SECRETS);
    expect(lost.changes).toEqual([]);
    expect(lost.bootstrap.sysadmin).toMatchObject({ reissued: true, oneTimePassword: 'Rei2Ssu3Ed4x' });
    const reissue = calls.filter((c) => c.method === 'invokeFunction' && (c.args[1] as { action: string }).action === 'reissueSysadminPassword');
    expect(reissue).toHaveLength(1);
    expect(reissue[0].args[1]).toMatchObject({ deployProof: { sig: expect.stringMatching(/^[0-9a-f]{64}$/) } });

    account.signedIn = true;
    calls.length = 0;
    const second = await deployTo(plan, env, SECRETS);
    expect(second.changes).toEqual([]);
    expect(second.bootstrap.sysadmin.oneTimePassword).toBeNull();
    expect(calls.map((c) => c.method).filter((m) => m !== 'invokeFunction')).toEqual([]);
    expect(calls.every((c) => (c.args[1] as { action: string }).action === 'bootstrap')).toBe(true);

    // A path someone pointed at another function is put back (delete by APIId, create).
    const org = apis.get('/fn/org')!;
    apis.set('/fn/org', { ...org, Name: 'stats' });
    calls.length = 0;
    const repaired = await deployTo(plan, env, SECRETS);
    expect(repaired.changes).toEqual([{ kind: 'httpaccess.replace', target: '/fn/org' }]);
    expect(calls.filter((c) => c.method !== 'invokeFunction').map((c) => [c.method, c.args[0]])).toEqual([
      ['deleteAccess', { apiId: org.APIId }],
      ['createAccess', { path: '/fn/org', name: 'org', type: 1, auth: false }],
    ]);
  });
});
