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

/** The caller's own account as the router re-read it for this call (active, session live). */
export function callerAccount(ctx: { account: AccountDoc | null }): AccountDoc {
  if (!ctx.account) throw new AppError('UNAUTHENTICATED');
  return ctx.account;
}

/**
 * Another account the caller may manage (status, password reset): not its own, existing, and
 * within the assertCanManage rule — a limited regulator only for enterprises of its industries.
 */
export async function manageableAccount(p: AccountPrincipal, accountId: string, selfMessage: string): Promise<AccountDoc> {
  if (accountId === p.accountId) throw new AppError('FORBIDDEN', selfMessage);
  const target = await getById<AccountDoc>(C.accounts, accountId);
  if (!target) throw new AppError('NOT_FOUND', '账号不存在');
  const needIndustry = p.role === 'regulator' && !!p.industries?.length && target.role === 'enterpriseAdmin' && !!target.enterpriseId;
  const enterprise = needIndustry ? await getById<{ industry: IndustryCode }>(C.enterprises, target.enterpriseId!) : null;
  assertCanManage(p, {
    role: target.role,
    regionCode: target.regionCode,
    industries: target.industries,
    enterpriseId: target.enterpriseId,
    enterpriseIndustry: enterprise?.industry,
  });
  return target;
}
