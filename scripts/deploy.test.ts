/**
 * The deploy: its offline plan (what `--dry-run` writes), and plan → diff → apply against the local
 * cloud for real — a fresh environment gets everything, a second deploy changes nothing and says so.
 * (Needs the built console in dist/admin, as `npm test` builds before jest.)
 */
import { spawnSync, type SpawnSyncReturns } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ALL_COLLECTIONS } from '../cloudfunctions/common/collections';
import { INDEXES } from '../cloudfunctions/common/indexes';
import { CONSOLE_FUNCTIONS, consoleConfigScript } from '../shared/consoleConfig';
import { buildFunctions } from './build-functions';
import { deployTo, resolveAgainst, weappBuildEnv } from './deploy';
import { diff } from './deploy/engine';
import { LocalEnvironment } from './deploy/localEnvironment';
import { buildPlan, FunctionConfigFile, listFiles, resolvePlan, type DeployPlan } from './deploy/plan';
import { startLocalCloud, type LocalCloud } from './localcloud/server';
import { ADMIN_DIST, DIST, ROOT, functionNames } from './paths';

jest.setTimeout(120_000);

beforeAll(() => buildFunctions(), 60_000);

describe('deploy --dry-run (offline plan, dist/deploy-plan.json)', () => {
  const fakeSecret = 'ab'.repeat(32);
  let plan: {
    envId: string;
    functions: { name: string; timeoutS: number; triggers: { name: string; type: string; config: string }[]; envVariables: string[] }[];
    collections: string[];
    indexes: { collection: string; name: string; keys: { name: string; direction: string }[] }[];
    securityRules: { database: Record<string, unknown>; storage: unknown };
    hosting: { dir: string; cloudPath: string; files: { path: string; md5: string }[] };
    httpAccess: { path: string; function: string }[];
    hostingConfig: { file: string; functionsPath: string; content: { functionsUrl: string } | null };
    consoleOrigins: string[] | null;
    weappBuild: { ANXUE_CLOUD_ENV: string; ANXUE_CONSOLE_URL: string | null };
    bootstrap: { regions: number };
  };
  let text = '';
  let r2: SpawnSyncReturns<string>;

  beforeAll(() => {
    const planFile = join(DIST, 'deploy-plan.json');
    if (existsSync(planFile)) unlinkSync(planFile);
    const r = spawnSync('npx', ['tsx', 'scripts/deploy/index.ts', '--env', 'anxue-test-1a2b', '--dry-run', '--skip-build'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ANXUE_SESSION_KEY: fakeSecret, TENCENTCLOUD_SECRETID: '', TENCENTCLOUD_SECRETKEY: '' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--dry-run');
    text = readFileSync(planFile, 'utf8');
    plan = JSON.parse(text);
    // The same, with the domains named by the deployer (a custom API domain, two console domains).
    r2 = spawnSync(
      'npx',
      ['tsx', 'scripts/deploy/index.ts', '--env', 'anxue-test-1a2b', '--dry-run', '--skip-build', '--api-origin', 'api.anxue.example.cn', '--console-origin', 'https://anxue-test-1a2b-1300000000.tcloudbaseapp.com/,admin.anxue.example.cn'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TENCENTCLOUD_SECRETID: '', TENCENTCLOUD_SECRETKEY: '' } },
    );
    expect(r2.stderr).toBe('');
  });

  it('lists every function with the timeout and timer trigger of its config.json (the single source)', () => {
    expect(plan.envId).toBe('anxue-test-1a2b');
    expect(plan.functions.map((f) => f.name)).toEqual(functionNames());
    for (const f of plan.functions) {
      const cfg = FunctionConfigFile.parse(JSON.parse(readFileSync(join(ROOT, 'cloudfunctions', f.name, 'config.json'), 'utf8')));
      expect(f.timeoutS).toBe(cfg.timeout);
      expect(f.triggers).toEqual(cfg.triggers ?? []);
      expect(f.envVariables).toEqual(expect.arrayContaining(['ANXUE_HASH_KEY', 'ANXUE_ENC_KEY', 'ANXUE_SESSION_KEY', 'ANXUE_BOOTSTRAP_KEY', 'ANXUE_CONSOLE_ORIGINS']));
    }
    expect(plan.functions.find((f) => f.name === 'stats')!.triggers).toEqual([{ name: 'nightly', type: 'timer', config: '0 0 2 * * * *' }]);
  });

  it('lists every collection, every declared index, and closes the database and storage to clients', () => {
    expect([...plan.collections].sort()).toEqual([...ALL_COLLECTIONS].sort());
    expect(plan.indexes.map((i) => `${i.collection}.${i.name}`)).toEqual(INDEXES.map((i) => `${i.collection}.${i.name}`));
    expect(plan.indexes.find((i) => i.collection === 'enterprises' && i.name === 'county_name')?.keys).toEqual([
      { name: 'countyCode', direction: '1' },
      { name: 'name', direction: '1' },
    ]);
    expect(Object.keys(plan.securityRules.database).sort()).toEqual([...ALL_COLLECTIONS].sort());
    for (const rule of Object.values(plan.securityRules.database)) expect(rule).toEqual({ permission: 'ADMINONLY' });
    expect(plan.securityRules.storage).toEqual({ permission: 'ADMINONLY' });
  });

  it('lists every console file for static hosting, and the bootstrap’s region table', () => {
    expect(plan.hosting.dir).toBe('dist/admin');
    expect(plan.hosting.cloudPath).toBe('/admin');
    expect(plan.hosting.files.map((f) => f.path)).toEqual(listFiles(ADMIN_DIST));
    expect(plan.hosting.files.map((f) => f.path)).toContain('index.html');
    expect(plan.bootstrap.regions).toBeGreaterThan(1000);
  });

  it('gives every function the console calls an HTTP access path, and writes the environment’s config.js with the console', () => {
    expect(plan.httpAccess).toEqual(CONSOLE_FUNCTIONS.map((fn) => ({ path: `/fn/${fn}`, function: fn })));
    expect(plan.httpAccess.map((r) => r.function)).toContain('files');
    // Offline, the domains are not known yet: the deploy asks the environment (or --api-origin / --console-origin).
    expect(plan.hostingConfig).toEqual({ file: 'config.js', functionsPath: '/fn', content: null });
    expect(plan.consoleOrigins).toBeNull();
    expect(r2.status).toBe(0);
    const named = JSON.parse(readFileSync(join(DIST, 'deploy-plan.json'), 'utf8')) as typeof plan;
    expect(named.hostingConfig.content).toEqual({ functionsUrl: 'https://api.anxue.example.cn/fn' });
    expect(named.consoleOrigins).toEqual(['https://admin.anxue.example.cn', 'https://anxue-test-1a2b-1300000000.tcloudbaseapp.com']);
    expect(r2.stdout).toContain('ANXUE_CONSOLE_ORIGINS：https://admin.anxue.example.cn,https://anxue-test-1a2b-1300000000.tcloudbaseapp.com');
  });

  it('shows what the weapp is built with: the console’s URL for the 学时证明 QR code, null offline, the first named origin otherwise', () => {
    expect(plan.weappBuild).toEqual({ ANXUE_CLOUD_ENV: 'anxue-test-1a2b', ANXUE_CONSOLE_URL: null });
    expect(text).toContain('"ANXUE_CONSOLE_URL": null');
    const named = JSON.parse(readFileSync(join(DIST, 'deploy-plan.json'), 'utf8')) as typeof plan;
    expect(named.weappBuild).toEqual({ ANXUE_CLOUD_ENV: 'anxue-test-1a2b', ANXUE_CONSOLE_URL: 'https://anxue-test-1a2b-1300000000.tcloudbaseapp.com/admin/' });
    expect(r2.stdout).toContain('ANXUE_CONSOLE_URL（学时证明二维码）：https://anxue-test-1a2b-1300000000.tcloudbaseapp.com/admin/');
  });

  it('writes no secret value', () => {
    expect(text).not.toContain(fakeSecret);
  });

  it('refuses a trigger CloudBase would refuse', () => {
    expect(FunctionConfigFile.safeParse({ timeout: 10, triggers: [{ name: 't', type: 'timer', config: '0 0 25 * * * *' }] }).success).toBe(false);
    expect(FunctionConfigFile.safeParse({ timeout: 61 }).success).toBe(false);
  });
});

describe('deploy to the local cloud (the same engine as CloudBase, through the local adapter)', () => {
  let dir: string;
  let cloud: LocalCloud;
  let env: LocalEnvironment;
  let plan: DeployPlan;
  let resolved: DeployPlan;
  let firstPassword: string;
  const logs: string[] = [];
  const consoleLogin = (password: string | null) =>
    fetch(`${cloud.url}/api/fn/identity`, { method: 'POST', body: JSON.stringify({ action: 'consoleLogin', username: 'sysadmin', password }) }).then(
      (r) => r.json() as Promise<{ ok: boolean; code?: string; data: { token: string } }>,
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'anxue-deploy-'));
    const target = join(dir, 'env');
    cloud = await startLocalCloud({ port: 0, dataDir: join(dir, 'data'), functionsDir: join(target, 'functions'), adminDir: join(target, 'hosting', 'admin'), timers: false, bootstrap: false, log: () => undefined });
    env = new LocalEnvironment({
      root: target,
      db: cloud.db,
      invoke: async (name, event) => (await cloud.functions.invoke(name, { event, wx: { SOURCE: 'deploy' } })).result,
      endpoints: { httpAccessOrigin: cloud.url, hostingOrigins: [cloud.url] },
    });
    plan = buildPlan({ envId: 'local', regions: 0 });
  });
  afterAll(async () => {
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a fresh environment gets every function, collection, index, rule, HTTP access path and console file, then the bootstrap', async () => {
    const first = await deployTo(plan, env, cloud.secrets, (m) => logs.push(m));
    resolved = first.plan;
    const count = (k: string) => first.changes.filter((c) => c.kind === k).length;
    expect(count('function.create')).toBe(plan.functions.length);
    expect(count('collection.create')).toBe(plan.collections.length);
    expect(count('index.create')).toBe(plan.indexes.length);
    expect(count('rule.database')).toBe(plan.collections.length);
    expect(count('rule.storage')).toBe(1);
    expect(count('httpaccess.enable')).toBe(1);
    expect(first.changes.filter((c) => c.kind === 'httpaccess.create').map((c) => c.target)).toEqual(CONSOLE_FUNCTIONS.map((fn) => `/fn/${fn}`));
    expect(count('hosting.upload')).toBe(plan.hosting.files.length);
    expect(await env.listHttpAccess()).toEqual(plan.httpAccess);
    // The console's config.js points at this environment's HTTP access domain (the build's default does not).
    const hostedConfig = readFileSync(join(env.hostingDir('/admin'), 'config.js'), 'utf8');
    expect(hostedConfig).toBe(consoleConfigScript({ functionsUrl: `${cloud.url}/fn` }));
    expect(hostedConfig).not.toBe(readFileSync(join(ADMIN_DIST, 'config.js'), 'utf8'));
    expect(first.plan.hostingConfig.content).toEqual({ functionsUrl: `${cloud.url}/fn` });
    // Every other console file is the build's, byte for byte (the same build, only the config differs).
    for (const f of listFiles(ADMIN_DIST).filter((f) => f !== 'config.js')) expect(readFileSync(join(env.hostingDir('/admin'), f))).toEqual(readFileSync(join(ADMIN_DIST, f)));
    // Every function is configured with the console's origin (CORS).
    expect(first.plan.consoleOrigins).toEqual([cloud.url]);
    for (const fn of plan.functions) expect(JSON.parse(readFileSync(join(env.functionsDir, fn.name, '.deploy.json'), 'utf8'))).toMatchObject({ consoleOrigins: cloud.url });
    // The collections existed before the bootstrap ran (the deploy made them).
    expect(first.bootstrap.collectionsCreated).toEqual([]);
    expect(first.bootstrap.regions.created).toBeGreaterThan(1000);
    expect(first.bootstrap.sysadmin).toMatchObject({ created: true, oneTimePassword: expect.any(String) });
    firstPassword = first.bootstrap.sysadmin.oneTimePassword!;
    expect((await fetch(`${cloud.url}/admin/`)).status).toBe(200);
  });

  it('the weapp is built after the console’s hosting origin is resolved: its ANXUE_CONSOLE_URL is the hosted console', async () => {
    expect(plan.weappBuild.ANXUE_CONSOLE_URL).toBeNull();
    const before = await resolveAgainst(plan, env);
    expect(weappBuildEnv(plan)).toEqual({ ANXUE_CLOUD_ENV: 'local', ANXUE_CONSOLE_URL: '' });
    expect(weappBuildEnv(before)).toEqual({ ANXUE_CLOUD_ENV: 'local', ANXUE_CONSOLE_URL: `${cloud.url}/admin/` });
    // The deploy keeps it (resolving a resolved plan changes nothing), and the URL serves the console.
    expect(resolved.weappBuild).toEqual(before.weappBuild);
    expect(resolvePlan(before, { httpAccessOrigin: 'https://other.example', hostingOrigins: ['https://other.example'] }).weappBuild).toEqual(before.weappBuild);
    expect((await fetch(before.weappBuild.ANXUE_CONSOLE_URL!)).status).toBe(200);
    // A named origin (custom domain) wins over the environment's default hosting domain.
    const named = resolvePlan(buildPlan({ envId: 'local', regions: 0, consoleOrigins: ['admin.anxue.example.cn/', cloud.url] }), await env.describeEndpoints());
    expect(named.weappBuild.ANXUE_CONSOLE_URL).toBe('https://admin.anxue.example.cn/admin/');
  });

  it('a deploy that lost its printout (crash after the account write): the next one re-issues the password', async () => {
    logs.length = 0;
    const again = await deployTo(plan, env, cloud.secrets, (m) => logs.push(m));
    expect(again.changes).toEqual([]);
    expect(again.bootstrap.sysadmin).toMatchObject({ created: false, reissued: true, awaitingFirstLogin: true, oneTimePassword: expect.stringMatching(/^[A-Za-z2-9]{12}$/) });
    const fresh = again.bootstrap.sysadmin.oneTimePassword!;
    expect(fresh).not.toBe(firstPassword);
    expect(logs.some((l) => l.includes('已重新签发一次性密码'))).toBe(true);
    expect(logs).not.toContain('本次部署没有改变任何内容。');
    expect(await consoleLogin(firstPassword)).toMatchObject({ ok: false, code: 'LOGIN_FAILED' });
    // The re-issued password signs in — to a forced change.
    const login = await consoleLogin(fresh);
    expect(login.ok).toBe(true);
    const blocked = await fetch(`${cloud.url}/api/fn/identity`, { method: 'POST', body: JSON.stringify({ action: 'listAccounts', sessionToken: login.data.token }) }).then((r) => r.json());
    expect(blocked).toMatchObject({ ok: false, code: 'PASSWORD_CHANGE_REQUIRED' });
  });

  it('a second deploy (the sysadmin has signed in) changes nothing and says so', async () => {
    logs.length = 0;
    const second = await deployTo(plan, env, cloud.secrets, (m) => logs.push(m));
    expect(second.changes).toEqual([]);
    expect(second.bootstrap).toMatchObject({ collectionsCreated: [], regions: { created: 0 }, sysadmin: { created: false, oneTimePassword: null, awaitingFirstLogin: false } });
    expect(second.bootstrap.sysadmin.reissued).toBeUndefined();
    expect(logs).toContain('环境已是最新：没有需要变更的内容。');
    expect(logs).toContain('本次部署没有改变任何内容。');
  });

  it('applies only what differs: a changed function, a changed secret, a missing HTTP access path, a tampered hosting folder', async () => {
    const hosted = env.hostingDir('/admin');
    writeFileSync(join(hosted, 'stray.txt'), 'left over');
    writeFileSync(join(hosted, 'index.html'), 'tampered');
    writeFileSync(join(hosted, 'config.js'), 'window.ANXUE_CONSOLE_CONFIG = { "functionsUrl": "https://evil.example/fn" };');
    await env.deleteHttpAccess({ path: '/fn/files', function: 'files' });
    const changed: DeployPlan = { ...resolved, functions: resolved.functions.map((f) => (f.name === 'org' ? { ...f, codeHash: 'x'.repeat(64) } : f)) };
    const secrets = { ...cloud.secrets, ANXUE_SESSION_KEY: 'cd'.repeat(32) };
    const changes = await diff(changed, env, secrets);
    expect(changes).toEqual(
      expect.arrayContaining([
        { kind: 'function.code', target: 'org' },
        { kind: 'httpaccess.create', target: '/fn/files' },
        { kind: 'hosting.upload', target: 'index.html' },
        { kind: 'hosting.upload', target: 'config.js' },
        { kind: 'hosting.delete', target: 'stray.txt' },
      ]),
    );
    expect(changes.filter((c) => c.kind === 'function.config').map((c) => c.target).sort()).toEqual(functionNames());
    expect(changes).toHaveLength(5 + functionNames().length);
    // Another console origin (a custom domain) reconfigures every function, and nothing else.
    const moreOrigins = resolvePlan({ ...plan, consoleOrigins: [cloud.url, 'https://admin.anxue.example.cn'] }, { httpAccessOrigin: cloud.url, hostingOrigins: [] });
    await deployTo(plan, env, cloud.secrets);
    const originChanges = await diff(moreOrigins, env, cloud.secrets);
    expect(originChanges.map((c) => c.kind)).toEqual(functionNames().map(() => 'function.config'));
    // Put back: the real plan and secrets deploy again to a no-op.
    expect(await diff(resolved, env, cloud.secrets)).toEqual([]);
    expect(readFileSync(join(hosted, 'index.html'))).toEqual(readFileSync(join(ADMIN_DIST, 'index.html')));
    expect(readFileSync(join(hosted, 'config.js'), 'utf8')).toBe(consoleConfigScript({ functionsUrl: `${cloud.url}/fn` }));
    expect(existsSync(join(hosted, 'stray.txt'))).toBe(false);
    expect(await env.listHttpAccess()).toHaveLength(plan.httpAccess.length);
  });
});
