import type { BankRow } from '../../shared/contracts/exam';
import { regionContains, regionPath } from '../../shared/regions';
import type { Ctx } from '../common/action';
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

export function canManage(p: Principal, d: Pick<Owned, 'owner'>): boolean {
  if (p.kind !== 'account') return false;
  if (p.role === 'sysadmin') return true;
  if (p.role === 'enterpriseAdmin') return !!p.enterpriseId && d.owner.role === 'enterpriseAdmin' && d.owner.enterpriseId === p.enterpriseId;
  if (p.role !== 'regulator' || !p.regionCode) return false;
  return d.owner.role === 'regulator' && !!d.owner.regionCode && regionContains(p.regionCode, d.owner.regionCode);
}

/** List conditions matching canManage (indexed: ownerRegions / owner.enterpriseId). */
export function manageConditions(p: Principal): Record<string, unknown>[] {
  const a = accountOf(p);
  if (a.role === 'sysadmin') return [];
  if (a.role === 'enterpriseAdmin') {
    if (!a.enterpriseId) throw new AppError('FORBIDDEN');
    return [{ 'owner.enterpriseId': a.enterpriseId, 'owner.role': 'enterpriseAdmin' }];
  }
  if (!a.regionCode) throw new AppError('FORBIDDEN');
  return [{ ownerRegions: a.regionCode, 'owner.role': 'regulator' }];
}

export const MANAGERS = ['sysadmin', 'regulator', 'enterpriseAdmin'] as const;
