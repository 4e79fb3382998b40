/**
 * Test harness for action tests: a real local database server in a temp folder, wx-server-sdk in
 * this process pointed at it, demo data seeded through the SDK, and `call()` that goes through a
 * function's real `main` (router, identity, zod, scope) exactly as CloudBase would invoke it.
 */
import { randomBytes, randomUUID } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { getDb, type Database } from './db';
import { INDEXES } from './indexes';
import { startDbServer, pointSdkAt } from '../../scripts/localcloud/db';
import { LocalStorage } from '../../scripts/localcloud/storage';
import type { Fail, Ok } from '../../shared/errors';
import { runBootstrap, type BootstrapSummary } from '../../scripts/deploy/bootstrapClient';
import { provinceRegions } from '../../scripts/seed/regions';
import { extOf, uploadCloudPath } from '../../shared/uploads';
import { accountIdOf } from './accounts';
import { ownerTagOf } from './uploads';

type Main = (event: unknown, context?: unknown) => Promise<Ok<unknown> | Fail>;

export interface CallOptions {
  openid?: string;
  sessionToken?: string;
  timer?: boolean;
}

export interface TestCloud {
  dataDir: string;
  /** Round trips this process made to the database since the last call (and resets the count). */
  takeRoundTrips(): number;
  /** Write requests (inserts, updates, removes — in a transaction or not) the database has answered so far: diff two readings. */
  writeRequests(): number;
  /** Requests the database has answered so far, by wire action (`database.aggregateDocuments`, …): diff two readings. */
  requestsByAction(): Record<string, number>;
  call<T = unknown>(fn: string, event: Record<string, unknown>, opts?: CallOptions): Promise<Ok<T> | Fail>;
  /** The database through the same seam the actions use (for arranging and asserting). */
  db(): Database;
  /** Logs a console account in and returns its session token. */
  login(username: string, password?: string): Promise<string>;
  /** What the bootstrap (stats.bootstrap, as a fresh environment gets it) answered. */
  bootstrap: BootstrapSummary;
  /**
   * Puts a file in the test cloud's storage where an upload ticket of console account `owner`
   * (a username) would have placed it, and returns its fileID.
   */
  putFile(name: string, body: Buffer | Uint8Array, owner?: string, declaredBytes?: number): string;
  close(): Promise<void>;
}

const INSTANCE = 'test';

export async function startTestCloud(opts: { seed?: boolean } = {}): Promise<TestCloud> {
  const dataDir = mkdtempSync(join(tmpdir(), 'anxue-test-'));
  // Storage lives beside the database so that cloud.downloadFile works in action tests too.
  const storage = new LocalStorage(join(dataDir, 'files'));
  let base = '';
  // As in the local cloud: the database answers only requests the SDK signed with this secret.
  const credentials = { secretId: 'test', secretKey: randomBytes(32).toString('hex') };
  const server = await startDbServer({
    dataDir,
    indexes: INDEXES,
    credentials,
    extraActions: storage.wireActions(() => base),
    fallback: (req, res) => {
      const url = new URL(req.url ?? '/', 'http://local');
      if (req.method !== 'GET' || !url.pathname.startsWith('/files/')) return false;
      storage.serve(url.pathname.slice('/files/'.length), url.searchParams, res);
      return true;
    },
  });
  base = `http://127.0.0.1:${server.port}`;
  pointSdkAt(server.urlFor(INSTANCE), credentials);
  for (const k of ['ANXUE_HASH_KEY', 'ANXUE_ENC_KEY', 'ANXUE_SESSION_KEY', 'ANXUE_BOOTSTRAP_KEY']) process.env[k] = process.env[k] ?? randomBytes(32).toString('hex');
  // Required lazily so the SDK initialises after the environment points it here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mains: Record<string, Main> = {};
  const mainOf = (fn: string): Main => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mains[fn] ??= (require(`../${fn}/index`) as { main: Main }).main;
    return mains[fn];
  };
  server.db.takeCount(INSTANCE);

  const call: TestCloud['call'] = async (fn, event, o = {}) => {
    for (const k of Object.keys(process.env)) if (k.startsWith('WX_')) delete process.env[k];
    // wx-server-sdk reads each variable named in WX_CONTEXT_KEYS (prefix included) and strips `WX_`.
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID,WX_SOURCE';
    process.env.WX_OPENID = o.openid ?? '';
    process.env.WX_APPID = 'wxtest';
    process.env.WX_SOURCE = o.timer ? 'wx_trigger' : 'wx_client';
    if (o.timer) process.env.TRIGGER_SRC = 'timer';
    else delete process.env.TRIGGER_SRC;
    const ev = o.sessionToken ? { ...event, sessionToken: o.sessionToken } : event;
    return (await mainOf(fn)(ev, {})) as never;
  };

  // A fresh environment as the deploy makes it: the bootstrap action through the router, with the deployer's proof.
  const bootstrap = await runBootstrap((event) => call('stats', event) as never, process.env.ANXUE_BOOTSTRAP_KEY!, provinceRegions('37'));
  if (opts.seed !== false) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { seedDemoData } = require('../../scripts/seed') as typeof import('../../scripts/seed');
    await seedDemoData();
  }
  server.db.takeCount(INSTANCE);

  return {
    dataDir,
    takeRoundTrips: () => server.db.takeCount(INSTANCE),
    writeRequests: () => {
      const by = server.db.stats().requests.byAction;
      return ['insertDocument', 'modifyDocument', 'modifyAndReturnDoc', 'removeDocument'].reduce((n, a) => n + (by[`database.${a}`] ?? 0), 0);
    },
    requestsByAction: () => ({ ...server.db.stats().requests.byAction }),
    call,
    bootstrap,
    db: getDb,
    async login(username, password = 'Anxue@2026') {
      const r = await call<{ token: string }>('identity', { action: 'consoleLogin', username, password });
      if (!r.ok) throw new Error(`login ${username} failed: ${r.code} ${r.message}`);
      return r.data.token;
    },
    putFile: (name, body, owner = 'ent_admin', declaredBytes) => {
      const data = Buffer.from(body);
      const key = uploadCloudPath({ ownerTag: ownerTagOf(`account:${accountIdOf(owner)}`), day: '20260101', uuid: randomUUID(), size: declaredBytes ?? data.length, ext: extOf(name) || 'bin' });
      return storage.saveAt(key, data).fileID;
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Narrows a result in tests with a readable failure message. */
export function expectOk<T>(r: Ok<T> | Fail): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.data;
}
