import type { PushRule } from './pushRule';
import { regionContains } from '../regions';

/** What decides who manages a published thing (a course, an exam): who published it and for whom. */
export interface Managed {
  publisher: { role: string; regionCode?: string; enterpriseId?: string };
  pushRule: Pick<PushRule, 'industries'>;
}

/** A console account as far as managing goes (the function's principal, the console's AccountView). */
export interface Manager {
  role: string;
  regionCode?: string | null;
  industries?: readonly string[] | null;
  enterpriseId?: string | null;
}

/**
 * Whether an account manages a published course or exam: the sysadmin every one; an enterprise
 * admin its enterprise's; a regulator those regulators of its subtree published, and — if its
 * account is limited to industries — only those whose rule stays inside them. The functions decide
 * with it (common/publishing canManage); the console uses it only to offer what the server allows.
 */
export function manages(p: Manager, c: Managed): boolean {
  if (p.role === 'sysadmin') return true;
  if (p.role === 'enterpriseAdmin') return !!p.enterpriseId && c.publisher.role === 'enterpriseAdmin' && c.publisher.enterpriseId === p.enterpriseId;
  if (p.role !== 'regulator' || !p.regionCode) return false;
  if (c.publisher.role !== 'regulator' || !c.publisher.regionCode || !regionContains(p.regionCode, c.publisher.regionCode)) return false;
  if (p.industries?.length) return c.pushRule.industries.length > 0 && c.pushRule.industries.every((i) => p.industries!.includes(i));
  return true;
}
