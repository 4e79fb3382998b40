import { randomBytes } from 'crypto';
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'fs';
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
