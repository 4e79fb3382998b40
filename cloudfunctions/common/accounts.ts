import type { AccountView, ConsoleRole } from '../../shared/contracts/identity';
import type { RegionLevel } from '../../shared/regions';
import type { IndustryCode } from '../../shared/taxonomy';
import { AppError } from './errors';
import { newSessionId, SESSION_TTL_MS, signSession, type SessionClaims } from './session';

/** Console account document. `_id` is derived from the username, which makes usernames unique. */
export interface AccountDoc {
  _id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: ConsoleRole;
  regionCode?: string;
  regionLevel?: RegionLevel;
  regionName?: string;
  industries?: IndustryCode[];
  enterpriseId?: string;
  enterpriseName?: string;
  status: 'active' | 'disabled';
  sessionVersion: number;
  /** Sessions ended by a server-side logout, until they would have expired anyway. */
  revokedSessions?: { sid: string; exp: number }[];
  /** Bumped by every change of revokedSessions, so pruning is a compare-and-set. */
  revokedVersion?: number;
  mustChangePassword?: boolean;
  createdAt: Date;
  lastLoginAt?: Date;
}

export const normalizeUsername = (u: string): string => u.trim().toLowerCase();
export const accountIdOf = (username: string): string => `u:${normalizeUsername(username)}`;

export function accountView(a: AccountDoc): AccountView {
  return {
    _id: a._id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    ...(a.regionCode ? { regionCode: a.regionCode, regionLevel: a.regionLevel, regionName: a.regionName } : {}),
    ...(a.industries?.length ? { industries: a.industries } : {}),
    ...(a.enterpriseId ? { enterpriseId: a.enterpriseId, enterpriseName: a.enterpriseName } : {}),
    ...(a.mustChangePassword ? { mustChangePassword: true } : {}),
  };
}

/** A signed console session for the account as it is now (its sessionVersion), with a fresh session id. */
export function sessionFor(account: AccountDoc, now: Date): { token: string; expiresAt: string } {
  const exp = now.getTime() + SESSION_TTL_MS;
  const token = signSession({ sub: account._id, sid: newSessionId(), ver: account.sessionVersion ?? 1, iat: now.getTime(), exp });
  return { token, expiresAt: new Date(exp).toISOString() };
}

/**
 * Whether a verified token still speaks for the account: it exists and is active, its password has
 * not changed since (sessionVersion) and this session was not logged out. Checked by the router on
 * every console call.
 */
export function assertSessionLive(account: AccountDoc | null, claims: SessionClaims): AccountDoc {
  if (!account || account.status !== 'active') throw new AppError('SESSION_EXPIRED', '账号已停用或不存在，请重新登录');
  if ((account.sessionVersion ?? 1) !== claims.ver) throw new AppError('SESSION_EXPIRED', '密码已修改或登录已失效，请重新登录');
  if (account.revokedSessions?.some((r) => r.sid === claims.sid)) throw new AppError('SESSION_EXPIRED', '已退出登录，请重新登录');
  return account;
}
