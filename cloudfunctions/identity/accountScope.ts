import type { ConsoleRole } from '../../shared/contracts/identity';
import { regionContains } from '../../shared/regions';
import type { IndustryCode } from '../../shared/taxonomy';
import type { AccountDoc } from '../common/accounts';
import { C, getById } from '../common/db';
import { AppError } from '../common/errors';
import type { Principal } from '../common/principal';

type AccountPrincipal = Extract<Principal, { kind: 'account' }>;

/** What decides whether a console caller may create or change an account. */
export interface AccountTarget {
  role: ConsoleRole;
  regionCode?: string;
  industries?: IndustryCode[];
  enterpriseId?: string;
  /** The industry of an enterprise admin's enterprise (checked against a limited regulator). */
  enterpriseIndustry?: IndustryCode;
}

/**
 * The account management rule: a sysadmin manages anyone; a regulator manages regulators of
 * regions strictly below its own inside its subtree (industries within its own when it is
 * limited) and enterprise admins of enterprises in its scope; an enterprise admin manages the
 * other admins of its own enterprise. Throws FORBIDDEN (wrong kind of account) or NOT_IN_SCOPE.
 */
export function assertCanManage(p: AccountPrincipal, t: AccountTarget): void {
  if (p.role === 'sysadmin') return;
  if (t.role === 'sysadmin') throw new AppError('FORBIDDEN', '无权管理系统管理员账号');
  if (p.role === 'enterpriseAdmin') {
    if (t.role !== 'enterpriseAdmin') throw new AppError('FORBIDDEN', '企业管理员只能管理本企业的管理员账号');
    if (!p.enterpriseId || t.enterpriseId !== p.enterpriseId) throw new AppError('NOT_IN_SCOPE', '只能管理本企业的管理员账号');
    return;
  }
  // Regulator.
  if (!p.regionCode) throw new AppError('FORBIDDEN');
  const limited = p.industries?.length ? p.industries : null;
  if (t.role === 'regulator') {
    if (!t.regionCode || !regionContains(p.regionCode, t.regionCode) || t.regionCode === p.regionCode) {
      throw new AppError('NOT_IN_SCOPE', '只能管理本辖区下级行政区划的监管账号');
    }
    if (limited && (!t.industries?.length || !t.industries.every((i) => limited.includes(i)))) {
      throw new AppError('NOT_IN_SCOPE', '下级账号的行业范围不能超出本账号的行业范围');
    }
    return;
  }
  if (!t.regionCode || !regionContains(p.regionCode, t.regionCode)) throw new AppError('NOT_IN_SCOPE', '该企业不在本辖区内');
  if (limited && (!t.enterpriseIndustry || !limited.includes(t.enterpriseIndustry))) throw new AppError('NOT_IN_SCOPE', '该企业不在本账号的行业范围内');
}

export function accountPrincipal(p: Principal): AccountPrincipal {
  if (p.kind !== 'account') throw new AppError('UNAUTHENTICATED');
  return p;
}

/**
 * Re-reads the caller's own account for account-management writes, so a disabled account or a
 * revoked session (bumped sessionVersion) cannot keep managing others until its token expires.
 */
export async function activeCaller(p: AccountPrincipal): Promise<AccountDoc> {
  const me = await getById<AccountDoc>(C.accounts, p.accountId);
  if (!me || me.status !== 'active' || (me.sessionVersion ?? 1) !== p.sessionVersion) throw new AppError('SESSION_EXPIRED', '账号已停用或登录已失效，请重新登录');
  return me;
}
