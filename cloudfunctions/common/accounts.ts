import type { AccountView, ConsoleRole } from '../../shared/contracts/identity';
import type { RegionLevel } from '../../shared/regions';
import type { IndustryCode } from '../../shared/taxonomy';
import { SESSION_TTL_MS, signSession } from './session';

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
  failedLogins: number;
  lockedUntil?: Date | null;
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

/** Lockout policy: after this many consecutive failures the account is locked for LOCK_MS. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60 * 1000;

/** A signed console session for the account as it is now (its role, scope and sessionVersion). */
export function sessionFor(account: AccountDoc, now: Date): { token: string; expiresAt: string } {
  const exp = now.getTime() + SESSION_TTL_MS;
  const token = signSession({
    sub: account._id,
    role: account.role,
    region: account.regionCode,
    level: account.regionLevel,
    ind: account.industries?.length ? account.industries : undefined,
    ent: account.enterpriseId,
    ver: account.sessionVersion ?? 1,
    iat: now.getTime(),
    exp,
  });
  return { token, expiresAt: new Date(exp).toISOString() };
}
