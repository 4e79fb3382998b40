import type { StaffRow } from '../../shared/contracts/people';
import { C, getById } from '../common/db';
import { AppError } from '../common/errors';
import { staffRow, type PersonDoc } from '../common/persons';
import type { Ctx } from '../common/action';
import type { EmploymentDoc } from '../common/requests';

/** Never read these into a staff listing. */
export const SECRET_FIELDS = { idCipher: false, passwordHash: false, idHash: false } as const;

/** A person currently employed (active) by the enterprise: missing → PERSON_NOT_FOUND; anyone else's → NOT_IN_SCOPE. */
export async function activeStaffOf(enterpriseId: string, personId: string): Promise<PersonDoc> {
  const p = await getById<PersonDoc>(C.persons, personId);
  if (!p) throw new AppError('PERSON_NOT_FOUND');
  if (p.enterpriseId !== enterpriseId || p.status !== 'active') throw new AppError('NOT_IN_SCOPE', '该人员不是本企业在职人员');
  return p;
}

/** A current employee's row; someone who just left shows as 离职 with nothing of their present. */
export function staffRowFor(enterpriseId: string, p: PersonDoc): StaffRow {
  const row = staffRow(p);
  return p.enterpriseId === enterpriseId ? row : { ...row, status: 'left', departmentId: null, departmentName: null, phone: undefined, certificates: [], bound: false };
}

/**
 * A former employee as the enterprise knew them: the closed history entry's snapshot (name, masked
 * ID, post, department, dates) — never the person's current phone, certificates or binding.
 */
export function formerStaffRow(e: EmploymentDoc): StaffRow {
  return {
    _id: e.personId,
    name: e.personName ?? '—',
    idMasked: e.idMasked ?? '—',
    gender: e.gender ?? 'male',
    departmentId: null,
    departmentName: e.departmentName ?? null,
    postCategory: e.postCategory ?? 'otherWorker',
    employmentType: e.employmentType ?? 'regular',
    certificates: [],
    status: 'left',
    bound: false,
    updatedAt: new Date(e.to ?? e.from).toISOString(),
    joinedAt: new Date(e.from).toISOString(),
    ...(e.to ? { leftAt: new Date(e.to).toISOString() } : {}),
    ...(e.leftReason ? { leftReason: e.leftReason } : {}),
  };
}

/** The console account's display name (recorded on decisions as decidedByName); the router already read the account. */
export const actorName = (ctx: Pick<Ctx, 'account'>): string => ctx.account?.displayName ?? ctx.account?.username ?? '';
