import { z } from 'zod';
import { contract } from './define';
import { keyword, page, pageSize, safeLines, type Paged } from './common';
import { certificateInput, employmentType, idNumberInput, personName, phone, postCategory, type RequestRow, type RequestStatus, type RequestType, type StaffRow } from './people';

/** Enterprise staff (人员管理) and approvals (人员审核): enterprise admins, in the console and the mini-program. */
const staffFields = z.object({
  name: personName,
  phone: phone.optional(),
  departmentId: z.string().max(64).nullable().optional(),
  postCategory,
  employmentType,
  certificates: z.array(certificateInput).max(10).optional().default([]),
});

export const staffContracts = {
  /** Regulators may pass enterpriseId (in scope); enterprise admins see their own. */
  listStaff: contract<Paged<StaffRow>>()(
    z.object({
      enterpriseId: z.string().max(64).optional(),
      keyword,
      departmentId: z.string().max(64).optional(),
      // active: current staff (persons); left: former staff as they were when they left (employments).
      status: z.enum(['active', 'left']).optional().default('active'),
      /** Newest first by default (joinedAt / leftAt); 'name' sorts by name. */
      sort: z.enum(['newest', 'name']).optional().default('newest'),
      page,
      pageSize: pageSize(100, 20),
    }),
  ),
  /**
   * Adds one person new to the platform (random one-time password, shown once). A person already
   * registered is never claimed: only a pending self-registration that asked to join this
   * enterprise is approved this way; anyone else answers PERSON_EMPLOYED_ELSEWHERE (the worker must
   * ask to join in the mini-program, and this enterprise approves).
   */
  addStaff: contract<{ personId: string; initialPassword: string | null; existing: boolean }>()(staffFields.extend({ idNumber: idNumberInput })),
  // certificates without the create default: an update that omits them must not clear them.
  updateStaff: contract<{ person: StaffRow }>()(
    staffFields.partial().extend({ personId: z.string().min(1).max(64), certificates: z.array(certificateInput).max(10).optional() }),
  ),
  /** 离职: the person leaves this enterprise; person, history and records are kept, never deleted. */
  leaveStaff: contract<{ person: StaffRow }>()(z.object({ personId: z.string().min(1).max(64), reason: z.string().trim().max(100).refine(...safeLines).optional() })),
  /** Returns a new one-time password the worker must change at next login. */
  resetStaffPassword: contract<{ oneTimePassword: string }>()(z.object({ personId: z.string().min(1).max(64) })),
  /** The full ID number, for roles that need it; every call is audited. */
  revealIdNumber: contract<{ idNumber: string }>()(z.object({ personId: z.string().min(1).max(64) })),

  listRequests: contract<Paged<RequestRow> & { pendingCount: number }>()(
    z.object({
      status: z.enum(['pending', 'approved', 'rejected', 'cancelled', 'all']).optional().default('pending'),
      type: z.enum(['registration', 'changeEmployer', 'infoChange']).optional(),
      page,
      pageSize: pageSize(100, 20),
    }),
  ),
  /** Count for the badge (one count query). */
  pendingRequestCount: contract<{ pending: number }>()(z.object({})),
  /** Approve or reject; concurrent decisions on one request: exactly one wins (REQUEST_NOT_PENDING for the others). */
  decideRequest: contract<{ request: RequestRow }>()(
    z
      .object({ requestId: z.string().min(1).max(64), decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(100).refine(...safeLines).optional() })
      .refine((d) => d.decision === 'approve' || !!d.reason, { message: '驳回时请填写原因', path: ['reason'] }),
  ),
};

export type { RequestStatus, RequestType };
