import type { BankRow } from '../../shared/contracts/exam';
import { regionContains, regionPath } from '../../shared/regions';
import type { Ctx } from '../common/action';
import { INDUSTRY_CODES } from '../../shared/taxonomy';
import type { Database } from '../common/db';
import { AppError } from '../common/errors';
import type { Principal } from '../common/principal';

/**
 * Who owns a bank or a template, and who may manage it (the same rule as courses): the sysadmin
 * everything; a regulator what regulators of its region subtree own; an enterprise admin what its
 * enterprise owns. Anything else answers exactly like a missing document (no oracle).
 */
export type Owner = BankRow['owner'];

export interface Owned {
  owner: Owner;
  /** The owning regulator's region path (province … own code): indexed, so a subtree is one equality. [] otherwise. */
  ownerRegions: string[];
}

type AccountPrincipal = Extract<Principal, { kind: 'account' }>;

export function accountOf(p: Principal): AccountPrincipal {
  if (p.kind !== 'account') throw new AppError('FORBIDDEN');
  return p;
}

/** The owner block of a new bank or template: the caller's unit. */
export function ownerOf(ctx: Ctx): Owned {
  const p = accountOf(ctx.principal);
  const name = ctx.account?.displayName ?? '';
  if (p.role === 'regulator') {
    if (!p.regionCode) throw new AppError('FORBIDDEN');
    return { owner: { role: 'regulator', regionCode: p.regionCode, name }, ownerRegions: regionPath(p.regionCode) };
  }
  if (p.role === 'enterpriseAdmin') {
    if (!p.enterpriseId) throw new AppError('FORBIDDEN');
    return { owner: { role: 'enterpriseAdmin', enterpriseId: p.enterpriseId, name: ctx.account?.enterpriseName ?? name }, ownerRegions: [] };
  }
  return { owner: { role: 'sysadmin', name: name || '系统管理员' }, ownerRegions: [] };
}

/** A stable key of the owning unit (not the account): ids derived from it are shared by the unit's accounts. */
export function ownerKey(o: Owner): string {
  if (o.role === 'regulator') return `reg:${o.regionCode}`;
  if (o.role === 'enterpriseAdmin') return `ent:${o.enterpriseId}`;
  return 'sys';
}

/** What a bank or template is about: a bank's industries ([] = general), a template's industry (null = general). */
export type Topic = { industries?: readonly string[]; industry?: string | null };

/** The industries a document is about ([] = general: every industry). */
const topicOf = (d: Topic): readonly string[] => (d.industries ? d.industries : d.industry ? [d.industry] : []);

/**
 * A regulator limited to industries manages only documents about those industries (a general one —
 * no industry — concerns every industry, so it is not theirs), as with courses.
 */
export function withinIndustries(p: Principal, d: Topic): boolean {
  if (p.kind !== 'account' || p.role !== 'regulator' || !p.industries?.length) return true;
  const t = topicOf(d);
  return t.length > 0 && t.every((i) => (p.industries as readonly string[]).includes(i));
}

export function canManage(p: Principal, d: Pick<Owned, 'owner'> & Topic): boolean {
  if (p.kind !== 'account') return false;
  if (p.role === 'sysadmin') return true;
  if (p.role === 'enterpriseAdmin') return !!p.enterpriseId && d.owner.role === 'enterpriseAdmin' && d.owner.enterpriseId === p.enterpriseId;
  if (p.role !== 'regulator' || !p.regionCode) return false;
  return d.owner.role === 'regulator' && !!d.owner.regionCode && regionContains(p.regionCode, d.owner.regionCode) && withinIndustries(p, d);
}

/** A limited regulator creating or editing: the document must stay about its industries (else it could not manage it). */
export function assertWithinIndustries(p: Principal, d: Topic): void {
  if (!withinIndustries(p, d)) throw new AppError('NOT_IN_SCOPE', '您的账号限定了行业：请选择您管辖的行业');
}

/**
 * List conditions matching canManage (indexed: ownerRegions / owner.enterpriseId); `topicField` is
 * where the collection keeps what a document is about ('industries' array of banks, 'industry' of templates).
 */
export function manageConditions(p: Principal, _: Database['command'], topicField: 'industries' | 'industry'): Record<string, unknown>[] {
  const a = accountOf(p);
  if (a.role === 'sysadmin') return [];
  if (a.role === 'enterpriseAdmin') {
    if (!a.enterpriseId) throw new AppError('FORBIDDEN');
    return [{ 'owner.enterpriseId': a.enterpriseId, 'owner.role': 'enterpriseAdmin' }];
  }
  if (!a.regionCode) throw new AppError('FORBIDDEN');
  const conds: Record<string, unknown>[] = [{ ownerRegions: a.regionCode, 'owner.role': 'regulator' }];
  if (a.industries?.length) {
    // At least one of its industries (so not general) and none outside them.
    const outside = INDUSTRY_CODES.filter((c) => !a.industries!.includes(c));
    conds.push({ [topicField]: _.in(a.industries) });
    if (topicField === 'industries' && outside.length) conds.push({ industries: _.nin(outside) });
  }
  return conds;
}

export const MANAGERS = ['sysadmin', 'regulator', 'enterpriseAdmin'] as const;
