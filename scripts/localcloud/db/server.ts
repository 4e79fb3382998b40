import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignedRequest, type DbCredentials } from './auth';
import { LocalDatabase, type LocalDatabaseOptions } from './database';
import { DbErrorCode } from './errors';
import { handleWireRequest, type ExtraActions } from './wire';

/** HTTP front of the local database: the path the SDK is pointed at, plus a stats endpoint. */

/** CloudBase's request and response size limit. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** `/db/i/<instance>/admin` (per function instance, for request counting) or `/db/admin`. */
const ADMIN_PATH = /^\/db\/(?:i\/([^/]+)\/)?admin\/?$/;
const DEFAULT_INSTANCE = 'default';

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Handles requests whose path starts with /db/ — mountable on another http server. Returns false if
 * the path is not its own. With `credentials`, every request must carry the SDK's signature made with
 * them (see auth.ts), and the stats endpoint is not served.
 */
export function createDbHandler(
  db: LocalDatabase,
  opts: { extraActions?: ExtraActions; credentials?: DbCredentials } = {},
): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  return (req, res) => {
    const pathname = (req.url ?? '').split('?')[0];
    if (!pathname.startsWith('/db/')) return false;
    if (pathname === '/db/__stats' && !opts.credentials) {
      if (req.method !== 'GET') sendJson(res, 405, { code: DbErrorCode.invalidParam, message: 'use GET' });
      else sendJson(res, 200, db.stats());
      return true;
    }
    const m = ADMIN_PATH.exec(pathname);
    if (!m || req.method !== 'POST') {
      sendJson(res, 404, { code: DbErrorCode.invalidParam, message: `no database endpoint at ${req.method} ${pathname}` });
      return true;
    }
    let instance = DEFAULT_INSTANCE;
    try {
      if (m[1]) instance = decodeURIComponent(m[1]);
    } catch {
      sendJson(res, 400, { code: DbErrorCode.invalidParam, message: 'malformed percent-encoding in path' });
      return true;
    }
    readBody(req, MAX_BODY_BYTES)
      .then(async (body) => {
        if (body === undefined) {
          sendJson(res, 413, { code: DbErrorCode.invalidParam, message: `request body exceeds ${MAX_BODY_BYTES} bytes` });
          return;
        }
        let request: string | Record<string, unknown> = body;
        if (opts.credentials) {
          let params: unknown;
          try {
            params = JSON.parse(body);
          } catch {
            params = undefined;
          }
          const refused =
            params && typeof params === 'object' && !Array.isArray(params)
              ? verifySignedRequest(req, params as Record<string, unknown>, opts.credentials)
              : 'request body must be a JSON object';
          if (refused) {
            sendJson(res, 401, { code: DbErrorCode.signatureInvalid, message: `request refused: ${refused}` });
            return;
          }
          request = params as Record<string, unknown>;
        }
        db.countRequest(instance);
        const reply = await handleWireRequest(db, request, opts.extraActions);
        const text = JSON.stringify(reply);
        if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
          sendJson(res, 200, { requestId: reply.requestId, code: DbErrorCode.responseTooLarge, message: `response exceeds ${MAX_BODY_BYTES} bytes; page with limit()` });
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      })
      .catch((e: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { code: DbErrorCode.requestFailed, message: String(e) });
        else res.destroy();
      });
    return true;
  };
}

export interface DbServer {
  port: number;
  db: LocalDatabase;
  /** The URL to give the SDK for one instance (requests are counted per instance). */
  urlFor(instance: string): string;
  close(): Promise<void>;
}

/** Standalone server on 127.0.0.1 (port 0 = random), for tests and tools. */
export async function startDbServer(
  opts: {
    dataDir: string;
    port?: number;
    /** Extra wire actions (e.g. storage) answered on the database path. */
    extraActions?: ExtraActions;
    /** Other paths this server answers (e.g. GET /files/… for storage); returns false if not its own. */
    fallback?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
    /** Require requests signed with these (see auth.ts); pointSdkAt(url, credentials) makes the SDK sign with them. */
    credentials?: DbCredentials;
  } & Omit<LocalDatabaseOptions, 'dataDir'>,
): Promise<DbServer> {
  const db = await LocalDatabase.open(opts);
  const handle = createDbHandler(db, { extraActions: opts.extraActions, credentials: opts.credentials });
  const server = http.createServer((req, res) => {
    if (!handle(req, res) && !opts.fallback?.(req, res)) sendJson(res, 404, { code: DbErrorCode.invalidParam, message: 'not found' });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (e) {
    await db.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    db,
    urlFor: (instance) => `http://127.0.0.1:${port}/db/i/${encodeURIComponent(instance)}/admin`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the SDK keeps connections alive
      });
      await db.close();
    },
  };
}

/** Sets process.env so wx-server-sdk in this process talks to the given URL. */
export function pointSdkAt(url: string, credentials: DbCredentials = { secretId: 'local', secretKey: 'local' }): void {
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: url });
  process.env.TCB_ENV = 'local';
  // The SDK signs every request with these (without any, node-sdk raises an unhandled rejection that kills Node).
  process.env.TENCENTCLOUD_SECRETID = credentials.secretId;
  process.env.TENCENTCLOUD_SECRETKEY = credentials.secretKey;
  // Skips the cloud-metadata probe the SDK otherwise makes before every request (2 × 30 ms).
  process.env.TENCENTCLOUD = 'true';
}
