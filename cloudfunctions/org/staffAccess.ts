import type { StaffRow } from '../../shared/contracts/people';
import { C, getById, type Transaction } from '../common/db';
import { AppError } from '../common/errors';
import { staffRow, type PersonDoc } from '../common/persons';
import type { Principal } from '../common/principal';

/**
 * Persons additionally carry `pastEnterpriseIds` (every enterprise they left, added on 离职 and on a
 * change of employer) so an enterprise can still list its former staff with one query.
 */
export type StaffPerson = PersonDoc & { pastEnterpriseIds?: string[] };

/** Never read these into a staff listing. */
export const SECRET_FIELDS = { idCipher: false, passwordHash: false, idHash: false } as const;

/** A person currently employed (active) by the enterprise: missing → PERSON_NOT_FOUND; anyone else's → NOT_IN_SCOPE. */
export async function activeStaffOf(enterpriseId: string, personId: string): Promise<StaffPerson> {
  const p = await getById<StaffPerson>(C.persons, personId);
  if (!p) throw new AppError('PERSON_NOT_FOUND');
  if (p.enterpriseId !== enterpriseId || p.status !== 'active') throw new AppError('NOT_IN_SCOPE', '该人员不是本企业在职人员');
  return p;
}

/** A row as one enterprise sees it: someone who left it shows as 离职 there, wherever they are now. */
export function staffRowFor(enterpriseId: string, p: StaffPerson): StaffRow {
  const row = staffRow(p);
  return p.enterpriseId === enterpriseId ? row : { ...row, status: 'left', departmentId: null, departmentName: null };
}

/** The console account's display name (recorded on decisions as decidedByName). */
export async function accountDisplayName(p: Principal): Promise<string> {
  if (p.kind !== 'account') return '';
  const a = await getById<{ displayName?: string; username?: string }>(C.accounts, p.accountId);
  return a?.displayName ?? a?.username ?? '';
}

/** Reads a document by _id inside a transaction; null when it does not exist. */
export async function txGet<T>(tx: Transaction, collection: string, id: string): Promise<T | null> {
  try {
    const res = await tx.collection(collection).doc(id).get();
    return ((Array.isArray(res.data) ? res.data[0] : res.data) ?? null) as T | null;
  } catch (e) {
    if (/does not exist|DATABASE_DOCUMENT_NOT_EXIST|cannot find document/i.test(String((e as Error)?.message ?? e))) return null;
    throw e;
  }
}
