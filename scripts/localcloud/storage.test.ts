import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ticketForm } from '../../shared/ticketUpload';
import type { UploadTicket } from '../../shared/uploads';
import { BadRequest } from './httpErrors';
import { LocalStorage } from './storage';

/** A tiny HTTP front: POST /cos/upload → receiveForm (204 or the refusal); GET /files/… → serve. */
async function front(storage: LocalStorage): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/cos/upload') {
      void storage.receiveForm(req).then((r) => reply(r.ok ? 200 : r.status, r));
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

const relOf = (fileID: string) => fileID.replace('cloud://local-anxue/', '');
let n = 0;
const keyFor = (declared: number) => `uploads/abcdef0123456789abcdef01/20260101/${String(++n).padStart(8, '0')}-aaaa-bbbb-cccc-${declared}.xlsx`;

describe('LocalStorage (COS emulation)', () => {
  let clock = Date.UTC(2026, 0, 1, 2);
  const root = mkdtempSync(join(tmpdir(), 'anxue-storage-'));
  const storage = new LocalStorage(root, { now: () => clock });
  let url = '';
  let server: Server;
  beforeAll(async () => ({ url, server } = await front(storage)));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  /** The ticket a function would return, from the wire action the SDK calls. */
  const ticket = (key: string): UploadTicket => {
    const reply = storage.wireActions(() => url)['storage.getUploadMetadata']({ path: key }) as { data: Record<string, string> };
    const m = reply.data;
    return { fileID: m.fileId, url: m.url, fields: { key, Signature: m.authorization, 'x-cos-security-token': m.token, 'x-cos-meta-fileid': m.cosFileId }, expiresAt: '', maxBytes: 0 };
  };
  const post = (t: UploadTicket, body: Buffer, fields: Record<string, string> = {}) =>
    fetch(t.url, { method: 'POST', body: ticketForm({ ...t, fields: { ...t.fields, ...fields } }, new Blob([body]), 'a.xlsx') });

  it('takes a ticket’s form for its key, once, and stores the file there', async () => {
    const t = ticket(keyFor(5));
    expect(t.url).toBe(`${url}/cos/upload`);
    expect((await post(t, Buffer.from('hello'))).status).toBe(200);
    expect(storage.relOf(t.fileID)).toBe(relOf(t.fileID));
    // A ticket is for one object: a second form with it does not overwrite the file.
    expect((await post(t, Buffer.from('bye!!'))).status).toBe(403);
  });

  it('refuses a forged or swapped signature, another key, a missing token and an expired ticket', async () => {
    const t = ticket(keyFor(5));
    const sig = t.fields.Signature;
    expect((await post(t, Buffer.from('x'), { Signature: sig.replace(/q-signature=./, 'q-signature=A') })).status).toBe(403);
    expect((await post(t, Buffer.from('x'), { key: keyFor(5) })).status).toBe(403);
    expect((await post(t, Buffer.from('x'), { 'x-cos-security-token': 'nope' })).status).toBe(403);
    expect((await post(t, Buffer.from('x'), { 'x-cos-meta-fileid': 'other' })).status).toBe(403);
    expect((await post(t, Buffer.from('x'), { Signature: sig.replace(/q-key-time=\d+/, 'q-key-time=99999999999') })).status).toBe(403);
    clock += 601_000;
    expect(await (await post(t, Buffer.from('x'))).json()).toMatchObject({ ok: false, code: 'AccessDenied' });
    clock -= 601_000;
    expect((await post(t, Buffer.from('x'))).status).toBe(200);
  });

  it('refuses a file bigger than the size its key declares, and a body that is not a form', async () => {
    const t = ticket(keyFor(4));
    expect(await (await post(t, Buffer.from('12345'))).json()).toMatchObject({ ok: false, code: 'EntityTooLarge' });
    expect((await fetch(t.url, { method: 'POST', body: 'raw', headers: { 'content-type': 'text/plain' } })).status).toBe(400);
    expect((await post(t, Buffer.from('1234'))).status).toBe(200);
  });

  it('answers no ticket for a path that leaves the bucket', () => {
    const r = storage.wireActions(() => url)['storage.getUploadMetadata']({ path: '../secrets.json' });
    expect(r).toMatchObject({ code: 'STORAGE_INVALID_PATH' });
  });

  it('serves a file only through a valid, unexpired signed URL', async () => {
    const rel = relOf(storage.saveAt(keyFor(12), Buffer.from('secret sheet')).fileID);
    const encoded = rel.split('/').map(encodeURIComponent).join('/');
    expect((await fetch(`${url}/files/${encoded}`)).status).toBe(403);
    const signed = storage.signedPath(rel, 60);
    const [path, query] = signed.split('?');
    const good = await fetch(`${url}${path}?${query}`);
    expect(good.status).toBe(200);
    expect(await good.text()).toBe('secret sheet');
    expect((await fetch(`${url}/files/${encoded}?${query.replace(/sign=./, 'sign=A')}`)).status).toBe(403);
    // Another file with this file's signature: refused.
    const other = relOf(storage.saveAt(keyFor(5), Buffer.from('other')).fileID);
    expect((await fetch(`${url}/files/${other}?${query}`)).status).toBe(403);
    clock += 61_000;
    expect((await fetch(`${url}/files/${encoded}?${query}`)).status).toBe(403);
    clock -= 61_000;
    expect((await fetch(`${url}/files/%E0%A4%A?${query}`)).status).toBe(400);
  });

  it('answers the SDK’s temporary-URL request with signed, capped URLs', async () => {
    const r = storage.save('a.xlsx', Buffer.from('x'));
    const reply = storage.wireActions(() => 'http://h')['storage.batchGetDownloadUrl']({ file_list: [{ fileid: r.fileID, max_age: 999_999 }, { fileid: 'cloud://local-anxue/../../secrets.json' }] });
    const list = (reply.data as { download_list: { code: string; tempFileURL: string }[] }).download_list;
    expect(list[0]).toMatchObject({ code: 'SUCCESS', tempFileURL: expect.stringMatching(/^http:\/\/h\/files\/tools\/.+\?t=\d+&sign=[\w-]+$/) });
    const expires = Number(/t=(\d+)/.exec(list[0].tempFileURL)![1]);
    expect(expires - Math.floor(clock / 1000)).toBe(3600);
    expect(list[1]).toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
  });
});
