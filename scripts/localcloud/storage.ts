import { createHmac, randomBytes, timingSafeEqual } from 'crypto';
import { createReadStream, existsSync, mkdirSync, statSync, unlinkSync, writeFileSync } from 'fs';
import type { IncomingMessage, ServerResponse } from 'http';
import { dirname, join } from 'path';
import { parseUploadFileId, UPLOAD_TICKET_TTL_S } from '../../shared/uploads';
import { decodeComponent } from './httpErrors';
import { boundaryOf, parseMultipart } from './multipart';
import { contentTypeOf, safeJoinRaw } from './staticFiles';

/**
 * Local stand-in for cloud storage, answering what CloudBase's storage answers:
 * - `storage.getUploadMetadata` (a function asks for an upload ticket for one object key) → a URL
 *   on this server (`/cos/upload`, standing in for the COS bucket), a signature and a token, which
 *   `POST /cos/upload` (multipart form: key, Signature, x-cos-security-token, x-cos-meta-fileid,
 *   file) verifies — for that key only, until it expires, no bigger than the size the key declares;
 * - a file is read back only through a short-lived signed URL (`getTempFileURL` / `downloadFile`,
 *   which functions ask for through the signed database endpoint), never by its path:
 *   `/files/<path>` without a valid signature answers 403.
 * Quotas and who may upload what are the `files` function's business (files.requestUpload).
 */
export const LOCAL_BUCKET = 'local-anxue';
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Temporary download URLs: the SDK's max_age when given, else this, never longer than the cap. */
export const DOWNLOAD_URL_TTL_S = 600;
export const DOWNLOAD_URL_MAX_TTL_S = 3600;
const SAFE_NAME = /^[\w\-.\u4e00-\u9fa5]{1,120}$/;

export type CosResult = { ok: true; key: string; size: number } | { ok: false; status: number; code: string; message: string };

/** What the emulated COS endpoint reads of a form: the largest file plus the form's own overhead. */
const MAX_FORM_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

export class LocalStorage {
  /** Signs download URLs and upload tickets; new per process, so neither outlives this local cloud. */
  private readonly urlKey = randomBytes(32);
  private readonly now: () => number;

  constructor(
    private readonly root: string,
    opts: { now?: () => number } = {},
  ) {
    mkdirSync(root, { recursive: true });
    this.now = opts.now ?? Date.now;
  }

  fileIdOf(path: string): string {
    return `cloud://${LOCAL_BUCKET}/${path}`;
  }

  /** The file's absolute path (fileIDs are raw paths, never percent-decoded), or null. */
  pathOf(fileId: string): string | null {
    const prefix = `cloud://${LOCAL_BUCKET}/`;
    if (!fileId.startsWith(prefix)) return null;
    return safeJoinRaw(this.root, fileId.slice(prefix.length));
  }

  /** Stores a file as is (seed, tools; no ticket). */
  save(name: string, body: Buffer): { fileID: string; size: number } {
    const clean = SAFE_NAME.test(name) ? name : 'upload.bin';
    return this.saveAt(`tools/${randomBytes(16).toString('hex')}-${clean}`, body);
  }

  /** Stores a file at a given object key (tests arranging an upload as a ticket would have placed it). */
  saveAt(key: string, body: Buffer): { fileID: string; size: number } {
    const abs = safeJoinRaw(this.root, key);
    if (!abs) throw new Error(`bad object key ${key}`);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, body, { flag: 'wx' });
    return { fileID: this.fileIdOf(key), size: body.length };
  }

  /** An upload ticket for one object key, as `storage.getUploadMetadata` answers it. */
  uploadMetadata(key: string, baseUrl: string): Record<string, string> {
    const expires = Math.floor(this.now() / 1000) + UPLOAD_TICKET_TTL_S;
    const cosFileId = randomBytes(12).toString('hex');
    return {
      url: `${baseUrl}/cos/upload`,
      token: this.sign(`token\n${key}`, expires),
      authorization: `q-sign-algorithm=sha256&q-key-time=${expires}&q-signature=${this.sign(`put\n${key}\n${cosFileId}`, expires)}`,
      fileId: this.fileIdOf(key),
      cosFileId,
      download_url: '',
    };
  }

  /**
   * POST /cos/upload (multipart form), as COS takes a ticket's form: the signature must be this
   * server's for that key and file id, unexpired, with its token; the file at most the declared
   * size (the key's `-<bytes>.` part) and MAX_UPLOAD_BYTES. An object key is written once.
   */
  async receiveForm(req: IncomingMessage): Promise<CosResult> {
    const bad = (status: number, code: string, message: string): CosResult => ({ ok: false, status, code, message });
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_FORM_BYTES) return drainThen(req, bad(400, 'EntityTooLarge', '文件过大'));
    const boundary = boundaryOf(req.headers['content-type']);
    if (!boundary) return drainThen(req, bad(400, 'InvalidArgument', '上传表单格式不正确'));
    let size = 0;
    const body = await readLimited(req, (n) => ((size += n) > MAX_FORM_BYTES ? 'large' : null));
    if (!body.ok) return bad(400, 'EntityTooLarge', '文件过大');
    const form = parseMultipart(body.data, boundary);
    if (!form || !form.file) return bad(400, 'InvalidArgument', '上传表单格式不正确');
    const key = form.fields.key ?? '';
    const auth = /^q-sign-algorithm=sha256&q-key-time=(\d{1,12})&q-signature=([\w-]{20,100})$/.exec(form.fields.Signature ?? '');
    const expires = auth ? Number(auth[1]) : 0;
    const signed =
      !!auth &&
      safeEqual(auth[2], this.sign(`put\n${key}\n${form.fields['x-cos-meta-fileid'] ?? ''}`, expires)) &&
      safeEqual(form.fields['x-cos-security-token'] ?? '', this.sign(`token\n${key}`, expires));
    if (!signed) return bad(403, 'SignatureDoesNotMatch', '上传凭证无效');
    if (expires < Math.floor(this.now() / 1000)) return bad(403, 'AccessDenied', '上传凭证已过期，请重新上传');
    const limit = Math.min(parseUploadFileId(key)?.declaredBytes ?? MAX_UPLOAD_BYTES, MAX_UPLOAD_BYTES);
    if (form.file.data.length > limit) return bad(400, 'EntityTooLarge', '文件大小超过申请上传时声明的大小');
    const abs = safeJoinRaw(this.root, key);
    if (!abs || existsSync(abs)) return bad(403, 'AccessDenied', '上传凭证已使用');
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, form.file.data, { flag: 'wx' });
    return { ok: true, key, size: form.file.data.length };
  }

  /** `/files/<rel>?t=<expiry>&sign=<hmac>`: valid for `ttlS` seconds. `rel` is the raw path. */
  signedPath(rel: string, ttlS = DOWNLOAD_URL_TTL_S): string {
    const expires = Math.floor(this.now() / 1000) + Math.max(1, Math.min(ttlS, DOWNLOAD_URL_MAX_TTL_S));
    return `/files/${rel}?t=${expires}&sign=${this.sign(rel, expires)}`;
  }

  /** The path under /files/ of an existing file, or null (unknown bucket, escape attempt, missing). */
  relOf(fileId: string): string | null {
    const abs = this.pathOf(fileId);
    if (!abs || !existsSync(abs) || statSync(abs).isDirectory()) return null;
    return fileId.slice(`cloud://${LOCAL_BUCKET}/`.length);
  }

  /**
   * The storage actions wx-server-sdk (@cloudbase/node-sdk) sends to the same endpoint as the
   * database: `downloadFile`/`getTempFileURL` → `storage.batchGetDownloadUrl` (then a GET of the
   * returned URL), `deleteFile` → `storage.batchDeleteFile`. `filesUrl` is this server's base URL
   * for `/files/`; URLs are returned unencoded because the SDK applies encodeURI itself.
   */
  wireActions(filesUrl: () => string): Record<string, (p: Record<string, unknown>) => Record<string, unknown>> {
    const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
    return {
      'storage.batchGetDownloadUrl': (p) => ({
        data: {
          download_list: list(p.file_list).map((f) => {
            const fileID = String((f as { fileid?: unknown })?.fileid ?? '');
            const maxAge = Number((f as { max_age?: unknown })?.max_age);
            const rel = this.relOf(fileID);
            return rel
              ? { fileID, code: 'SUCCESS', tempFileURL: `${filesUrl()}${this.signedPath(rel, Number.isFinite(maxAge) && maxAge > 0 ? maxAge : DOWNLOAD_URL_TTL_S)}` }
              : { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'file not exist', tempFileURL: '' };
          }),
        },
      }),
      'storage.getUploadMetadata': (p) => {
        const key = String(p.path ?? '');
        if (!key || key.startsWith('/') || !safeJoinRaw(this.root, key)) return { code: 'STORAGE_INVALID_PATH', message: 'invalid cloudPath' };
        return { data: this.uploadMetadata(key, filesUrl()) };
      },
      'storage.batchDeleteFile': (p) => ({
        data: {
          delete_list: list(p.fileid_list).map((f) => {
            const fileID = String(f ?? '');
            const abs = this.relOf(fileID) ? this.pathOf(fileID) : null;
            if (abs) unlinkSync(abs);
            return { fileID, code: abs ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' };
          }),
        },
      }),
    };
  }

  /** GET /files/<percent-encoded path>?t=…&sign=… (malformed encoding throws BadRequest). */
  serve(encodedRel: string, query: URLSearchParams, res: ServerResponse): void {
    const rel = decodeComponent(encodedRel);
    const expires = Number(query.get('t'));
    const sign = query.get('sign') ?? '';
    const valid = Number.isInteger(expires) && expires >= Math.floor(this.now() / 1000) && safeEqual(sign, this.sign(rel, expires));
    if (!valid) {
      res.writeHead(403, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ ok: false, code: 'FORBIDDEN', message: '文件链接无效或已过期，请重新获取' }));
      return;
    }
    const abs = safeJoinRaw(this.root, rel);
    if (!abs || !existsSync(abs) || statSync(abs).isDirectory()) {
      res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ ok: false, code: 'FILE_NOT_FOUND', message: '文件不存在' }));
      return;
    }
    res.writeHead(200, { 'content-type': contentTypeOf(abs), 'content-length': statSync(abs).size, 'cache-control': 'private, no-store' });
    createReadStream(abs).pipe(res);
  }

  private sign(rel: string, expires: number): string {
    return createHmac('sha256', this.urlKey).update(`${rel}\n${expires}`).digest('base64url');
  }

}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A refused body is still read (and dropped) so the client gets the answer, up to a bound. */
const DRAIN_LIMIT = 2 * MAX_UPLOAD_BYTES;

function drainThen<T>(req: IncomingMessage, answer: T): Promise<T> {
  return readLimited(req, () => 'drop').then(() => answer);
}

/**
 * Reads a body chunk by chunk; `accept(n)` answers null to keep the chunk, or why not. After a
 * refusal the rest is dropped; past DRAIN_LIMIT the connection is cut.
 */
function readLimited<W extends string>(req: IncomingMessage, accept: (n: number) => W | null): Promise<{ ok: true; data: Buffer } | { ok: false; why: W }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let refused: W | null = null;
    let seen = 0;
    req.on('data', (c: Buffer) => {
      seen += c.length;
      if (refused === null) {
        refused = accept(c.length);
        if (refused === null) chunks.push(c);
        else chunks.length = 0;
      }
      if (refused !== null && seen > DRAIN_LIMIT) {
        resolve({ ok: false, why: refused });
        req.destroy();
      }
    });
    req.on('end', () => resolve(refused === null ? { ok: true, data: Buffer.concat(chunks) } : { ok: false, why: refused }));
    req.on('error', reject);
  });
}

/** Reads a whole body up to `limit` bytes; null if it was larger (the rest is read and dropped). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  let size = 0;
  return readLimited(req, (n) => ((size += n) > limit ? 'large' : null)).then((r) => (r.ok ? r.data : null));
}
