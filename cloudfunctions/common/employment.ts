import { randomBytes } from 'crypto';
import type { PostCategoryCode } from '../../shared/taxonomy';
import { C, getDb, type Database, type Transaction } from './db';
import { NO_ENTERPRISE_FIELDS, personEnterpriseFields, type EnterpriseDoc } from './enterprises';
import { AppError } from './errors';
import { moveAfterCommit, placeOfEnterprise, placeOfPerson } from './oversight';
import type { PersonDoc } from './persons';
import type { EmploymentDoc, RequestDoc } from './requests';

/**
 * The employment lifecycle, in one place: join, leave, transfer, and filing / settling the
 * requests that lead to them. Every path that changes who employs a person (self-registration,
 * approvals, addStaff, import, 离职, cancellations) goes through these functions, inside the
 * caller's transaction, so the person, its history, the enterprise's staffCount and the request
 * always change together.
 *
 * Rules it enforces:
 * - A person joins an enterprise only with its own consent (its request, or a registration it filed)
 *   and the enterprise's approval; nobody else's path moves, renames or claims a person.
 * - At most one pending employment request and one pending 信息变更 per person, enforced by a lock
 *   document with a deterministic `_id` written in the same transaction as the request.
 * - A former employer keeps only what was true when the person left: the closed employment entry
 *   carries that snapshot (name, masked ID, post, department, dates).
 */

export type LifecyclePerson = PersonDoc;

export interface LockDoc {
  _id: string;
  kind: 'pendingRequest' | 'pendingInfoChange';
  personId: string;
  requestId: string;
  createdAt: Date;
}

export const pendingRequestLockId = (personId: string): string => `pendingRequest:${personId}`;
export const pendingInfoChangeLockId = (personId: string): string => `pendingInfoChange:${personId}`;
const lockIdFor = (r: Pick<RequestDoc, 'type' | 'personId'>) => (r.type === 'infoChange' ? pendingInfoChangeLockId(r.personId) : pendingRequestLockId(r.personId));

export const newId = (): string => randomBytes(16).toString('hex');

/** Reads a document by _id inside a transaction; null when it does not exist. */
export async function txGet<T>(tx: Transaction, collection: string, id: string): Promise<T | null> {
  // A missing document answers data: null (getDb sets throwOnNotFound: false).
  const res = await tx.collection(collection).doc(id).get();
  return ((Array.isArray(res.data) ? res.data[0] : res.data) ?? null) as T | null;
}

/** What a history entry records of the person (at joining, refreshed when the employment closes). */
function snapshotOf(p: Pick<PersonDoc, 'name' | 'idMasked' | 'gender' | 'postCategory' | 'employmentType' | 'departmentName'>) {
  return { personName: p.name, idMasked: p.idMasked, gender: p.gender, postCategory: p.postCategory, employmentType: p.employmentType, departmentName: p.departmentName ?? null };
}

/** Requests are built in one shape, whoever files them. */
export function newRequest(opts: {
  type: RequestDoc['type'];
  person: Pick<LifecyclePerson, '_id' | 'name' | 'idMasked' | 'postCategory' | 'certificates' | 'status' | 'enterpriseId' | 'enterpriseName'>;
  enterprise: { _id: string; name: string };
  now: Date;
  postCategory?: PostCategoryCode;
}): RequestDoc {
  const { person, enterprise } = opts;
  const from = opts.type === 'changeEmployer' && person.enterpriseId ? { id: person.enterpriseId, name: person.enterpriseName } : null;
  return {
    _id: newId(),
    type: opts.type,
    status: 'pending',
    personId: person._id,
    personName: person.name,
    idMasked: person.idMasked,
    postCategory: opts.postCategory ?? person.postCategory,
    ...(opts.type === 'infoChange' ? { previousPostCategory: person.postCategory } : {}),
    certificates: person.certificates ?? [],
    enterpriseId: enterprise._id,
    enterpriseName: enterprise.name,
    fromEnterpriseId: from?.id ?? null,
    fromEnterpriseName: from?.name ?? null,
    source: 'worker',
    createdAt: opts.now,
  };
}

/**
 * Files a pending request with its lock (deterministic `_id`): a second pending request of the same
 * kind for the person fails with REQUEST_ALREADY_PENDING, even when both are filed at the same
 * moment (the two transactions touch the same lock id, so one of them is retried and sees it).
 */
export async function fileRequest(tx: Transaction, request: RequestDoc): Promise<void> {
  const lockId = lockIdFor(request);
  if (await txGet<LockDoc>(tx, C.locks, lockId)) throw new AppError('REQUEST_ALREADY_PENDING', '已有待审核的申请，请等待审核结果或先撤回');
  const lock: Omit<LockDoc, '_id'> = { kind: request.type === 'infoChange' ? 'pendingInfoChange' : 'pendingRequest', personId: request.personId, requestId: request._id, createdAt: request.createdAt };
  await tx.collection(C.locks).doc(lockId).set({ data: lock });
  const { _id, ...data } = request;
  await tx.collection(C.requests).doc(_id).set({ data });
}

/** The request the person has pending of this kind, read through its lock (inside a transaction). */
export async function pendingRequestOf(tx: Transaction, personId: string, kind: 'employment' | 'infoChange'): Promise<RequestDoc | null> {
  const lock = await txGet<LockDoc>(tx, C.locks, kind === 'infoChange' ? pendingInfoChangeLockId(personId) : pendingRequestLockId(personId));
  if (!lock) return null;
  const r = await txGet<RequestDoc>(tx, C.requests, lock.requestId);
  return r && r.status === 'pending' ? r : null;
}

/** Decides a pending request (approved / rejected / cancelled) and frees the person's lock. */
export async function settleRequest(
  tx: Transaction,
  r: RequestDoc,
  verdict: { status: 'approved' | 'rejected' | 'cancelled'; at: Date; by?: string; byName?: string; reason?: string },
): Promise<RequestDoc> {
  const data = {
    status: verdict.status,
    decidedAt: verdict.at,
    ...(verdict.by !== undefined ? { decidedBy: verdict.by } : {}),
    ...(verdict.byName !== undefined ? { decidedByName: verdict.byName } : {}),
    ...(verdict.reason ? { reason: verdict.reason } : {}),
  };
  await tx.collection(C.requests).doc(r._id).update({ data });
  const lockId = lockIdFor(r);
  const lock = await txGet<LockDoc>(tx, C.locks, lockId);
  if (lock && lock.requestId === r._id) await tx.collection(C.locks).doc(lockId).remove();
  if (r.type === 'infoChange') await tx.collection(C.persons).doc(r.personId).update({ data: { pendingPostCategory: null } });
  return { ...r, ...data } as RequestDoc;
}

export interface JoinOptions {
  enterprise: EnterpriseDoc;
  source: EmploymentDoc['source'];
  now: Date;
  department?: { _id: string; name: string } | null;
  /** A deterministic id (imports re-run idempotently); random otherwise. */
  employmentId?: string;
}

/** The person fields of being employed by an enterprise (also written by the batch import). */
export function joinedPersonFields(o: { enterprise: EnterpriseDoc; now: Date; employmentId: string; department?: { _id: string; name: string } | null }) {
  return {
    ...personEnterpriseFields(o.enterprise),
    status: 'active' as const,
    departmentId: o.department?._id ?? null,
    departmentName: o.department?.name ?? null,
    employmentId: o.employmentId,
    joinedAt: o.now,
    updatedAt: o.now,
  };
}

/** The history entry opened by joining (also written by the batch import). */
export function openedEmployment(
  person: Pick<PersonDoc, '_id' | 'name' | 'idMasked' | 'gender' | 'postCategory' | 'employmentType'>,
  o: { enterprise: EnterpriseDoc; source: EmploymentDoc['source']; now: Date; departmentName: string | null },
): Omit<EmploymentDoc, '_id'> {
  return {
    personId: person._id,
    enterpriseId: o.enterprise._id,
    enterpriseName: o.enterprise.name,
    from: o.now,
    to: null,
    source: o.source,
    ...snapshotOf({ ...person, departmentName: o.departmentName }),
  };
}

/**
 * Joining an enterprise inside a transaction: the history entry and the enterprise's staffCount are
 * written here; the caller writes the returned fields onto the person (a new document, or an update).
 */
export async function joinWrites(tx: Transaction, person: Pick<PersonDoc, '_id' | 'name' | 'idMasked' | 'gender' | 'postCategory' | 'employmentType'>, o: JoinOptions) {
  const fields = joinedPersonFields({ ...o, employmentId: o.employmentId ?? newId() });
  await tx.collection(C.employments).doc(fields.employmentId).set({ data: openedEmployment(person, { ...o, departmentName: fields.departmentName }) });
  await tx.collection(C.enterprises).doc(o.enterprise._id).update({ data: { staffCount: inc(1) } });
  moveAfterCommit(tx, getDb(), [{ place: placeOfEnterprise(o.enterprise), at: o.now, inc: { persons: 1, joined: 1 } }]);
  return fields;
}

// Transactions take the database's update operators.
const inc = (n: number) => getDb().command.inc(n);

/**
 * Leaving the current employer (离职, or the first half of a transfer): the open history entry is
 * closed with a snapshot of what was true then, the person keeps nothing of the enterprise, its
 * staffCount goes down, and a pending 信息变更 addressed to it is cancelled. `legacyOpen` are open
 * entries found by query for persons written before `employmentId` existed.
 */
export async function leaveWrites(tx: Transaction, person: LifecyclePerson, o: { reason: string; now: Date; legacyOpen?: EmploymentDoc[] }) {
  const enterpriseId = person.enterpriseId;
  if (!enterpriseId || person.status !== 'active') throw new AppError('NOT_IN_SCOPE', '该人员不是在职人员');
  const closing = { to: o.now, leftReason: o.reason, ...snapshotOf(person) };
  const open = new Set<string>([...(person.employmentId ? [person.employmentId] : []), ...(o.legacyOpen ?? []).filter((e) => e.enterpriseId === enterpriseId && !e.to).map((e) => e._id)]);
  for (const id of open) await tx.collection(C.employments).doc(id).update({ data: closing });
  await tx.collection(C.enterprises).doc(enterpriseId).update({ data: { staffCount: inc(-1) } });
  const place = placeOfPerson(person);
  if (place) moveAfterCommit(tx, getDb(), [{ place, at: o.now, inc: { persons: -1, leavers: 1 } }]);
  const info = await pendingRequestOf(tx, person._id, 'infoChange');
  if (info) await settleRequest(tx, info, { status: 'cancelled', at: o.now, reason: '人员已离开该企业' });
  return {
    ...NO_ENTERPRISE_FIELDS,
    status: 'left' as const,
    employmentId: null,
    pendingPostCategory: null,
    updatedAt: o.now,
  };
}

/**
 * Approves a pending registration / change-of-employer request the person filed: the person joins
 * (leaving its current employer first). Refuses a request the person did not file itself.
 */
export async function approveEmploymentRequest(
  tx: Transaction,
  r: RequestDoc,
  o: { enterprise: EnterpriseDoc; now: Date; by: string; byName: string; reason?: string; department?: { _id: string; name: string } | null; legacyOpen?: EmploymentDoc[] },
): Promise<{ request: RequestDoc; person: LifecyclePerson }> {
  if (r.source === 'import') throw new AppError('FORBIDDEN', '该申请不是本人提出的，不能通过；请驳回，由本人在小程序中申请');
  const person = await txGet<LifecyclePerson>(tx, C.persons, r.personId);
  if (!person) throw new AppError('PERSON_NOT_FOUND');
  let patch: Record<string, unknown> = {};
  if (!(person.status === 'active' && person.enterpriseId === r.enterpriseId)) {
    if (r.type === 'registration' && person.status === 'active' && person.enterpriseId) {
      throw new AppError('PERSON_EMPLOYED_ELSEWHERE', '该人员已在其他企业任职，请驳回此申请；如需加入本企业，请本人申请更换企业');
    }
    const leaving = person.status === 'active' && person.enterpriseId ? await leaveWrites(tx, person, { reason: `更换企业至${o.enterprise.name}`, now: o.now, legacyOpen: o.legacyOpen }) : {};
    const joined = await joinWrites(tx, person, {
      enterprise: o.enterprise,
      source: r.type === 'registration' ? 'selfRegistration' : 'transfer',
      now: o.now,
      department: o.department,
    });
    patch = { ...leaving, ...joined };
    await tx.collection(C.persons).doc(person._id).update({ data: patch });
  }
  const request = await settleRequest(tx, r, { status: 'approved', at: o.now, by: o.by, byName: o.byName, reason: o.reason });
  return { request, person: { ...person, ...patch } as LifecyclePerson };
}

/**
 * Recomputes an enterprise's staffCount from the records (active persons): every path that cannot
 * change it in the same transaction as the persons (a chunked import) ends with this, so a crash
 * between the two is repaired by the next run.
 */
export async function recountStaff(db: Database, enterpriseId: string): Promise<number> {
  const n = (await db.collection(C.persons).where({ enterpriseId, status: 'active' }).count()).total;
  await db.collection(C.enterprises).doc(enterpriseId).update({ data: { staffCount: n } });
  return n;
}
