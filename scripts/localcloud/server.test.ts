/**
 * The local cloud as external scripts and the browser see it: POST /api/fn/<name> with the
 * callFunction payload, simulated WeChat identity, storage, static apps, and timer triggers.
 * Runs against the built bundles: `npm test` builds them first, and a missing bundle fails here
 * with a message saying so (never a silent pass on a 503 "not built").
 */
import { connect } from 'net';
import { join } from 'path';
import { downloadFile } from '../../cloudfunctions/common/storage';
import { ADMIN_DIST, FUNCTIONS_DIST, H5_DIST } from '../paths';
import type { LocalCloud } from './server';
import { assertBuilt, assertFunctionsBuilt, startSeededCloud, type SeededCloud } from './testing/seededCloud';
import { loadTimerTriggers, startTimers } from './timers';
import { parseCron } from './cron';
import { makeIdNumber } from '../../shared/idNumber';
import { PRIVACY_NOTICE_VERSION } from '../../shared/privacy';
import { ticketForm } from '../../shared/ticketUpload';
import { getDb } from '../../cloudfunctions/common/db';
import { DEMO_PASSWORD } from '../seed/demo';
import { consoleCall, consoleLogin } from './consoleClient';
import type { UploadTicket } from '../../shared/uploads';

jest.setTimeout(60_000);
let cloud: LocalCloud;
let seeded: SeededCloud;

beforeAll(async () => {
  assertFunctionsBuilt(['org', 'identity', 'imports', 'stats', 'files', 'learning']);
  seeded = await startSeededCloud({ tmpPrefix: 'anxue-lc-' });
  cloud = seeded.cloud;
});
afterAll(async () => {
  await seeded?.close();
});

async function firstEnterprise(token: string): Promise<string> {
  const r = (await (await post('/api/fn/org', { action: 'listEnterprises', pageSize: 1, sessionToken: token })).json()) as { data: { items: { _id: string }[] } };
  return r.data.items[0]._id;
}

const post = (path: string, body: string | object, headers: Record<string, string> = {}) =>
  fetch(cloud.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('POST /api/fn/<name> (scripting contract)', () => {
  it('answers searchEnterprises with { ok, data: { items: [{ _id, name }] } }', async () => {
    const res = await post('/api/fn/org', { action: 'searchEnterprises', keyword: '' }, { 'x-local-openid': 'script-1' });
    expect(res.status).toBe(200);
    const json = (await res.json()) as { ok: boolean; data: { items: { _id: string; name: string }[] } };
    expect(json.ok).toBe(true);
    expect(json.data.items.length).toBeGreaterThan(0);
    expect(json.data.items[0]).toEqual(expect.objectContaining({ _id: expect.any(String), name: expect.any(String) }));
    expect(res.headers.get('x-db-round-trips')).toBe('1');
  });

  it('answers bad input with HTTP 200 and { ok:false, code, message } — never HTML or a stack', async () => {
    for (const [fn, body] of [
      ['org', { action: 'searchEnterprises', keyword: { $regex: '.*' } }],
      ['org', { action: 'nope' }],
      ['org', 'not json'],
      ['org', '[1,2]'],
      ['missing', { action: 'x' }],
      ['..%2F..%2Fetc', { action: 'x' }],
    ] as const) {
      const res = await post(`/api/fn/${fn}`, body);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const json = (await res.json()) as { ok: boolean; code: string; message: string };
      expect(json.ok).toBe(false);
      expect(json.code).toMatch(/^[A-Z_]+$/);
      expect(json.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(JSON.stringify(json)).not.toMatch(/at .*\.(js|ts):\d+/);
    }
  });

  it('refuses call bodies over 100 KB like callFunction does', async () => {
    const res = await post('/api/fn/org', { action: 'searchEnterprises', keyword: 'x'.repeat(110 * 1024) });
    expect(await res.json()).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('passes the caller’s OPENID into the function as CloudBase does (worker register → me)', async () => {
    const search = (await (await post('/api/fn/org', { action: 'searchEnterprises' })).json()) as { data: { items: { _id: string }[] } };
    const reg = await post(
      '/api/fn/identity',
      { action: 'register', name: '张三丰', idNumber: makeIdNumber('370481', '19900101', '555'), password: 'Abcd1234', enterpriseId: search.data.items[0]._id, postCategory: 'otherWorker', certificates: [], consentVersion: PRIVACY_NOTICE_VERSION },
      { 'x-local-openid': 'phone-a' },
    );
    expect(await reg.json()).toMatchObject({ ok: true, data: { status: 'pending' } });
    const me = async (openid: string) => ((await (await post('/api/fn/identity', { action: 'me' }, { 'x-local-openid': openid })).json()) as { data: { person: { name: string } | null } }).data.person;
    expect((await me('phone-a'))?.name).toBe('张三丰');
    expect(await me('phone-b')).toBeNull();
  });

  it('gives each browser profile its own OPENID cookie and keeps it', async () => {
    const first = await post('/api/fn/org', { action: 'searchEnterprises' });
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^anxue_openid=o[\w-]+; Path=\/; HttpOnly; SameSite=Lax/);
    const again = await post('/api/fn/org', { action: 'searchEnterprises' }, { cookie: cookie.split(';')[0] });
    expect(again.headers.get('set-cookie')).toBeNull();
  });
});

describe('HTTP access service (the console’s transport)', () => {
  const consoleOrigin = () => cloud.url;
  it('serves the console’s runtime config with this cloud’s own functions URL', async () => {
    const res = await fetch(`${cloud.url}/admin/config.js`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toBe(`window.ANXUE_CONSOLE_CONFIG = {"functionsUrl":"${cloud.url}/fn"};\n`);
  });

  it('hands the function an integration request and answers its integration response (CORS for the console origin only)', async () => {
    const ok = await fetch(`${cloud.url}/fn/org`, { method: 'POST', headers: { 'content-type': 'application/json', origin: consoleOrigin() }, body: JSON.stringify({ action: 'listRegions' }) });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(consoleOrigin());
    expect(Number(ok.headers.get('x-db-round-trips'))).toBeGreaterThanOrEqual(0);
    const body = (await ok.json()) as { ok: boolean; data: { items: unknown[] } };
    expect(body.ok && Array.isArray(body.data.items)).toBe(true);
    const pre = await fetch(`${cloud.url}/fn/identity`, { method: 'OPTIONS', headers: { origin: consoleOrigin(), 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/x-session-token/);
    const evil = await fetch(`${cloud.url}/fn/org`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: JSON.stringify({ action: 'listRegions' }) });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect((await fetch(`${cloud.url}/fn/org`, { method: 'GET' })).status).toBe(405);
    expect((await fetch(`${cloud.url}/fn/nope`, { method: 'POST', body: '{}' })).status).toBe(404);
    // As deployed: only the functions the console calls have an HTTP access path.
    expect((await fetch(`${cloud.url}/fn/stats`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"action":"nightly"}' })).status).toBe(404);
  });

  it('has no WeChat identity: a simulated OPENID does not reach the function', async () => {
    const r = await fetch(`${cloud.url}/fn/identity`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-local-openid': 'phone-a' }, body: JSON.stringify({ action: 'me' }) });
    expect(await r.json()).toMatchObject({ ok: true, data: { person: null } });
  });
});

describe('uploads through a ticket (files.requestUpload → form POST)', () => {
  const token = async (username = 'ent_admin') => {
    const r = (await (await post('/api/fn/identity', { action: 'consoleLogin', username, password: 'Anxue@2026' })).json()) as { ok: boolean; data: { token: string } };
    expect(r.ok).toBe(true);
    return r.data.token;
  };
  const ticket = async (input: Record<string, unknown>, headers: Record<string, string> = {}) =>
    (await (await post('/api/fn/files', { action: 'requestUpload', purpose: 'staffImport', name: '名单.xlsx', contentType: '', ...input }, headers)).json()) as {
      ok: boolean;
      code?: string;
      data: UploadTicket;
    };
  const send = (t: UploadTicket, body: Buffer) => fetch(t.url, { method: 'POST', body: ticketForm(t, new Blob([body]), '名单.xlsx') });

  it('issues tickets to enterprise admins only, within the purpose’s type and size limits', async () => {
    expect(await ticket({ size: 10 }, { 'x-local-openid': 'nobody-here' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await ticket({ size: 10, sessionToken: 'v1.forged.token' })).toMatchObject({ ok: false });
    expect(await ticket({ size: 10, sessionToken: await token('tz_regulator') })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const t = await token();
    expect(await ticket({ size: 10, name: 'run.exe', sessionToken: t })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await ticket({ size: 10, contentType: 'text/html', sessionToken: t })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await ticket({ size: 20 * 1024 * 1024 + 1, sessionToken: t })).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
    const ok = await ticket({ size: 10, sessionToken: t });
    expect(ok).toMatchObject({ ok: true, data: { url: `${cloud.url}/cos/upload`, fields: { key: expect.stringMatching(/^uploads\/[a-z0-9]+\/\d{8}\/[0-9a-f-]{36}-10\.xlsx$/) } } });
    expect(Object.keys(ok.data.fields).sort()).toEqual(['Signature', 'key', 'x-cos-meta-fileid', 'x-cos-security-token']);
  });

  it('stores the form’s file for the ticket’s key (read back through signed URLs only); larger than declared or forged is refused', async () => {
    const t = await token();
    const content = Buffer.from('安学 storage round trip');
    const a = (await ticket({ size: content.length, sessionToken: t })).data;
    expect((await send(a, Buffer.from('x'.repeat(content.length + 1)))).status).toBe(400);
    expect((await send({ ...a, fields: { ...a.fields, Signature: a.fields.Signature.replace(/.$/, '0') } }, Buffer.from('y'))).status).toBe(403);
    expect((await send(a, content)).status).toBe(204);
    const path = a.fileID.replace('cloud://local-anxue/', '');
    expect((await fetch(`${cloud.url}/files/${path}`)).status).toBe(403);
    expect((await downloadFile(a.fileID)).toString()).toBe('安学 storage round trip');
  });

  it('counts each caller’s daily quota atomically, also for parallel requests', async () => {
    const t = await token('tz_regulator');
    // A fresh enterprise admin of its own: its quota starts at zero.
    const created = (await (await post('/api/fn/identity', { action: 'createAccount', username: `quota_${Date.now().toString(36)}`, displayName: '配额测试', role: 'enterpriseAdmin', enterpriseId: await firstEnterprise(t), sessionToken: t })).json()) as {
      ok: boolean;
      data: { account: { username: string }; initialPassword: string };
    };
    expect(created.ok).toBe(true);
    const login = (await (await post('/api/fn/identity', { action: 'consoleLogin', username: created.data.account.username, password: created.data.initialPassword })).json()) as { data: { token: string } };
    let session = login.data.token;
    const changed = (await (await post('/api/fn/identity', { action: 'consoleChangePassword', oldPassword: created.data.initialPassword, newPassword: 'Quota2026ok', sessionToken: session })).json()) as { data: { token: string } };
    session = changed.data.token;
    const big = await Promise.all([0, 1, 2].map(() => ticket({ size: 20 * 1024 * 1024, sessionToken: session })));
    expect(big.filter((r) => r.ok)).toHaveLength(2); // 50 MB a day: a third 20 MB does not fit
    expect(big.filter((r) => !r.ok)).toEqual([expect.objectContaining({ code: 'UPLOAD_QUOTA_EXCEEDED' })]);
    // The file count (100 a day) is the same conditional increment; 3 more small files still fit.
    const small = await Promise.all(Array.from({ length: 3 }, () => ticket({ size: 1, sessionToken: session })));
    expect(small.filter((r) => r.ok)).toHaveLength(3);
  });
});

describe('abuse limits', () => {
  it('answers database requests only from this cloud’s own instances (signed), not from pages or other processes', async () => {
    const read = { action: 'database.getDocument', collectionName: 'accounts', queryType: 'WHERE', query: '{}', envName: 'local', limit: 1000 };
    for (const path of ['/db/admin', '/db/i/seed/admin']) {
      const res = await fetch(cloud.url + path, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(read) });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toMatch(/passwordHash|scrypt/);
    }
    expect((await fetch(`${cloud.url}/db/__stats`)).status).toBe(404);
  });

  it('refuses deeply nested JSON at the edge; 40 at once neither stall nor take down the host', async () => {
    const deep = `{"action":"me","x":${'['.repeat(6000)}${']'.repeat(6000)}}`;
    // Not timed (the bench measures speed): all refused, and the host still answers afterwards.
    const answers = await Promise.all(Array.from({ length: 40 }, () => post('/api/fn/identity', deep).then((r) => r.json())));
    expect(answers.every((a) => (a as { code?: string }).code === 'INVALID_INPUT')).toBe(true);
    const ok = await post('/api/fn/org', { action: 'searchEnterprises' });
    expect(await ok.json()).toMatchObject({ ok: true });
    // Past the edge too (a timer, a tool): an event that cannot reach an instance fails alone, at once.
    let v: unknown = 1;
    for (let i = 0; i < 20000; i++) v = [v];
    await expect(cloud.functions.invoke('org', { event: { action: 'searchEnterprises', x: v }, wx: { OPENID: 'x' } })).rejects.toThrow();
    expect((await cloud.functions.invoke('org', { event: { action: 'searchEnterprises' }, wx: { OPENID: 'x' } })).result).toMatchObject({ ok: true });
  });

  it('answers malformed percent-encoding in cookies and paths with 400, not 500', async () => {
    expect((await post('/api/fn/org', { action: 'searchEnterprises' }, { cookie: 'anxue_openid=%E0%A4%A' })).status).toBe(400);
    for (const path of ['/admin/%E0%A4%A', '/%E0%A4%A', '/files/%ZZ', '/admin/a%00b']) expect((await fetch(cloud.url + path)).status).toBe(400);
    // A request target that is not a path ("//[") must not throw out of the request handler.
    const raw = await new Promise<string>((resolve, reject) => {
      // write, not end: a half-closed client may not get an answer streamed from a file; `Connection: close` ends it.
      const sock = connect(cloud.port, '127.0.0.1', () => sock.write('GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
      let out = '';
      sock.on('data', (c) => (out += c.toString()));
      sock.on('end', () => resolve(out));
      sock.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 (200|400) /); // answered (here: as a page path), the host still up
    expect((await post('/api/fn/org', { action: 'searchEnterprises' })).status).toBe(200);
  });
});

describe('static apps', () => {
  it('serves the built H5 app at / and the console at /admin/', async () => {
    for (const [path, dist] of [['/', H5_DIST], ['/admin/', ADMIN_DIST]] as const) {
      assertBuilt(join(dist, 'index.html'));
      const res = await fetch(cloud.url + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(await res.text()).not.toContain('页面尚未构建');
    }
  });
});

describe('timer triggers', () => {
  it('reads triggers from the functions’ config.json', () => {
    expect(loadTimerTriggers(FUNCTIONS_DIST, ['stats'])).toEqual([{ fn: 'stats', name: 'nightly', cron: expect.any(Array) }]);
  });

  it('fires a due trigger as a real timer invocation (TRIGGER_SRC=timer)', async () => {
    // Waits on the invocation's log line, not on a deadline (jest's timeout only guards a hang).
    const [trigger] = loadTimerTriggers(FUNCTIONS_DIST, ['stats']);
    let stop = (): void => undefined;
    const first = new Promise<string>((resolve) => {
      // The trigger as configured, made due every second.
      stop = startTimers(cloud.functions, [{ ...trigger, cron: parseCron('* * * * * * *') }], resolve);
    });
    const logs = [await first];
    stop();
    expect(logs[0]).toMatch(/timer stats\.nightly → \{"ok":true,"data":\{"reconciled":.*"rollup":\{"regions":\d+,"enterprises":30\},"oversight":\{"documents":\d+,"drift":0\}/);
  });
});

// Last: it moves this cloud's clock forward for good.
describe('POST /api/local/clock (the local cloud only)', () => {
  it('moves the functions’ clock forward: a console session expires without waiting', async () => {
    const login = (await (await post('/api/fn/identity', { action: 'consoleLogin', username: 'admin', password: 'Anxue@2026' })).json()) as { data: { token: string } };
    const me = () => post('/api/fn/identity', { action: 'consoleMe', sessionToken: login.data.token }).then((r) => r.json() as Promise<{ ok: boolean; code?: string }>);
    expect((await me()).ok).toBe(true);
    const before = (await (await fetch(cloud.url + '/api/local/clock')).json()) as { data: { now: string; offsetSeconds: number } };
    const moved = (await (await post('/api/local/clock', { advanceSeconds: 9 * 3600 })).json()) as { ok: boolean; data: { now: string; offsetSeconds: number } };
    expect(moved.ok).toBe(true);
    expect(moved.data.offsetSeconds).toBe(before.data.offsetSeconds + 9 * 3600);
    expect(Date.parse(moved.data.now) - Date.parse(before.data.now)).toBeGreaterThanOrEqual(9 * 3600 * 1000);
    expect(await me()).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
  });

  it('refuses anything but a whole, forward number of seconds', async () => {
    for (const body of [{ advanceSeconds: -60 }, { advanceSeconds: 1.5 }, { advanceSeconds: 'soon' }, {}, 'not json']) {
      const res = await post('/api/local/clock', body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('INVALID_INPUT');
    }
  });
});

describe('demo courses (published by the seed through the functions)', () => {
  it('reach ent_admin’s workers: one published course of each category, each with a video, a document and an article, one with a face check', async () => {
    const token = await consoleLogin(cloud.url, 'ent_admin', DEMO_PASSWORD);
    const center = await consoleCall<{ items: { _id: string; category: string; reached: number }[] }>(cloud.url, 'learning', 'courseCenter', { pageSize: 50 }, token);
    expect(center.items.map((c) => c.category).sort()).toEqual(['elective', 'knowledge', 'required']);
    for (const c of center.items) expect(c.reached).toBeGreaterThan(0);
    const docs = (await getDb().collection('courses').where({ status: 'published' }).limit(10).get()).data as { _id: string; materials: { kind: string; fileID?: string }[]; identityCheck: { mode: string }; coverFileID: string }[];
    expect(docs.map((d) => d._id).sort()).toEqual(center.items.map((c) => c._id).sort());
    for (const d of docs) {
      expect(d.materials.map((m) => m.kind).sort()).toEqual(['article', 'document', 'video']);
      // The files are really in storage (uploaded through tickets, not invented ids).
      for (const f of [d.coverFileID, ...d.materials.flatMap((m) => (m.fileID ? [m.fileID] : []))]) expect((await downloadFile(f)).length).toBeGreaterThan(1000);
    }
    expect(docs.filter((d) => d.identityCheck.mode !== 'none')).toHaveLength(1);
  });
});
