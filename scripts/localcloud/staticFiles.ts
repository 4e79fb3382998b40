import { createReadStream, existsSync, statSync } from 'fs';
import type { IncomingMessage, ServerResponse } from 'http';
import { extname, join, normalize, sep } from 'path';
import { decodeComponent } from './httpErrors';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.mp4': 'video/mp4',
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const contentTypeOf = (file: string): string => TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

/** Resolves `rel` (percent-encoded) inside `root`, refusing anything that escapes it; malformed encoding is a BadRequest. */
export function safeJoin(root: string, rel: string): string | null {
  return safeJoinRaw(root, decodeComponent(rel));
}

/** Resolves an already-decoded `rel` inside `root`, refusing anything that escapes it (and NUL). */
export function safeJoinRaw(root: string, rel: string): string | null {
  if (rel.includes('\0')) return null;
  const p = normalize(join(root, rel));
  return p === root || p.startsWith(root + sep) ? p : null;
}

/** Serves a built single-page app: files as they are, anything else → index.html. */
export function serveSpa(root: string, rel: string, req: IncomingMessage, res: ServerResponse): void {
  let file = safeJoin(root, rel || 'index.html');
  if (!file || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<meta charset="utf-8"><p>页面尚未构建：请先运行 npm run build</p>');
    return;
  }
  const isHtml = file.endsWith('.html');
  res.writeHead(200, {
    'content-type': contentTypeOf(file),
    // Hashed assets can be cached; the HTML shell must always be fresh.
    'cache-control': isHtml ? 'no-cache' : 'public, max-age=3600',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}
