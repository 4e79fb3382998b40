import http from 'node:http';
import { sign } from '@cloudbase/signature-nodejs';
import { startDbServer, type DbServer } from './server';
import { makeTempDir } from './testing/tempDir';

/**
 * The database endpoint with credentials: only requests signed as wx-server-sdk signs them (TC3,
 * over method, URL, headers and every non-empty parameter) are answered.
 */
const creds = { secretId: 'localcloud', secretKey: 'k'.repeat(64) };
let server: DbServer;
beforeAll(async () => {
  server = await startDbServer({ dataDir: makeTempDir(), credentials: creds });
});
afterAll(() => server.close());

interface Opts {
  key?: string;
  timestamp?: number;
  /** Change the body after signing. */
  tamper?: (p: Record<string, unknown>) => Record<string, unknown>;
  headers?: Record<string, string>;
  unsigned?: boolean;
}

function send(path: string, params: Record<string, unknown>, o: Opts = {}): Promise<{ status: number; body: { code?: string; data?: unknown } }> {
  const host = `127.0.0.1:${server.port}`;
  const url = `http://${host}${path}`;
  const headers: Record<string, string> = { 'content-type': 'application/json', host, 'user-agent': 'tcb-node-sdk/test', 'x-tcb-source': ',' };
  const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000) - 1;
  if (!o.unsigned) {
    const { authorization } = sign({ secretId: creds.secretId, secretKey: o.key ?? creds.secretKey, method: 'post', url, params, headers, withSignedParams: true, timestamp });
    headers.authorization = authorization;
    headers['x-timestamp'] = String(timestamp);
  }
  const body = JSON.stringify(o.tamper ? o.tamper(params) : params);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, ...o.headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const add = { action: 'database.addCollection', collectionName: 'accounts', envName: 'local' };
const read = { action: 'database.getDocument', collectionName: 'accounts', queryType: 'WHERE', query: '{}', envName: 'local' };

describe('signed database endpoint', () => {
  it('answers a request signed with this server’s secret', async () => {
    expect((await send('/db/i/fn-1/admin', add)).status).toBe(200);
    expect(await send('/db/i/fn-1/admin', read)).toMatchObject({ status: 200, body: { data: { list: [] } } });
  });

  it('refuses unsigned requests (a web page, another process) and those signed with another key', async () => {
    for (const path of ['/db/admin', '/db/i/x/admin']) {
      expect(await send(path, read, { unsigned: true })).toMatchObject({ status: 401, body: { code: 'SIGN_PARAM_INVALID' } });
      expect(await send(path, read, { unsigned: true, headers: { 'content-type': 'text/plain' } })).toMatchObject({ status: 401 });
    }
    expect((await send('/db/admin', read, { key: 'local' })).status).toBe(401);
  });

  it('refuses a changed or extended body, and an old signature', async () => {
    expect((await send('/db/admin', read, { tamper: (p) => ({ ...p, collectionName: 'persons' }) })).status).toBe(401);
    expect((await send('/db/admin', read, { tamper: (p) => ({ ...p, limit: 1000 }) })).status).toBe(401);
    expect((await send('/db/admin', read, { timestamp: Math.floor(Date.now() / 1000) - 700 })).status).toBe(401);
  });

  it('does not serve stats, and answers 400 to a malformed instance path', async () => {
    const stats = await new Promise<number>((resolve) => http.get(`http://127.0.0.1:${server.port}/db/__stats`, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }));
    expect(stats).toBe(404);
    expect((await send('/db/i/%E0%A4%A/admin', read)).status).toBe(400);
  });
});
