import type { ConsoleRole } from '../../shared/contracts/identity';
import type { RegionLevel } from '../../shared/regions';
import type { IndustryCode } from '../../shared/taxonomy';

/** Who is calling. Resolved once per invocation by the router, before the action runs. */
export type Principal =
  | { kind: 'guest'; openid?: string }
  /** A timer trigger (CloudBase sets TRIGGER_SRC=timer in the instance; clients cannot). */
  | { kind: 'timer' }
  /** Whoever deploys the environment: proved by an HMAC with ANXUE_BOOTSTRAP_KEY (common/deployProof.ts), once per nonce. */
  | { kind: 'deployer' }
  /** A worker: the person bound to the caller's WeChat OPENID (bound at login/registration). */
  | { kind: 'person'; personId: string; openid: string; status: 'pending' | 'active' | 'left'; enterpriseId: string | null }
  | {
      kind: 'account';
      accountId: string;
      role: ConsoleRole;
      regionCode?: string;
      regionLevel?: RegionLevel;
      industries?: IndustryCode[];
      enterpriseId?: string;
      sessionVersion: number;
      /** The session (token) this call came with: what consoleLogout revokes. */
      sessionId: string;
      sessionExp: number;
      openid?: string;
    };

/**
 * Roles an action may allow. `anyone` includes callers who have not logged in (guests); `worker` is
 * any person bound to the caller's OPENID (also pending or left); `employee` an approved, employed one.
 */
export type Role = 'anyone' | 'timer' | 'deployer' | 'worker' | 'employee' | ConsoleRole;

export function rolesOf(p: Principal): Role[] {
  if (p.kind === 'timer') return ['timer'];
  if (p.kind === 'deployer') return ['deployer'];
  if (p.kind === 'account') return ['anyone', p.role];
  if (p.kind === 'person') return p.status === 'active' ? ['anyone', 'worker', 'employee'] : ['anyone', 'worker'];
  return ['anyone'];
}

/** Whether resolving the caller needs the person bound to its OPENID (one indexed query). */
export const needsPerson = (allow: readonly Role[]): boolean => allow.includes('worker') || allow.includes('employee');

/** Whether resolving the caller needs a console session (one read of the account). */
export const needsAccount = (allow: readonly Role[]): boolean => allow.some((r) => r === 'sysadmin' || r === 'regulator' || r === 'enterpriseAdmin');

export function isAllowed(p: Principal, allow: readonly Role[]): boolean {
  const roles = rolesOf(p);
  return allow.some((r) => roles.includes(r));
}
