import { randomBytes } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';
import { decodeComponent } from './httpErrors';

/**
 * Simulated WeChat identity, which exists only in the local cloud: each browser profile gets a
 * random OPENID in a cookie; scripted clients and tests name theirs with `X-Local-OpenId`.
 */
export const OPENID_COOKIE = 'anxue_openid';
const OPENID_RE = /^[\w-]{1,64}$/;

/** A cookie's value; malformed percent-encoding in it is a BadRequest (400). */
export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeComponent(v.join('='));
  }
  return undefined;
}

export function callerOpenId(req: IncomingMessage, res: ServerResponse): string {
  const header = req.headers['x-local-openid'];
  if (typeof header === 'string' && OPENID_RE.test(header)) return header;
  const fromCookie = cookieValue(req, OPENID_COOKIE);
  if (fromCookie && OPENID_RE.test(fromCookie)) return fromCookie;
  const fresh = `o${randomBytes(20).toString('base64url')}`.slice(0, 28);
  res.setHeader('set-cookie', `${OPENID_COOKIE}=${fresh}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000`);
  return fresh;
}
