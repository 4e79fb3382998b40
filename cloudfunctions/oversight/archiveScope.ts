import { regionContains } from '../../shared/regions';
import type { EnterpriseArchiveRow, PersonArchiveRow } from '../../shared/contracts/oversight';
import { enterpriseInScope, type EnterpriseDoc } from '../common/enterprises';
import { AppError } from '../common/errors';
import type { PersonDoc } from '../common/persons';
import type { Principal } from '../common/principal';

/** One answer for a foreign id and a missing one (no oracle). */
export const archiveNotInScope = () => new AppError('NOT_IN_SCOPE', '无权查看该档案或档案不存在');

export { enterpriseInScope };

/**
 * Whether a console principal may read a person's archive: the person is current staff (active) of
 * an enterprise in the caller's scope — the admin's own enterprise; for a regulator, an enterprise in
 * its region subtree (and industries). A former employer or a region the person left sees nothing
 * (as revealIdNumber: records follow the person, the view follows the current employment).
 */
export function personInScope(p: Principal, person: PersonDoc): boolean {
  if (p.kind !== 'account') return false;
  if (p.role === 'sysadmin') return true;
  if (person.status !== 'active' || !person.enterpriseId) return false;
  if (p.role === 'enterpriseAdmin') return !!p.enterpriseId && person.enterpriseId === p.enterpriseId;
  if (p.role !== 'regulator' || !p.regionCode) return false;
  const place = person.townCode || person.countyCode;
  if (!place || !regionContains(p.regionCode, place)) return false;
  return !p.industries?.length || (!!person.industry && p.industries.includes(person.industry));
}

export function enterpriseArchiveRow(e: EnterpriseDoc): EnterpriseArchiveRow {
  return {
    _id: e._id,
    name: e.name,
    creditCode: e.creditCode,
    creditCodeStatus: e.creditCodeStatus ?? (e.creditCodeVerified ? 'verified' : 'pending'),
    regionCode: e.regionCode,
    regionName: e.regionName,
    industry: e.industry,
    staffCount: e.staffCount ?? 0,
    createdAt: new Date(e.createdAt).toISOString(),
  };
}

export function personArchiveRow(x: PersonDoc, regionNames?: Map<string, string>): PersonArchiveRow {
  return {
    _id: x._id,
    name: x.name,
    idMasked: x.idMasked,
    gender: x.gender,
    status: x.status,
    enterpriseId: x.enterpriseId,
    enterpriseName: x.enterpriseName,
    postCategory: x.postCategory,
    regionName: regionNames?.get(x.enterpriseId ?? '') ?? null,
  };
}
