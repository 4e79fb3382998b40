import type { Certificate, PersonSelf, PersonStatus, StaffRow } from '../../shared/contracts/people';
import { birthDateOfIdNumber, genderOfIdNumber, maskIdNumber } from '../../shared/idNumber';
import type { RegionFields } from '../../shared/regions';
import type { EmploymentTypeCode, IndustryCode, KeyAreaCode, PostCategoryCode, ScaleCode, SupervisionTypeCode } from '../../shared/taxonomy';
import { encrypt, keyedHash } from './crypto';
import { C, getDb } from './db';

/**
 * A person: one per resident ID number for life (deterministic `_id` from the keyed hash), across
 * employers. It carries its current enterprise's targeting attributes (denormalized) so that push
 * rules and counts are plain indexed queries over persons.
 */
export interface PersonDoc extends Partial<RegionFields> {
  _id: string;
  idHash: string;
  idCipher: string;
  idMasked: string;
  gender: 'male' | 'female';
  birthDate: string;
  name: string;
  phone?: string;
  status: PersonStatus;
  enterpriseId: string | null;
  enterpriseName: string | null;
  departmentId: string | null;
  departmentName?: string | null;
  industry?: IndustryCode;
  supervisionType?: SupervisionTypeCode;
  keyAreas?: KeyAreaCode[];
  scale?: ScaleCode;
  postCategory: PostCategoryCode;
  employmentType: EmploymentTypeCode;
  certificates: Certificate[];
  passwordHash: string;
  mustChangePassword: boolean;
  openid: string | null;
  consent?: { version: string; at: Date };
  /** When the person joined the current employer (the staff list's newest-first order). */
  joinedAt?: Date | null;
  /** The open employment entry (every join since issue 7 sets it; older documents lack it). */
  employmentId?: string | null;
  /** A post category asked for in a pending 信息变更, until the enterprise admin decides. */
  pendingPostCategory?: PostCategoryCode | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Identity fields derived from a (validated, normalized) ID number: the keyed hash is the lookup
 * key and the source of the deterministic `_id`; the number itself is kept only encrypted, shown masked.
 */
export function personIdentity(idNumber: string) {
  const idHash = keyedHash(idNumber);
  return {
    _id: personIdOf(idNumber),
    idHash,
    idCipher: encrypt(idNumber),
    idMasked: maskIdNumber(idNumber),
    gender: genderOfIdNumber(idNumber),
    birthDate: birthDateOfIdNumber(idNumber),
  };
}

export const personIdOf = (idNumber: string): string => `p${keyedHash(idNumber).slice(0, 31)}`;

export async function personByOpenId(openid: string): Promise<PersonDoc | null> {
  const res = await getDb().collection(C.persons).where({ openid }).limit(1).get<PersonDoc>();
  return res.data[0] ?? null;
}

/** Where the router puts the companion in the aggregate's answer (never a field of a person). */
const COMPANION_AS = '_companion';

/** Where a `byInput` companion's key rides in the aggregate (removed before the person is answered). */
const COMPANION_KEY = '_companionKey';
/** Longest input value used as a companion key (ids are ≤ 200 characters; anything else yields nothing). */
const MAX_KEY = 200;

/**
 * The person bound to `openid` and its companion document (CompanionDecl), in one round trip: an
 * aggregate over persons (index `openid`), limited to one, then an equality `$lookup` — on the
 * person's `_id` (`foreignField`, indexed there), or on the input's id (`byInput`: the key is added
 * to the person's row as a literal, looked up by `_id`, and kept only when its `ownerField` is the
 * person's `_id`). The person is the same document `personByOpenId` answers.
 */
export async function personWithCompanion(
  openid: string,
  companion: { collection: string; foreignField: string } | { collection: string; byInput: string; ownerField?: string },
  input: Record<string, unknown> = {},
): Promise<{ person: PersonDoc | null; companion: Record<string, unknown> | null }> {
  const db = getDb();
  const $ = db.command.aggregate;
  let q = db.collection(C.persons).aggregate().match({ openid }).limit(1);
  if ('foreignField' in companion) q = q.lookup({ from: companion.collection, localField: '_id', foreignField: companion.foreignField, as: COMPANION_AS });
  else {
    const raw = input[companion.byInput];
    const key = typeof raw === 'string' && raw.length > 0 && raw.length <= MAX_KEY ? raw : null;
    q = q.addFields({ [COMPANION_KEY]: $.literal(key) }).lookup({ from: companion.collection, localField: COMPANION_KEY, foreignField: '_id', as: COMPANION_AS });
    if (companion.ownerField) q = q.addFields({ [COMPANION_AS]: $.filter({ input: `$${COMPANION_AS}`, as: 'c', cond: $.eq([`$$c.${companion.ownerField}`, '$_id']) }) });
    q = q.project({ [COMPANION_KEY]: 0 });
  }
  const res = await q.end<PersonDoc & { [COMPANION_AS]?: Record<string, unknown>[] }>();
  const row = res.list[0];
  if (!row) return { person: null, companion: null };
  const { [COMPANION_AS]: found, ...person } = row;
  return { person: person as PersonDoc, companion: found?.[0] ?? null };
}

export function personSelf(p: PersonDoc): PersonSelf {
  return {
    _id: p._id,
    name: p.name,
    idMasked: p.idMasked,
    gender: p.gender,
    ...(p.phone ? { phone: p.phone } : {}),
    status: p.status,
    enterpriseId: p.enterpriseId,
    enterpriseName: p.enterpriseName,
    departmentName: p.departmentName ?? null,
    postCategory: p.postCategory,
    employmentType: p.employmentType,
    certificates: p.certificates ?? [],
    mustChangePassword: !!p.mustChangePassword,
    pendingPostCategory: p.pendingPostCategory ?? null,
  };
}

export function staffRow(p: PersonDoc): StaffRow {
  return {
    _id: p._id,
    name: p.name,
    idMasked: p.idMasked,
    gender: p.gender,
    ...(p.phone ? { phone: p.phone } : {}),
    departmentId: p.departmentId ?? null,
    departmentName: p.departmentName ?? null,
    postCategory: p.postCategory,
    employmentType: p.employmentType,
    certificates: p.certificates ?? [],
    status: p.status,
    bound: !!p.openid,
    updatedAt: new Date(p.updatedAt).toISOString(),
    ...(p.joinedAt ? { joinedAt: new Date(p.joinedAt).toISOString() } : {}),
  };
}
