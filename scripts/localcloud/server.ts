import { randomBytes } from 'crypto';
import { existsSync, readdirSync } from 'fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';
import { CONSOLE_CONFIG_FILE, CONSOLE_FUNCTIONS, consoleConfigScript, HTTP_ACCESS_PREFIX } from '../../shared/consoleConfig';
import { ERROR_MESSAGES } from '../../shared/errors';
import { jsonTextDepthExceeds, MAX_JSON_DEPTH } from '../../shared/jsonDepth';
import { INDEXES } from '../../cloudfunctions/common/indexes';
import { ADMIN_DIST, FUNCTIONS_DIST, H5_DIST } from '../paths';
import { createDbHandler, LocalDatabase, type DbCredentials } from './db';
import { FunctionHost, HostBusyError } from './functionHost';
import { BadRequest } from './httpErrors';
import { callerOpenId } from './identity';
import type { BootstrapSummary } from '../deploy/bootstrapClient';
import { bootstrapLocalCloud } from './bootstrap';
import { loadOrCreateSecrets, type Secrets } from './secrets';
import { serveSpa } from './staticFiles';
import { LocalStorage, readBody } from './storage';
import { loadTimerTriggers, startTimers } from './timers';

/** callFunction's request body limit in CloudBase (larger payloads go through storage). */
export const MAX_CALL_BYTES = 100 * 1024;
export const LOCAL_APPID = 'wxlocalanxue';
/** What the emulated HTTP access gateway reads of a request body; the router's own limit is 100 KB. */
export const MAX_HTTP_ACCESS_BYTES = 1024 * 1024;

export interface LocalCloudOptions {
  port?: number;
  host?: string;
  dataDir: string;
  functionsDir?: string;
  h5Dir?: string;
  adminDir?: string;
  timers?: boolean;
  /** Run the deploy's bootstrap (stats.bootstrap) once listening; default true. Needs the built functions. */
  bootstrap?: boolean;
  log?: (m: string) => void;
}

export interface LocalCloud {
  url: string;
  port: number;
  db: LocalDatabase;
  functions: FunctionHost;
  secrets: Secrets;
  /** What the bootstrap answered at start (the first sysadmin's one-time password on a fresh data folder); null with `bootstrap: false`. */
  bootstrap: BootstrapSummary | null;
  /** Environment that points wx-server-sdk in *this* process at the local database (seed, tools). */
  sdkEnv(instanceId: string): Record<string, string>;
  /** The functions' clock, local only: how far it is ahead of the system clock, and moving it forward (e2e "studies" this way, never by sleeping). */
  clock: { offsetMs(): number; advance(seconds: number): Date };
  close(): Promise<void>;
}

/** One advance of the local clock: a whole number of seconds, forward only, at most a year at once. */
export const MAX_CLOCK_ADVANCE_SECONDS = 366 * 24 * 3600;

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
  // Only the function instances (and tools) this process starts get this secret; their SDK signs
  // every database request with it, and the endpoint refuses anything else (a web page, another process).
  const dbCredentials: DbCredentials = { secretId: 'localcloud', secretKey: randomBytes(32).toString('hex') };
  // wx-server-sdk's storage calls (cloud.downloadFile …) arrive on the database endpoint.
  const dbHandler = createDbHandler(db, { extraActions: storage.wireActions(() => `http://${host}:${port}`), credentials: dbCredentials });
  const dbUrlFor = (instanceId: string) => `http://${host}:${port}/db/i/${instanceId}/admin`;
  const sdkEnv = (instanceId: string): Record<string, string> => ({
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: dbUrlFor(instanceId) }),
    TCB_ENV: 'local',
    TENCENTCLOUD_SECRETID: dbCredentials.secretId,
    TENCENTCLOUD_SECRETKEY: dbCredentials.secretKey,
    TENCENTCLOUD: 'true',
    ...secrets,
  });
  // Completed once the port is known (instances start lazily, after that): the console's origins.
  const fnEnv = sdkEnv('unused');
  // The local cloud's clock offset: functions run here see now() this far ahead (common/clock.ts).
  let clockOffsetMs = 0;
  const clock: LocalCloud['clock'] = {
    offsetMs: () => clockOffsetMs,
    advance(seconds) {
      if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_CLOCK_ADVANCE_SECONDS) throw new BadRequest(`advanceSeconds 应为 0–${MAX_CLOCK_ADVANCE_SECONDS} 的整数`);
      clockOffsetMs += seconds * 1000;
      return new Date(Date.now() + clockOffsetMs);
    },
  };
  const functions = new FunctionHost({
    functionsDir,
    dbUrlFor,
    takeRoundTrips: (id) => db.takeCount(id),
    env: fnEnv,
    clockOffsetMs: () => clockOffsetMs,
  });

  /**
   * `POST /api/local/clock { advanceSeconds }` moves the functions' clock forward; `GET` reads it.
   * Only this local server has the route (the deployed bundle has no such entry point).
   */
  async function localClock(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET') return json(res, 200, { ok: true, data: { now: new Date(Date.now() + clockOffsetMs).toISOString(), offsetSeconds: clockOffsetMs / 1000 } });
    if (req.method !== 'POST') return json(res, 405, { ok: false, code: 'INVALID_INPUT', message: '请使用 GET 或 POST' });
    const body = await readBody(req, 1024);
    let input: { advanceSeconds?: unknown } = {};
    try {
      input = body && body.length ? (JSON.parse(body.toString('utf8')) as typeof input) : {};
    } catch {
      throw new BadRequest('请求内容不是有效的 JSON');
    }
    const at = clock.advance(Number(input?.advanceSeconds));
    json(res, 200, { ok: true, data: { now: at.toISOString(), offsetSeconds: clockOffsetMs / 1000 } });
  }

  /**
   * The HTTP access service (云接入) as CloudBase runs it: the request becomes an integration
   * request event (body base64-encoded, headers lower-cased, no WeChat identity at all) and the
   * function's integration response becomes the HTTP response. The console reaches functions only
   * this way, so every console journey runs the router's unwrapping. Only the functions the deploy
   * gives a path (CONSOLE_FUNCTIONS) have one here too.
   */
  async function httpAccess(name: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!functions.has(name) || !(CONSOLE_FUNCTIONS as readonly string[]).includes(name)) {
      req.resume();
      // A function the console newly calls needs its name in CONSOLE_FUNCTIONS (shared/consoleConfig.ts): the deploy then gives it a path.
      return json(res, 404, { ok: false, code: 'UNKNOWN_ACTION', message: `云函数没有 HTTP 访问路径：${name}` });
    }
    const body = await readBody(req, MAX_HTTP_ACCESS_BYTES);
    if (body === null) return json(res, 413, { ok: false, code: 'PAYLOAD_TOO_LARGE', message: ERROR_MESSAGES.PAYLOAD_TOO_LARGE });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const event = {
      path: url.pathname,
      httpMethod: req.method ?? 'GET',
      headers,
      queryStringParameters: Object.fromEntries(url.searchParams),
      requestContext: { requestId: randomBytes(16).toString('hex'), envId: 'local', appId: LOCAL_APPID, uin: 0 },
      body: body.toString('base64'),
      isBase64Encoded: true,
    };
    try {
      const r = await functions.invoke(name, { event, wx: { CLIENTIP: req.socket.remoteAddress ?? '127.0.0.1' } });
      const out = r.result as { statusCode?: unknown; headers?: Record<string, string>; body?: unknown; isBase64Encoded?: boolean } | null;
      const extra = { 'x-db-round-trips': r.roundTrips, 'x-fn-ms': r.ms };
      if (out && typeof out.statusCode === 'number') {
        res.writeHead(out.statusCode, { ...(out.headers ?? {}), ...extra });
        const text = typeof out.body === 'string' ? out.body : '';
        return void res.end(out.isBase64Encoded ? Buffer.from(text, 'base64') : text);
      }
      // A plain return value: CloudBase answers it as JSON.
      json(res, 200, out, extra);
    } catch (e) {
      log(`function ${name} (HTTP) failed: ${(e as Error).message}`);
      json(res, 502, { ok: false, code: e instanceof HostBusyError ? 'RATE_LIMITED' : 'INTERNAL', message: ERROR_MESSAGES.INTERNAL });
    }
  }

  async function callFunction(name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return json(res, 405, { ok: false, code: 'INVALID_INPUT', message: '请使用 POST 调用云函数' });
    if (!functions.has(name)) return json(res, 200, { ok: false, code: 'UNKNOWN_ACTION', message: `云函数不存在：${name}` });
    const openid = callerOpenId(req, res);
    const body = await readBody(req, MAX_CALL_BYTES);
    if (body === null) return json(res, 200, { ok: false, code: 'PAYLOAD_TOO_LARGE', message: ERROR_MESSAGES.PAYLOAD_TOO_LARGE });
    const text = body.toString('utf8');
    // Refused on the text, before JSON.parse builds it or a worker has to clone it.
    if (jsonTextDepthExceeds(text, MAX_JSON_DEPTH)) return json(res, 200, { ok: false, code: 'INVALID_INPUT', message: '请求数据层级过深' });
    let event: unknown;
    try {
      event = text.length ? JSON.parse(text) : {};
    } catch {
      return json(res, 200, { ok: false, code: 'INVALID_INPUT', message: '请求内容不是有效的 JSON' });
    }
    if (!event || typeof event !== 'object' || Array.isArray(event)) {
      return json(res, 200, { ok: false, code: 'INVALID_INPUT', message: '请求内容应为 JSON 对象' });
    }
    try {
      const r = await invokeAs(name, event as Record<string, unknown>, openid, req);
      json(res, 200, r.result, { 'x-db-round-trips': r.roundTrips, 'x-fn-ms': r.ms });
    } catch (e) {
      log(`function ${name} failed: ${(e as Error).message}`);
      if (e instanceof HostBusyError) return json(res, 200, { ok: false, code: 'RATE_LIMITED', message: ERROR_MESSAGES.INTERNAL });
      json(res, 200, { ok: false, code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL });
    }
  }

  function invokeAs(name: string, event: Record<string, unknown>, openid: string, req: IncomingMessage) {
    // wx.cloud.callFunction adds userInfo to the event; mirror it so code sees the same shape.
    const withUser = { ...event, userInfo: { appId: LOCAL_APPID, openId: openid } };
    const clientIp = req.socket.remoteAddress ?? '127.0.0.1';
    return functions.invoke(name, { event: withUser, wx: { OPENID: openid, APPID: LOCAL_APPID, SOURCE: 'wx_client', CLIENTIP: clientIp } });
  }

  /** The emulated COS bucket endpoint an upload ticket points at (CORS for the console's origins, as the bucket is configured). */
  async function cosUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    const allowed = (fnEnv.ANXUE_CONSOLE_ORIGINS ?? '').split(',');
    const cors: Record<string, string> = origin && allowed.includes(origin) ? { 'access-control-allow-origin': origin, 'access-control-allow-methods': 'POST', vary: 'Origin' } : {};
    if (req.method === 'OPTIONS') {
      res.writeHead(cors['access-control-allow-origin'] ? 204 : 403, cors);
      return void res.end();
    }
    if (req.method !== 'POST') {
      req.resume();
      res.writeHead(405, cors);
      return void res.end();
    }
    const r = await storage.receiveForm(req);
    if (r.ok) {
      res.writeHead(204, cors);
      return void res.end();
    }
    // COS answers errors as XML; the message is ours (Chinese) so clients can show it.
    const esc = (t: string) => t.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);
    res.writeHead(r.status, { 'content-type': 'application/xml; charset=utf-8', ...cors });
    res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${r.code}</Code><Message>${esc(r.message)}</Message></Error>`);
  }

  const server: Server = createServer((req, res) => {
    let url: URL;
    try {
      // Always relative to this host: "//other/…" must not become another authority.
      url = new URL(`http://local${(req.url ?? '/').startsWith('/') ? '' : '/'}${req.url ?? '/'}`);
    } catch {
      return json(res, 400, { ok: false, code: 'INVALID_INPUT', message: '请求地址不正确' });
    }
    const path = url.pathname;
    const handle = async () => {
      if (path.startsWith('/db/')) {
        if (!dbHandler(req, res)) json(res, 404, { code: 'NOT_FOUND', message: 'unknown database path' });
        return;
      }
      const fn = /^\/api\/fn\/([^/]+)$/.exec(path);
      if (fn) return callFunction(fn[1], req, res);
      if (path === '/api/local/clock') return localClock(req, res);
      const viaHttp = new RegExp(`^${HTTP_ACCESS_PREFIX}/([^/]+)$`).exec(path);
      if (viaHttp) return httpAccess(viaHttp[1], req, res, url);
      if (path === `/admin/${CONSOLE_CONFIG_FILE}`) {
        // The same mechanism as on static hosting, with this local cloud's own origin.
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
        return void res.end(consoleConfigScript({ functionsUrl: `http://${host}:${port}${HTTP_ACCESS_PREFIX}` }));
      }
      if (path === '/cos/upload') return cosUpload(req, res);
      if (path.startsWith('/files/')) return storage.serve(path.slice('/files/'.length), url.searchParams, res);
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
      if (e instanceof BadRequest) {
        if (!res.headersSent) json(res, 400, { ok: false, code: 'INVALID_INPUT', message: e.message });
        return;
      }
      log(`request ${path} failed: ${(e as Error).stack ?? e}`);
      if (!res.headersSent) json(res, 500, { ok: false, code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8787, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  // The console's origin(s) for the router's CORS check (extra ones from the environment).
  fnEnv.ANXUE_CONSOLE_ORIGINS = [`http://${host}:${port}`, `http://localhost:${port}`, process.env.ANXUE_CONSOLE_ORIGINS ?? ''].filter(Boolean).join(',');
  const stopTimers =
    opts.timers === false
      ? () => undefined
      : startTimers(functions, loadTimerTriggers(functionsDir, readFunctionNames(functionsDir)), log);

  const cloud: LocalCloud = {
    url: `http://${host}:${port}`,
    port,
    db,
    functions,
    secrets,
    bootstrap: null,
    sdkEnv,
    clock,
    async close() {
      stopTimers();
      await functions.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await db.close();
    },
  };
  if (opts.bootstrap !== false) {
    try {
      cloud.bootstrap = await bootstrapLocalCloud(cloud);
    } catch (e) {
      await cloud.close();
      throw e;
    }
  }
  return cloud;
}

function readFunctionNames(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => existsSync(join(dir, n, 'index.js')));
}
