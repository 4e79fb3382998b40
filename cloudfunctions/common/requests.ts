import type { Certificate, EmploymentRow, RequestRow, RequestStatus, RequestType } from '../../shared/contracts/people';
import type { EmploymentTypeCode, PostCategoryCode } from '../../shared/taxonomy';

/**
 * Registration and change-of-employer reviews. Created by the worker (identity function), decided by
 * the reviewing enterprise's admin (org function) in a transaction that re-reads the request, so
 * concurrent decisions: exactly one wins.
 */
export interface RequestDoc {
  _id: string;
  type: RequestType;
  status: RequestStatus;
  personId: string;
  personName: string;
  idMasked: string;
  postCategory: PostCategoryCode;
  certificates: Certificate[];
  /** The enterprise whose admin reviews (the one the worker wants to join). */
  enterpriseId: string;
  enterpriseName: string;
  fromEnterpriseId?: string | null;
  fromEnterpriseName?: string | null;
  /** infoChange: the post category before (postCategory is the requested one). */
  previousPostCategory?: PostCategoryCode;
  /** Who filed it: the worker in the mini-program (older imports filed some on workers' behalf: never approvable). */
  source?: 'worker' | 'import';
  reason?: string;
  createdAt: Date;
  decidedAt?: Date;
  decidedBy?: string;
  decidedByName?: string;
}

export function requestRow(r: RequestDoc): RequestRow {
  return {
    _id: r._id,
    type: r.type,
    status: r.status,
    personId: r.personId,
    personName: r.personName,
    idMasked: r.idMasked,
    postCategory: r.postCategory,
    certificates: r.certificates ?? [],
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    fromEnterpriseName: r.fromEnterpriseName ?? null,
    ...(r.previousPostCategory ? { previousPostCategory: r.previousPostCategory } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    createdAt: new Date(r.createdAt).toISOString(),
    ...(r.decidedAt ? { decidedAt: new Date(r.decidedAt).toISOString() } : {}),
    ...(r.decidedByName ? { decidedByName: r.decidedByName } : {}),
  };
}

/** One entry of a person's employment history; `to: null` is the current employer. */
export interface EmploymentDoc {
  _id: string;
  personId: string;
  enterpriseId: string;
  enterpriseName: string;
  from: Date;
  to: Date | null;
  source: EmploymentRow['source'];
  leftReason?: string;
  /** What was true of the person here: written at joining, refreshed when the entry closes. */
  personName?: string;
  idMasked?: string;
  gender?: 'male' | 'female';
  postCategory?: PostCategoryCode;
  employmentType?: EmploymentTypeCode;
  departmentName?: string | null;
}

export function employmentRow(e: EmploymentDoc): EmploymentRow {
  return {
    enterpriseId: e.enterpriseId,
    enterpriseName: e.enterpriseName,
    from: new Date(e.from).toISOString(),
    to: e.to ? new Date(e.to).toISOString() : null,
    source: e.source,
  };
}
