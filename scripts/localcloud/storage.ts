import { createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'fs';
import type { IncomingMessage, ServerResponse } from 'http';
import { dirname, join } from 'path';
import type { ErrorCode } from '../../shared/errors';
import { decodeComponent } from './httpErrors';
import { contentTypeOf, safeJoinRaw } from './staticFiles';

/**
 * Local stand-in for cloud storage: signed-in clients upload a file and get a fileID (as
 * wx.cloud.uploadFile would answer); large payloads such as Excel files travel this way rather than
 * in a function call. As in CloudBase, a file is read back only through a short-lived signed URL
 * (`getTempFileURL` / `downloadFile`, which functions ask for through the signed database endpoint),
 * never by its path: `/files/<path>` without a valid signature answers 403.
 */
export const LOCAL_BUCKET = 'local-anxue';
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** What one caller (console account or worker) may upload per day (Asia/Shanghai). */
export const UPLOAD_QUOTA_BYTES = 50 * 1024 * 1024;
export const UPLOAD_QUOTA_FILES = 100;
/** Temporary download URLs: the SDK's max_age when given, else this, never longer than the cap. */
export const DOWNLOAD_URL_TTL_S = 600;
export const DOWNLOAD_URL_MAX_TTL_S = 3600;
const SAFE_NAME = /^[\w\-.\u4e00-\u9fa5]{1,120}$/;

export type UploadResult = { ok: true; fileID: string; size: number } | { ok: false; code: ErrorCode; message: string };

interface Usage {
  bytes: number;
  files: number;
}

const shanghaiDay = (nowMs: number) => new Date(nowMs + 8 * 3600_000).toISOString().slice(0, 10);

export interface StorageLimits {
  maxUploadBytes: number;
  quotaBytes: number;
  quotaFiles: number;
}

export class LocalStorage {
  /** Signs download URLs; new per process, so a URL never outlives the local cloud that issued it. */
  private readonly urlKey = randomBytes(32);
  /** Bytes and files per caller-day folder: counted once from disk, then kept as uploads arrive. */
  private readonly usage = new Map<string, Usage>();
  private readonly now: () => number;
  private readonly limits: StorageLimits;

  constructor(
    private readonly root: string,
    opts: { now?: () => number } & Partial<StorageLimits> = {},
  ) {
    mkdirSync(root, { recursive: true });
    this.now = opts.now ?? Date.now;
    this.limits = {
      maxUploadBytes: opts.maxUploadBytes ?? MAX_UPLOAD_BYTES,
      quotaBytes: opts.quotaBytes ?? UPLOAD_QUOTA_BYTES,
      quotaFiles: opts.quotaFiles ?? UPLOAD_QUOTA_FILES,
    };
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

  /** Stores an upload body as is (seed, tools and tests; no quota). */
  save(name: string, body: Buffer, owner = 'local'): { fileID: string; size: number } {
    const rel = this.newRel(name, owner);
    const abs = join(this.root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, body, { flag: 'wx' });
    return { fileID: this.fileIdOf(rel), size: body.length };
  }

  /**
   * Receives an upload from `callerKey` (who the local cloud verified is signed in): at most
   * MAX_UPLOAD_BYTES, within the caller's daily quota. The size is checked on Content-Length first
   * and again while the body streams, so an over-quota body is never buffered.
   */
  async receive(req: IncomingMessage, callerKey: string, name: string): Promise<UploadResult> {
    const { maxUploadBytes, quotaBytes, quotaFiles } = this.limits;
    const dirRel = this.ownerDir(callerKey);
    const used = this.usageOf(dirRel);
    const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
    const tooLarge = { ok: false as const, code: 'FILE_TOO_LARGE' as const, message: `文件不能超过 ${mb(maxUploadBytes)} MB` };
    const overQuota = {
      ok: false as const,
      code: 'UPLOAD_QUOTA_EXCEEDED' as const,
      message: `今日上传已达上限（${quotaFiles} 个文件或 ${mb(quotaBytes)} MB），请明天再试`,
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxUploadBytes) return drainThen(req, tooLarge);
    if (used.files >= quotaFiles || (Number.isFinite(declared) && used.bytes + declared > quotaBytes)) return drainThen(req, overQuota);

    // Reserve as bytes arrive, so parallel uploads of one caller share the quota.
    used.files++;
    let taken = 0;
    const body = await readLimited(req, (n) => {
      if (taken + n > maxUploadBytes) return 'large';
      if (used.bytes + n > quotaBytes) return 'quota';
      taken += n;
      used.bytes += n;
      return null;
    });
    if (!body.ok) {
      used.files--;
      used.bytes -= taken;
      return body.why === 'large' ? tooLarge : overQuota;
    }
    const rel = this.newRel(name, callerKey);
    const abs = join(this.root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, body.data, { flag: 'wx' });
    return { ok: true, fileID: this.fileIdOf(rel), size: body.data.length };
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

  /** uploads/<day>/<owner tag>: the tag names the caller without revealing who it is. */
  private ownerDir(callerKey: string): string {
    const tag = createHash('sha256').update(callerKey).digest('hex').slice(0, 20);
    return `uploads/${shanghaiDay(this.now())}/${tag}`;
  }

  /** Unguessable: 128 random bits in every path. */
  private newRel(name: string, callerKey: string): string {
    const clean = SAFE_NAME.test(name) ? name : 'upload.bin';
    return `${this.ownerDir(callerKey)}/${randomBytes(16).toString('hex')}-${clean}`;
  }

  private usageOf(dirRel: string): Usage {
    const day = dirRel.split('/')[1];
    for (const k of this.usage.keys()) if (k.split('/')[1] !== day) this.usage.delete(k);
    let u = this.usage.get(dirRel);
    if (!u) {
      u = { bytes: 0, files: 0 };
      const abs = join(this.root, dirRel);
      if (existsSync(abs)) {
        for (const f of readdirSync(abs)) {
          u.files++;
          u.bytes += statSync(join(abs, f)).size;
        }
      }
      this.usage.set(dirRel, u);
    }
    return u;
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
