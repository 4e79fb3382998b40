import type { ConsoleRole } from '../../shared/contracts/identity';
import type { RegionLevel } from '../../shared/regions';
import type { IndustryCode } from '../../shared/taxonomy';

/** Who is calling. Resolved once per invocation by the router, before the action runs. */
export type Principal =
  | { kind: 'guest'; openid?: string }
  /** A timer trigger (CloudBase sets TRIGGER_SRC=timer in the instance; clients cannot). */
  | { kind: 'timer' }
  | {
      kind: 'account';
      accountId: string;
      role: ConsoleRole;
      regionCode?: string;
      regionLevel?: RegionLevel;
      industries?: IndustryCode[];
      enterpriseId?: string;
      sessionVersion: number;
      openid?: string;
    };

/** Roles an action may allow. `anyone` includes callers who have not logged in (guests). */
export type Role = 'anyone' | 'timer' | ConsoleRole;

export function rolesOf(p: Principal): Role[] {
  if (p.kind === 'timer') return ['timer'];
  if (p.kind === 'account') return ['anyone', p.role];
  return ['anyone'];
}

export function isAllowed(p: Principal, allow: readonly Role[]): boolean {
  const roles = rolesOf(p);
  return allow.some((r) => roles.includes(r));
}
