import type { CourseDetail } from '../../shared/contracts/courses';
import { ANY, scopePushRule, type PushRule, type Publisher } from '../../shared/learning/pushRule';
import { regionContains, regionPath } from '../../shared/regions';
import { manages, type Managed } from '../../shared/learning/manages';
import { INDUSTRY_CODES } from '../../shared/taxonomy';
import type { Ctx } from './action';
import { C } from './db';
import { enterpriseInScope, type EnterpriseDoc } from './enterprises';
import { AppError } from './errors';
import type { Principal } from './principal';

/**
 * Who publishes pushed content (courses, exams): the console account as a publisher, its stored
 * block, and a push rule narrowed to its scope. Shared by the learning and exam functions.
 */
type AccountPrincipal = Extract<Principal, { kind: 'account' }>;

export function accountOf(p: Principal): AccountPrincipal {
  if (p.kind !== 'account') throw new AppError('FORBIDDEN');
  return p;
}

export function publisherOf(p: AccountPrincipal): Publisher {
  if (p.role === 'regulator') {
    if (!p.regionCode) throw new AppError('FORBIDDEN');
    return { role: 'regulator', regionCode: p.regionCode, industries: p.industries ?? null };
  }
  if (p.role === 'enterpriseAdmin') {
    if (!p.enterpriseId) throw new AppError('FORBIDDEN');
    return { role: 'enterpriseAdmin', enterpriseId: p.enterpriseId };
  }
  return { role: 'sysadmin' };
}

/** The stored publisher block of a new course. */
export function publisherBlock(ctx: Ctx): { publisher: CourseDetail['publisher']; publisherRegions: string[] } {
  const p = accountOf(ctx.principal);
  const name = ctx.account?.displayName ?? '';
  const regionCode = p.role === 'sysadmin' ? undefined : p.regionCode;
  return {
    publisher: {
      role: p.role as CourseDetail['publisher']['role'],
      accountId: p.accountId,
      name: p.role === 'enterpriseAdmin' ? (ctx.account?.enterpriseName ?? name) : name,
      ...(regionCode ? { regionCode } : {}),
      ...(p.enterpriseId ? { enterpriseId: p.enterpriseId } : {}),
    },
    publisherRegions: regionCode ? regionPath(regionCode) : [],
  };
}

/** Industries a limited regulator may NOT target (and the wildcard, which would reach them). */
export const industriesOutside = (limit: readonly string[]): string[] => [ANY, ...INDUSTRY_CODES.filter((c) => !limit.includes(c))];

/**
 * The rule narrowed to the caller's scope (PUSH_RULE_OUT_OF_SCOPE when it reaches outside), with
 * any listed enterprises checked against their stored region / industry (one `in` query).
 */
export async function scopedRule(ctx: Ctx, rule: PushRule): Promise<PushRule> {
  const p = accountOf(ctx.principal);
  const r = scopePushRule(rule, publisherOf(p));
  if (!r.ok) throw new AppError('PUSH_RULE_OUT_OF_SCOPE', r.reason === 'enterpriseOutside' ? '只能向本企业员工推送课程' : undefined, { reason: r.reason });
  if (p.role !== 'enterpriseAdmin' && r.rule.enterpriseIds.length) {
    const _ = ctx.db.command;
    const res = await ctx.db
      .collection(C.enterprises)
      .where({ _id: _.in(r.rule.enterpriseIds) })
      .field({ _id: true, regionCode: true, industry: true })
      .limit(r.rule.enterpriseIds.length)
      .get<Pick<EnterpriseDoc, '_id' | 'regionCode' | 'industry'>>();
    const ok = new Set(res.data.filter((e) => enterpriseInScope(p, e)).map((e) => e._id));
    // A missing enterprise and one outside the caller's scope answer alike.
    if (r.rule.enterpriseIds.some((id) => !ok.has(id))) throw new AppError('PUSH_RULE_OUT_OF_SCOPE', '所选企业不存在或不在您的管辖范围内', { reason: 'enterpriseOutside' });
  }
  return r.rule;
}


export type { Managed } from '../../shared/learning/manages';

/** Whether the calling account manages the course or exam (shared/learning/manages). */
export function canManage(p: Principal, c: Managed): boolean {
  return p.kind === 'account' && manages(p, c);
}

/** List conditions matching canManage (indexed: publisherRegions / publisher.enterpriseId). */
export function manageConditions(ctx: Ctx): Record<string, unknown>[] {
  const p = accountOf(ctx.principal);
  const _ = ctx.db.command;
  if (p.role === 'sysadmin') return [];
  if (p.role === 'enterpriseAdmin') return [{ 'publisher.enterpriseId': p.enterpriseId, 'publisher.role': 'enterpriseAdmin' }];
  if (!p.regionCode) throw new AppError('FORBIDDEN');
  const conds: Record<string, unknown>[] = [{ publisherRegions: p.regionCode, 'publisher.role': 'regulator' }];
  if (p.industries?.length) conds.push({ 'match.industry': _.nin(industriesOutside(p.industries)) });
  return conds;
}

