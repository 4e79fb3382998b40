import type { ConsoleRole } from '../../shared/contracts/identity';
import type { RegionLevel } from '../../shared/regions';
import type { IndustryCode } from '../../shared/taxonomy';
import { hmacSign, safeEqual } from './crypto';
import { AppError } from './errors';

/**
 * Console sessions are signed, expiring tokens carrying the account's role and scope, so an
 * authorised call costs no database read. `ver` is the account's sessionVersion: bumping it
 * (password change, disable) makes older tokens invalid at the next check that reads the account.
 */
export interface SessionClaims {
  sub: string;
  role: ConsoleRole;
  region?: string;
  level?: RegionLevel;
  ind?: IndustryCode[];
  ent?: string;
  ver: number;
  iat: number;
  exp: number;
}

export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export function signSession(claims: SessionClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${hmacSign(body)}`;
}

export function verifySession(token: string, nowMs: number): SessionClaims {
  const [body, sig] = token.split('.');
  if (!body || !sig || !safeEqual(sig, hmacSign(body))) throw new AppError('UNAUTHENTICATED', '登录状态无效，请重新登录');
  let claims: SessionClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SessionClaims;
  } catch {
    throw new AppError('UNAUTHENTICATED', '登录状态无效，请重新登录');
  }
  if (typeof claims.exp !== 'number' || claims.exp <= nowMs) throw new AppError('SESSION_EXPIRED');
  return claims;
}
