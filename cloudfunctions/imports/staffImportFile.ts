import { createHash } from 'crypto';
import type { Certificate } from '../../shared/contracts/people';
import { parseStaffFile, type StaffImportRow } from '../../shared/staffImport';
import type { Ctx } from '../common/action';
import { C, type Doc } from '../common/db';
import { ownEnterpriseId as ownEnterpriseOf } from '../common/enterprises';
import { AppError } from '../common/errors';
import { personIdOf, type PersonDoc } from '../common/persons';
import { downloadFile } from '../common/storage';
import { ownUpload } from '../common/uploads';

/** The importing enterprise: always the caller's own (an enterprise admin cannot import elsewhere). */
export const ownEnterpriseId = (ctx: Ctx): string => ownEnterpriseOf(ctx.principal);


export interface LoadedFile {
  /** sha256 of the file's bytes: the same file uploaded twice has the same hash (idempotency key). */
  hash: string;
  total: number;
  rows: StaffImportRow[];
  problems: { row: number; column: string; reason: string }[];
}

/** Downloads the file from storage, then validates it against the enterprise's departments. */
export async function loadStaffFile(ctx: Ctx, fileID: string, enterpriseId: string): Promise<LoadedFile> {
  // Only a file this very caller uploaded with a ticket (its path names the caller): never another
  // admin's upload, nor anything else in the bucket.
  const upload = ownUpload(ctx, fileID);
  const [buf, depts] = await Promise.all([
    downloadFile(fileID),
    ctx.db.collection(C.departments).where({ enterpriseId }).field({ name: true }).limit(1000).get<{ _id: string; name: string }>(),
  ]);
  // Storage does not hold a form to the size declared for its ticket; the reader does.
  if (buf.length > upload.declaredBytes) throw new AppError('FILE_TOO_LARGE', '文件大小超过申请上传时声明的大小，请重新上传');
  // Maps, not objects: department names come from users and may be "__proto__".
  const departments = new Map<string, string>();
  for (const d of depts.data) if (typeof d.name === 'string' && !departments.has(d.name.trim())) departments.set(d.name.trim(), d._id);
  const r = parseStaffFile(buf, { departments, today: ctx.now() });
  if (!r.ok) throw new AppError(r.code, r.reason, { problems: [] });
  return { hash: createHash('sha256').update(buf).digest('hex'), total: r.total, rows: r.rows, problems: r.problems };
}

export type Kind = 'create' | 'update' | 'unchanged' | 'elsewhere';

export interface Classified {
  row: StaffImportRow;
  personId: string;
  kind: Kind;
  existing: PersonDoc | null;
}

const EXISTING_FIELDS = {
  _id: true,
  name: true,
  phone: true,
  status: true,
  enterpriseId: true,
  enterpriseName: true,
  departmentId: true,
  departmentName: true,
  postCategory: true,
  employmentType: true,
  certificates: true,
  idMasked: true,
  gender: true,
  employmentId: true,
} as const;

export const IN_BATCH = 500;

const certKey = (cs: Certificate[] | undefined) =>
  JSON.stringify((cs ?? []).map((c) => [c.type, c.number, c.issuedOn ?? null, c.expiresOn ?? null]).sort());

/**
 * Blank optional cells keep what the person has (a file without departments must not wipe the
 * departments set in the console); filled cells replace it.
 */
export function changesFor(row: StaffImportRow, p: PersonDoc): Record<string, unknown> {
  const ch: Record<string, unknown> = {};
  if (row.name !== p.name) ch.name = row.name;
  if (row.phone && row.phone !== p.phone) ch.phone = row.phone;
  if (row.departmentId && row.departmentId !== p.departmentId) {
    ch.departmentId = row.departmentId;
    ch.departmentName = row.departmentName;
  }
  if (row.postCategory !== p.postCategory) ch.postCategory = row.postCategory;
  if (row.employmentType !== p.employmentType) ch.employmentType = row.employmentType;
  if (row.certificates.length && certKey(row.certificates) !== certKey(p.certificates)) ch.certificates = row.certificates;
  return ch;
}

/**
 * One `in` query per ≤ 500 ID numbers: who is new (create), who is already staff here (update /
 * unchanged), and who is registered but not staff here (elsewhere: employed elsewhere, left, or a
 * pending registration). An import never moves, renames or claims the last kind: only the person can
 * ask to join, in the mini-program.
 */
export async function classify(ctx: Ctx, rows: StaffImportRow[], enterpriseId: string): Promise<Classified[]> {
  const _ = ctx.db.command;
  const ids = rows.map((r) => personIdOf(r.idNumber));
  const found = new Map<string, PersonDoc>();
  const batches: Promise<{ data: PersonDoc[] }>[] = [];
  for (let i = 0; i < ids.length; i += IN_BATCH) {
    const part = ids.slice(i, i + IN_BATCH);
    batches.push(ctx.db.collection(C.persons).where({ _id: _.in(part) }).field(EXISTING_FIELDS).limit(part.length).get<PersonDoc>());
  }
  for (const b of await Promise.all(batches)) for (const p of b.data) found.set(p._id, p);
  return rows.map((row, i) => {
    const personId = ids[i];
    const p = found.get(personId) ?? null;
    if (!p) return { row, personId, kind: 'create', existing: null };
    if (!(p.enterpriseId === enterpriseId && p.status === 'active')) return { row, personId, kind: 'elsewhere', existing: p };
    return { row, personId, kind: Object.keys(changesFor(row, p)).length > 0 ? 'update' : 'unchanged', existing: p };
  });
}

/** Deterministic ids: re-running a chunk or the same file finds what it wrote before. */
export const derivedId = (prefix: string, ...parts: string[]) => prefix + createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 30);

export type { Doc };
