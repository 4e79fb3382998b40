/**
 * The deploy: its offline plan (what `--dry-run` writes), and plan → diff → apply against the local
 * cloud for real — a fresh environment gets everything, a second deploy changes nothing and says so.
 * (Needs the built console in dist/admin, as `npm test` builds before jest.)
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ALL_COLLECTIONS } from '../cloudfunctions/common/collections';
import { INDEXES } from '../cloudfunctions/common/indexes';
import { buildFunctions } from './build-functions';
import { deployTo } from './deploy';
import { diff } from './deploy/engine';
import { LocalEnvironment } from './deploy/localEnvironment';
import { buildPlan, FunctionConfigFile, listFiles, type DeployPlan } from './deploy/plan';
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
    bootstrap: { regions: number };
  };
  let text = '';

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
  });

  it('lists every function with the timeout and timer trigger of its config.json (the single source)', () => {
    expect(plan.envId).toBe('anxue-test-1a2b');
    expect(plan.functions.map((f) => f.name)).toEqual(functionNames());
    for (const f of plan.functions) {
      const cfg = FunctionConfigFile.parse(JSON.parse(readFileSync(join(ROOT, 'cloudfunctions', f.name, 'config.json'), 'utf8')));
      expect(f.timeoutS).toBe(cfg.timeout);
      expect(f.triggers).toEqual(cfg.triggers ?? []);
      expect(f.envVariables).toEqual(expect.arrayContaining(['ANXUE_HASH_KEY', 'ANXUE_ENC_KEY', 'ANXUE_SESSION_KEY', 'ANXUE_BOOTSTRAP_KEY']));
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
  const logs: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'anxue-deploy-'));
    const target = join(dir, 'env');
    cloud = await startLocalCloud({ port: 0, dataDir: join(dir, 'data'), functionsDir: join(target, 'functions'), adminDir: join(target, 'hosting', 'admin'), timers: false, bootstrap: false, log: () => undefined });
    env = new LocalEnvironment({ root: target, db: cloud.db, invoke: async (name, event) => (await cloud.functions.invoke(name, { event, wx: { SOURCE: 'deploy' } })).result });
    plan = buildPlan({ envId: 'local', regions: 0 });
  });
  afterAll(async () => {
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a fresh environment gets every function, collection, index, rule and console file, then the bootstrap', async () => {
    const first = await deployTo(plan, env, cloud.secrets, (m) => logs.push(m));
    const count = (k: string) => first.changes.filter((c) => c.kind === k).length;
    expect(count('function.create')).toBe(plan.functions.length);
    expect(count('collection.create')).toBe(plan.collections.length);
    expect(count('index.create')).toBe(plan.indexes.length);
    expect(count('rule.database')).toBe(plan.collections.length);
    expect(count('rule.storage')).toBe(1);
    expect(count('hosting.upload')).toBe(plan.hosting.files.length);
    // The collections existed before the bootstrap ran (the deploy made them).
    expect(first.bootstrap.collectionsCreated).toEqual([]);
    expect(first.bootstrap.regions.created).toBeGreaterThan(1000);
    expect(first.bootstrap.sysadmin.created).toBe(true);
    // The deployed console is served, and the printed password signs in — to a forced change.
    const page = await fetch(`${cloud.url}/admin/`);
    expect(page.status).toBe(200);
    const login = await fetch(`${cloud.url}/api/fn/identity`, {
      method: 'POST',
      body: JSON.stringify({ action: 'consoleLogin', username: 'sysadmin', password: first.bootstrap.sysadmin.oneTimePassword }),
    }).then((r) => r.json() as Promise<{ ok: boolean; data: { token: string; account: { mustChangePassword?: boolean } } }>);
    expect(login.ok).toBe(true);
    const blocked = await fetch(`${cloud.url}/api/fn/identity`, { method: 'POST', body: JSON.stringify({ action: 'listAccounts', sessionToken: login.data.token }) }).then((r) => r.json());
    expect(blocked).toMatchObject({ ok: false, code: 'PASSWORD_CHANGE_REQUIRED' });
  });

  it('a second deploy changes nothing and says so', async () => {
    logs.length = 0;
    const second = await deployTo(plan, env, cloud.secrets, (m) => logs.push(m));
    expect(second.changes).toEqual([]);
    expect(second.bootstrap).toMatchObject({ collectionsCreated: [], regions: { created: 0 }, sysadmin: { created: false, oneTimePassword: null } });
    expect(logs).toContain('环境已是最新：没有需要变更的内容。');
    expect(logs).toContain('本次部署没有改变任何内容。');
  });

  it('applies only what differs: a changed function, a changed secret, a tampered hosting folder', async () => {
    const hosted = env.hostingDir('/admin');
    writeFileSync(join(hosted, 'stray.txt'), 'left over');
    writeFileSync(join(hosted, 'index.html'), 'tampered');
    const changed: DeployPlan = { ...plan, functions: plan.functions.map((f) => (f.name === 'org' ? { ...f, codeHash: 'x'.repeat(64) } : f)) };
    const secrets = { ...cloud.secrets, ANXUE_SESSION_KEY: 'cd'.repeat(32) };
    const changes = await diff(changed, env, secrets);
    expect(changes).toEqual(
      expect.arrayContaining([
        { kind: 'function.code', target: 'org' },
        { kind: 'hosting.upload', target: 'index.html' },
        { kind: 'hosting.delete', target: 'stray.txt' },
      ]),
    );
    expect(changes.filter((c) => c.kind === 'function.config').map((c) => c.target).sort()).toEqual(functionNames());
    expect(changes).toHaveLength(3 + functionNames().length);
    // Put back: the real plan and secrets deploy again to a no-op.
    await deployTo(plan, env, cloud.secrets);
    expect(await diff(plan, env, cloud.secrets)).toEqual([]);
    expect(readFileSync(join(hosted, 'index.html'))).toEqual(readFileSync(join(ADMIN_DIST, 'index.html')));
    expect(existsSync(join(hosted, 'stray.txt'))).toBe(false);
  });
});
