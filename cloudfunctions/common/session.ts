import { randomBytes } from 'crypto';
import { hmacSign, safeEqual } from './crypto';
import { AppError } from './errors';

/**
 * Console sessions are signed, expiring tokens `v1.<claims>.<signature>`. The token only names the
 * account and the session; the router re-reads the account on every call, so a disabled account, a
 * changed password (bumped `sessionVersion`) or a logged-out session (`revokedSessions`) stops
 * working at once, and role and scope are always the account's current ones.
 */
export interface SessionClaims {
  /** Account id. */
  sub: string;
  /** Session id (random): what a server-side logout revokes. */
  sid: string;
  /** The account's sessionVersion when the session was issued. */
  ver: number;
  iat: number;
  exp: number;
}

export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
const VERSION = 'v1';

export const newSessionId = (): string => randomBytes(12).toString('base64url');

export function signSession(claims: SessionClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${VERSION}.${body}.${hmacSign(`${VERSION}.${body}`)}`;
}

const invalid = () => new AppError('UNAUTHENTICATED', '登录状态无效，请重新登录');

export function verifySession(token: string, nowMs: number): SessionClaims {
  const parts = token.split('.');
  // Exactly three parts: anything else (a JWT-like header, an appended part) is not ours.
  if (parts.length !== 3) throw invalid();
  const [version, body, sig] = parts;
  if (version !== VERSION || !body || !sig || !safeEqual(sig, hmacSign(`${version}.${body}`))) throw invalid();
  let claims: SessionClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SessionClaims;
  } catch {
    throw invalid();
  }
  if (!claims || typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || typeof claims.ver !== 'number') throw invalid();
  if (typeof claims.exp !== 'number' || claims.exp <= nowMs) throw new AppError('SESSION_EXPIRED');
  return claims;
}
