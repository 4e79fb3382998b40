import { existsSync, readdirSync } from 'fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';
import { ERROR_MESSAGES } from '../../shared/errors';
import { INDEXES } from '../../cloudfunctions/common/indexes';
import { ADMIN_DIST, FUNCTIONS_DIST, H5_DIST } from '../paths';
import { createDbHandler, LocalDatabase } from './db';
import { FunctionHost } from './functionHost';
import { callerOpenId } from './identity';
import { loadOrCreateSecrets, type Secrets } from './secrets';
import { serveSpa } from './staticFiles';
import { LocalStorage, MAX_UPLOAD_BYTES, readBody } from './storage';
import { loadTimerTriggers, startTimers } from './timers';

/** callFunction's request body limit in CloudBase (larger payloads go through storage). */
export const MAX_CALL_BYTES = 100 * 1024;
export const LOCAL_APPID = 'wxlocalanxue';

export interface LocalCloudOptions {
  port?: number;
  host?: string;
  dataDir: string;
  functionsDir?: string;
  h5Dir?: string;
  adminDir?: string;
  timers?: boolean;
  log?: (m: string) => void;
}

export interface LocalCloud {
  url: string;
  port: number;
  db: LocalDatabase;
  functions: FunctionHost;
  secrets: Secrets;
  /** Environment that points wx-server-sdk in *this* process at the local database (seed, tools). */
  sdkEnv(instanceId: string): Record<string, string>;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string | number> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
};

export async function startLocalCloud(opts: LocalCloudOptions): Promise<LocalCloud> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const host = opts.host ?? '127.0.0.1';
  const functionsDir = opts.functionsDir ?? FUNCTIONS_DIST;
  const secrets = loadOrCreateSecrets(opts.dataDir);
  const db = await LocalDatabase.open({ dataDir: join(opts.dataDir, 'db'), indexes: INDEXES });
  const storage = new LocalStorage(join(opts.dataDir, 'files'));
  let port = 0;
  // wx-server-sdk's storage calls (cloud.downloadFile …) arrive on the database endpoint.
  const dbHandler = createDbHandler(db, { extraActions: storage.wireActions(() => `http://${host}:${port}`) });
  const dbUrlFor = (instanceId: string) => `http://${host}:${port}/db/i/${instanceId}/admin`;
  const sdkEnv = (instanceId: string): Record<string, string> => ({
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: dbUrlFor(instanceId) }),
    TCB_ENV: 'local',
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TENCENTCLOUD: 'true',
    ...secrets,
  });
  const functions = new FunctionHost({
    functionsDir,
    dbUrlFor,
    takeRoundTrips: (id) => db.takeCount(id),
    env: sdkEnv('unused'),
  });

  async function callFunction(name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return json(res, 405, { ok: false, code: 'INVALID_INPUT', message: '请使用 POST 调用云函数' });
    if (!functions.has(name)) return json(res, 200, { ok: false, code: 'UNKNOWN_ACTION', message: `云函数不存在：${name}` });
    const openid = callerOpenId(req, res);
    const body = await readBody(req, MAX_CALL_BYTES);
    if (body === null) return json(res, 200, { ok: false, code: 'PAYLOAD_TOO_LARGE', message: ERROR_MESSAGES.PAYLOAD_TOO_LARGE });
    let event: unknown;
    try {
      event = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      return json(res, 200, { ok: false, code: 'INVALID_INPUT', message: '请求内容不是有效的 JSON' });
    }
    if (!event || typeof event !== 'object' || Array.isArray(event)) {
      return json(res, 200, { ok: false, code: 'INVALID_INPUT', message: '请求内容应为 JSON 对象' });
    }
    // wx.cloud.callFunction adds userInfo to the event; mirror it so code sees the same shape.
    const withUser = { ...(event as Record<string, unknown>), userInfo: { appId: LOCAL_APPID, openId: openid } };
    const clientIp = req.socket.remoteAddress ?? '127.0.0.1';
    try {
      const r = await functions.invoke(name, { event: withUser, wx: { OPENID: openid, APPID: LOCAL_APPID, SOURCE: 'wx_client', CLIENTIP: clientIp } });
      json(res, 200, r.result, { 'x-db-round-trips': r.roundTrips, 'x-fn-ms': r.ms });
    } catch (e) {
      log(`function ${name} failed: ${(e as Error).message}`);
      json(res, 200, { ok: false, code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL });
    }
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'POST') return json(res, 405, { ok: false, code: 'INVALID_INPUT', message: '请使用 POST 上传文件' });
    callerOpenId(req, res);
    const body = await readBody(req, MAX_UPLOAD_BYTES);
    if (body === null) return json(res, 200, { ok: false, code: 'FILE_TOO_LARGE', message: `文件不能超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` });
    json(res, 200, { ok: true, data: storage.save(url.searchParams.get('name') ?? 'upload.bin', body) });
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    const handle = async () => {
      if (path.startsWith('/db/')) {
        if (!dbHandler(req, res)) json(res, 404, { code: 'NOT_FOUND', message: 'unknown database path' });
        return;
      }
      const fn = /^\/api\/fn\/([^/]+)$/.exec(path);
      if (fn) return callFunction(fn[1], req, res);
      if (path === '/api/storage/upload') return upload(req, res, url);
      if (path.startsWith('/files/')) return storage.serve(path.slice('/files/'.length), res);
      if (path === '/admin') {
        res.writeHead(302, { location: '/admin/' });
        return res.end();
      }
      if (path.startsWith('/admin/')) return serveSpa(opts.adminDir ?? ADMIN_DIST, path.slice('/admin/'.length), req, res);
      if (path === '/healthz') return json(res, 200, { ok: true });
      // Give a new browser profile its simulated OPENID with the page itself, so the app's first
      // concurrent calls cannot each mint a different one.
      callerOpenId(req, res);
      return serveSpa(opts.h5Dir ?? H5_DIST, path.slice(1), req, res);
    };
    handle().catch((e) => {
      log(`request ${path} failed: ${(e as Error).stack ?? e}`);
      if (!res.headersSent) json(res, 500, { ok: false, code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8787, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const stopTimers =
    opts.timers === false
      ? () => undefined
      : startTimers(functions, loadTimerTriggers(functionsDir, readFunctionNames(functionsDir)), log);

  return {
    url: `http://${host}:${port}`,
    port,
    db,
    functions,
    secrets,
    sdkEnv,
    async close() {
      stopTimers();
      await functions.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await db.close();
    },
  };
}

function readFunctionNames(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => existsSync(join(dir, n, 'index.js')));
}
