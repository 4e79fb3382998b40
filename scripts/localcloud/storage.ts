import { randomBytes } from 'crypto';
import { createReadStream, existsSync, mkdirSync, statSync, unlinkSync, writeFileSync } from 'fs';
import type { IncomingMessage, ServerResponse } from 'http';
import { dirname, join } from 'path';
import { contentTypeOf, safeJoin } from './staticFiles';

/**
 * Local stand-in for cloud storage: clients upload a file and get a fileID (as wx.cloud.uploadFile
 * would answer); large payloads such as Excel files travel this way rather than in a function call.
 */
export const LOCAL_BUCKET = 'local-anxue';
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const SAFE_NAME = /^[\w\-.\u4e00-\u9fa5]{1,120}$/;

export class LocalStorage {
  constructor(private readonly root: string) {
    mkdirSync(root, { recursive: true });
  }

  fileIdOf(path: string): string {
    return `cloud://${LOCAL_BUCKET}/${path}`;
  }

  pathOf(fileId: string): string | null {
    const prefix = `cloud://${LOCAL_BUCKET}/`;
    if (!fileId.startsWith(prefix)) return null;
    return safeJoin(this.root, fileId.slice(prefix.length));
  }

  save(name: string, body: Buffer): { fileID: string; size: number } {
    const clean = SAFE_NAME.test(name) ? name : 'upload.bin';
    const rel = `uploads/${new Date().toISOString().slice(0, 10)}/${randomBytes(8).toString('hex')}-${clean}`;
    const abs = join(this.root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, body);
    return { fileID: this.fileIdOf(rel), size: body.length };
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
            const rel = this.relOf(fileID);
            return rel
              ? { fileID, code: 'SUCCESS', tempFileURL: `${filesUrl()}/files/${rel}` }
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

  /** GET /files/<path> */
  serve(rel: string, res: ServerResponse): void {
    const abs = safeJoin(this.root, rel);
    if (!abs || !existsSync(abs) || statSync(abs).isDirectory()) {
      res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ ok: false, code: 'FILE_NOT_FOUND', message: '文件不存在' }));
      return;
    }
    res.writeHead(200, { 'content-type': contentTypeOf(abs), 'content-length': statSync(abs).size });
    createReadStream(abs).pipe(res);
  }
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
