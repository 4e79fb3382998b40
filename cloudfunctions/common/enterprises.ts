import type { CreditCodeStatus, EnterpriseDetail, EnterpriseRow } from '../../shared/contracts/org';
import { regionContains, regionFieldsOf, type RegionFields } from '../../shared/regions';
import type { IndustryCode, KeyAreaCode, ScaleCode, SupervisionTypeCode } from '../../shared/taxonomy';
import { C, getById } from './db';
import { AppError } from './errors';
import type { Principal } from './principal';

/** An enterprise (`_id` = its normalized credit code). */
export interface EnterpriseDoc extends Omit<RegionFields, 'townCode'> {
  _id: string;
  name: string;
  creditCode: string;
  creditCodeVerified: boolean;
  /** Absent on older documents: derived from creditCodeVerified. */
  creditCodeStatus?: CreditCodeStatus;
  creditCodeNote?: string;
  regionCode: string;
  regionName: string;
  /** null (or absent) when the enterprise is registered at county level. */
  townCode?: string | null;
  address: string;
  contactName: string;
  contactPhone: string;
  scale: ScaleCode;
  supervisionType: SupervisionTypeCode;
  industry: IndustryCode;
  keyAreas: KeyAreaCode[];
  staffCount: number;
  status: 'active';
  createdAt: Date;
  updatedAt: Date;
}

export interface RegionDoc {
  _id: string;
  code: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'town';
  fullName: string;
}

export function enterpriseRow(d: EnterpriseDoc): EnterpriseRow {
  return {
    _id: d._id,
    name: d.name,
    creditCode: d.creditCode,
    regionCode: d.regionCode,
    regionName: d.regionName,
    industry: d.industry,
    supervisionType: d.supervisionType,
    keyAreas: d.keyAreas ?? [],
    scale: d.scale,
    staffCount: d.staffCount ?? 0,
    contactName: d.contactName ?? '',
    contactPhone: d.contactPhone ?? '',
    createdAt: new Date(d.createdAt).toISOString(),
    creditCodeStatus: creditCodeStatusOf(d),
  };
}

export const creditCodeStatusOf = (d: Pick<EnterpriseDoc, 'creditCodeStatus' | 'creditCodeVerified'>): CreditCodeStatus =>
  d.creditCodeStatus ?? (d.creditCodeVerified === false ? 'pending' : 'verified');

export function enterpriseDetail(d: EnterpriseDoc): EnterpriseDetail {
  return {
    ...enterpriseRow(d),
    address: d.address ?? '',
    ...(d.townCode ? { townCode: d.townCode } : {}),
    creditCodeVerified: d.creditCodeVerified !== false,
    ...(d.creditCodeNote ? { creditCodeNote: d.creditCodeNote } : {}),
    updatedAt: new Date(d.updatedAt ?? d.createdAt).toISOString(),
  };
}

/** Region fields for a stored enterprise (townCode null at county level, so updates overwrite it). */
export function enterpriseRegionFields(regionCode: string): Omit<RegionFields, 'townCode'> & { townCode: string | null } {
  const f = regionFieldsOf(regionCode);
  return { ...f, townCode: f.townCode ?? null };
}

/** The enterprise's attributes denormalized onto its current persons (push rules and scoped counts query persons). */
export function personEnterpriseFields(e: EnterpriseDoc) {
  return {
    enterpriseId: e._id,
    enterpriseName: e.name,
    ...enterpriseRegionFields(e.regionCode),
    industry: e.industry,
    supervisionType: e.supervisionType,
    keyAreas: e.keyAreas ?? [],
    scale: e.scale,
  };
}

/** What a person keeps of an enterprise after leaving it: nothing (so no pushes or counts follow them). */
export const NO_ENTERPRISE_FIELDS = {
  enterpriseId: null,
  enterpriseName: null,
  departmentId: null,
  departmentName: null,
  joinedAt: null,
  provinceCode: null,
  cityCode: null,
  countyCode: null,
  townCode: null,
  industry: null,
  supervisionType: null,
  keyAreas: [],
  scale: null,
} as const;

/** A county or town from the region tree (enterprises are registered down to one of them). */
export async function enterpriseRegion(code: string): Promise<RegionDoc> {
  const region = await getById<RegionDoc>(C.regions, code);
  if (!region || (region.level !== 'county' && region.level !== 'town')) throw new AppError('REGION_INVALID', '所选行政区划不存在，请选择到区县或乡镇（街道）');
  return region;
}

/** Whether a console principal may see this enterprise: sysadmin all, regulator its region (and industries), admin its own. */
export function enterpriseInScope(p: Principal, e: Pick<EnterpriseDoc, '_id' | 'regionCode' | 'industry'>): boolean {
  if (p.kind !== 'account') return false;
  if (p.role === 'sysadmin') return true;
  if (p.role === 'enterpriseAdmin') return !!p.enterpriseId && p.enterpriseId === e._id;
  if (!p.regionCode || !regionContains(p.regionCode, e.regionCode)) return false;
  return !p.industries?.length || p.industries.includes(e.industry);
}

/**
 * The enterprise an action works on: an enterprise admin's own (passing another id is NOT_IN_SCOPE);
 * regulators and sysadmins name it and must have it in scope.
 */
export function targetEnterpriseId(p: Principal, requested?: string): string {
  if (p.kind !== 'account') throw new AppError('FORBIDDEN');
  if (p.role === 'enterpriseAdmin') {
    if (!p.enterpriseId) throw new AppError('FORBIDDEN');
    if (requested && requested !== p.enterpriseId) throw new AppError('NOT_IN_SCOPE');
    return p.enterpriseId;
  }
  if (!requested) throw new AppError('INVALID_INPUT', '请指定企业');
  return requested;
}

/** Reads the target enterprise and checks scope (one round trip). */
export async function loadEnterpriseInScope(p: Principal, requested?: string): Promise<EnterpriseDoc> {
  const id = targetEnterpriseId(p, requested);
  const e = await getById<EnterpriseDoc>(C.enterprises, id);
  if (!e) throw new AppError('ENTERPRISE_NOT_FOUND');
  if (!enterpriseInScope(p, e)) throw new AppError('NOT_IN_SCOPE');
  return e;
}

/** The enterprise admin's own enterprise id (actions only an enterprise admin may call). */
export function ownEnterpriseId(p: Principal): string {
  if (p.kind !== 'account' || p.role !== 'enterpriseAdmin' || !p.enterpriseId) throw new AppError('FORBIDDEN');
  return p.enterpriseId;
}
