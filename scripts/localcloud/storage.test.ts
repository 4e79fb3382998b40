import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { mkdtempSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BadRequest } from './httpErrors';
import { LocalStorage } from './storage';

/** A tiny HTTP front: POST /up?caller=…&name=… → receive; GET /files/… → serve. */
async function front(storage: LocalStorage): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/up') {
      void storage.receive(req, url.searchParams.get('caller')!, url.searchParams.get('name') ?? 'f.bin').then((r) => reply(200, r));
      return;
    }
    try {
      storage.serve(url.pathname.slice('/files/'.length), url.searchParams, res);
    } catch (e) {
      reply(e instanceof BadRequest ? 400 : 500, { error: String(e) });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const up = (url: string, caller: string, body: Buffer, name = 'a.xlsx') =>
  fetch(`${url}/up?caller=${caller}&name=${encodeURIComponent(name)}`, { method: 'POST', body }).then((r) => r.json() as Promise<{ ok: boolean; fileID?: string; code?: string }>);
const relOf = (fileID: string) => fileID.replace('cloud://local-anxue/', '');

describe('LocalStorage', () => {
  let clock = Date.UTC(2026, 0, 1, 2);
  const root = mkdtempSync(join(tmpdir(), 'anxue-storage-'));
  const storage = new LocalStorage(root, { now: () => clock, maxUploadBytes: 1000, quotaBytes: 2500, quotaFiles: 4 });
  let url = '';
  let server: Server;
  beforeAll(async () => ({ url, server } = await front(storage)));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('keeps each caller within its file size and daily quota, also when uploads run in parallel', async () => {
    expect(await up(url, 'account:a', Buffer.alloc(1001))).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
    const parallel = await Promise.all([0, 1, 2].map(() => up(url, 'account:a', Buffer.alloc(1000))));
    expect(parallel.filter((r) => r.ok)).toHaveLength(2); // 2,500 bytes a day: the third does not fit
    expect(parallel.filter((r) => !r.ok)).toEqual([expect.objectContaining({ code: 'UPLOAD_QUOTA_EXCEEDED' })]);
    expect(await up(url, 'account:a', Buffer.alloc(400))).toMatchObject({ ok: true });
    expect(await up(url, 'account:a', Buffer.alloc(10))).toMatchObject({ ok: true }); // the 4th file
    expect(await up(url, 'account:a', Buffer.alloc(10))).toMatchObject({ ok: false, code: 'UPLOAD_QUOTA_EXCEEDED' }); // 4 files a day
    // Another caller has its own quota; the next day (Asia/Shanghai) starts afresh, also after a restart.
    expect(await up(url, 'person:b', Buffer.alloc(1000))).toMatchObject({ ok: true });
    const restarted = new LocalStorage(root, { now: () => clock, maxUploadBytes: 1000, quotaBytes: 2500, quotaFiles: 4 });
    const again = await front(restarted);
    expect(await up(again.url, 'account:a', Buffer.alloc(10))).toMatchObject({ ok: false, code: 'UPLOAD_QUOTA_EXCEEDED' });
    clock += 24 * 3600_000;
    expect(await up(again.url, 'account:a', Buffer.alloc(1000))).toMatchObject({ ok: true });
    await new Promise<void>((r) => again.server.close(() => r()));
    clock -= 24 * 3600_000;
  });

  it('names files with 128 random bits under the day and an opaque owner tag', async () => {
    const r = await up(url, 'person:c', Buffer.from('x'), '名单.xlsx');
    expect(relOf(r.fileID!)).toMatch(/^uploads\/2026-01-01\/[0-9a-f]{20}\/[0-9a-f]{32}-名单\.xlsx$/);
    expect(relOf(r.fileID!)).not.toContain('person');
    expect(readdirSync(join(root, 'uploads', '2026-01-01')).length).toBeGreaterThanOrEqual(3);
  });

  it('serves a file only through a valid, unexpired signed URL', async () => {
    const r = await up(url, 'person:d', Buffer.from('secret sheet'), '名单.xlsx');
    const rel = relOf(r.fileID!);
    const encoded = rel.split('/').map(encodeURIComponent).join('/');
    expect((await fetch(`${url}/files/${encoded}`)).status).toBe(403);
    const signed = storage.signedPath(rel, 60);
    const [path, query] = signed.split('?');
    const good = await fetch(`${url}${path.split('/').map((p) => encodeURIComponent(p)).join('/').replace(/%2F/g, '/')}?${query}`);
    expect(good.status).toBe(200);
    expect(await good.text()).toBe('secret sheet');
    expect((await fetch(`${url}/files/${encoded}?${query.replace(/sign=./, 'sign=A')}`)).status).toBe(403);
    // Another file with this file's signature: refused.
    const other = relOf((await up(url, 'person:d', Buffer.from('other'))).fileID!);
    expect((await fetch(`${url}/files/${other}?${query}`)).status).toBe(403);
    clock += 61_000;
    expect((await fetch(`${url}/files/${encoded}?${query}`)).status).toBe(403);
    clock -= 61_000;
    expect((await fetch(`${url}/files/%E0%A4%A?${query}`)).status).toBe(400);
  });

  it('answers the SDK’s temporary-URL request with signed, capped URLs', async () => {
    const r = await up(url, 'person:e', Buffer.from('x'));
    const reply = storage.wireActions(() => 'http://h')['storage.batchGetDownloadUrl']({ file_list: [{ fileid: r.fileID, max_age: 999_999 }, { fileid: 'cloud://local-anxue/../../secrets.json' }] });
    const list = (reply.data as { download_list: { code: string; tempFileURL: string }[] }).download_list;
    expect(list[0]).toMatchObject({ code: 'SUCCESS', tempFileURL: expect.stringMatching(/^http:\/\/h\/files\/uploads\/.+\?t=\d+&sign=[\w-]+$/) });
    const expires = Number(/t=(\d+)/.exec(list[0].tempFileURL)![1]);
    expect(expires - Math.floor(clock / 1000)).toBe(3600);
    expect(list[1]).toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
  });
});
