/**
 * The router's HTTP access service path (云接入): an integration request is unwrapped into the same
 * call callFunction carries and answered with an integration response. Runs the real `main` of the
 * functions against the local database.
 */
import { CONSOLE_ORIGINS_ENV, MAX_HTTP_CALL_BYTES, type IntegrationResponse } from './httpTrigger';
import { BOOTSTRAP_KEY_ENV, signDeployProof } from './deployProof';
import { startTestCloud, type TestCloud } from './testing';

const CONSOLE = 'https://console.example.cn';
let cloud: TestCloud;

beforeAll(async () => {
  process.env[CONSOLE_ORIGINS_ENV] = `${CONSOLE}, http://127.0.0.1:8787`;
  cloud = await startTestCloud();
}, 120_000);
afterAll(async () => {
  delete process.env[CONSOLE_ORIGINS_ENV];
  await cloud?.close();
});

interface HttpOpts {
  method?: string;
  headers?: Record<string, string>;
  base64?: boolean;
  rawBody?: string;
  openid?: string;
}

function httpEvent(fn: string, body: unknown, o: HttpOpts = {}) {
  const text = o.rawBody ?? JSON.stringify(body);
  return {
    path: `/fn/${fn}`,
    httpMethod: o.method ?? 'POST',
    headers: { 'content-type': 'application/json', origin: CONSOLE, ...o.headers },
    queryStringParameters: {},
    requestContext: { requestId: 'r1', envId: 'test', appId: 1, uin: 1 },
    body: o.base64 ? Buffer.from(text, 'utf8').toString('base64') : text,
    isBase64Encoded: !!o.base64,
  };
}

async function http(fn: string, body: unknown, o: HttpOpts = {}) {
  // The runtime context may carry an OPENID (a test of the worst case); the HTTP path must ignore it.
  const r = (await cloud.call(fn, httpEvent(fn, body, o), { openid: o.openid })) as unknown as IntegrationResponse;
  return { ...r, json: r.body ? (JSON.parse(r.body) as { ok: boolean; code?: string; data?: Record<string, unknown> }) : null };
}

async function token(): Promise<string> {
  const r = await http('identity', { action: 'consoleLogin', username: 'ent_admin', password: 'Anxue@2026' }, { base64: true });
  expect(r.json).toMatchObject({ ok: true });
  return (r.json!.data as { token: string }).token;
}

describe('HTTP-trigger events', () => {
  it('unwraps a base64 JSON body into the call and answers an integration response with CORS for the console', async () => {
    const r = await http('org', { action: 'listRegions' }, { base64: true });
    expect(r.statusCode).toBe(200);
    expect(r.isBase64Encoded).toBe(false);
    expect(r.headers['content-type']).toMatch(/application\/json/);
    expect(r.headers['access-control-allow-origin']).toBe(CONSOLE);
    expect(r.json).toMatchObject({ ok: true, data: { items: expect.any(Array) } });
  });

  it('takes the session from the X-Session-Token header only', async () => {
    const t = await token();
    expect((await http('identity', { action: 'consoleMe' }, { headers: { 'x-session-token': t } })).json).toMatchObject({ ok: true });
    expect((await http('identity', { action: 'consoleMe', sessionToken: t })).json).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect((await http('identity', { action: 'consoleMe' }, { headers: { 'X-Session-Token': 'v1.forged.sig' } })).json).toMatchObject({ ok: false });
  });

  it('never has an OPENID: mini-program-only actions are refused as for any caller without one', async () => {
    const r = await http('identity', { action: 'logout' }, { openid: 'o-runtime' });
    expect(r.statusCode).toBe(200);
    expect(r.json).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect((await http('identity', { action: 'me' }, { openid: 'o-runtime' })).json).toMatchObject({ ok: true, data: { person: null } });
  });

  it('never bootstraps over HTTP, even with a valid deployer proof (only the management API invokes it)', async () => {
    const proof = signDeployProof(process.env[BOOTSTRAP_KEY_ENV]!, 'stats', 'bootstrap');
    expect((await http('stats', { action: 'bootstrap', regions: [], deployProof: proof })).json).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('refuses bad JSON, non-objects, wrong content type, wrong method, bad base64 and deep bodies before running anything', async () => {
    expect(await http('org', null, { rawBody: '{"action":' })).toMatchObject({ statusCode: 400, json: { ok: false, code: 'INVALID_INPUT' } });
    expect(await http('org', [1, 2])).toMatchObject({ statusCode: 400, json: { ok: false, code: 'INVALID_INPUT' } });
    expect(await http('org', { action: 'listRegions' }, { headers: { 'content-type': 'text/plain' } })).toMatchObject({ statusCode: 415 });
    expect(await http('org', { action: 'listRegions' }, { method: 'GET' })).toMatchObject({ statusCode: 405, json: { code: 'INVALID_INPUT' } });
    const bad = httpEvent('org', {}, {});
    expect(await cloud.call('org', { ...bad, body: '%%%notbase64', isBase64Encoded: true })).toMatchObject({ statusCode: 400 });
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(await http('org', { action: 'listRegions', deep }, { base64: true })).toMatchObject({ statusCode: 400, json: { code: 'INVALID_INPUT' } });
  });

  it('refuses a body over 100 KB (also when base64-encoded) with PAYLOAD_TOO_LARGE', async () => {
    const big = { action: 'listRegions', pad: 'x'.repeat(MAX_HTTP_CALL_BYTES) };
    expect(await http('org', big)).toMatchObject({ statusCode: 413, json: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await http('org', big, { base64: true })).toMatchObject({ statusCode: 413, json: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('answers the preflight for the console origin; another origin gets no CORS and nothing runs', async () => {
    const pre = await http('org', null, { method: 'OPTIONS', rawBody: '' });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe(CONSOLE);
    expect(pre.headers['access-control-allow-headers']).toMatch(/x-session-token/);
    const evilPre = await http('org', null, { method: 'OPTIONS', rawBody: '', headers: { origin: 'https://evil.example' } });
    expect(evilPre.statusCode).toBe(403);
    expect(evilPre.headers['access-control-allow-origin']).toBeUndefined();
    // A failed login from another origin would count against the username: it must not run at all.
    cloud.takeRoundTrips();
    const evil = await http('identity', { action: 'consoleLogin', username: 'ent_admin', password: 'wrong' }, { headers: { origin: 'https://evil.example' } });
    expect(evil).toMatchObject({ statusCode: 403, json: { ok: false, code: 'FORBIDDEN' } });
    expect(cloud.takeRoundTrips()).toBe(0);
  });

  it('serves scripts without an Origin (no CORS headers), and callFunction events stay plain', async () => {
    const r = await http('org', { action: 'listRegions' }, { headers: { origin: undefined as unknown as string } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    expect(await cloud.call('org', { action: 'listRegions' })).toMatchObject({ ok: true });
  });
});
