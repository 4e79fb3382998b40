import type { CompletionRow } from '../../shared/contracts/courses';
import { completionOf, ruleReachesEnterprise, type ProgressLike } from '../../shared/learning/courseCenter';
import type { PushRule } from '../../shared/learning/pushRule';
import type { CertificateTypeCode, PostCategoryCode } from '../../shared/taxonomy';
import type { Ctx } from '../common/action';
import { C, type Database } from '../common/db';
import { loadEnterpriseInScope, type EnterpriseDoc } from '../common/enterprises';
import { courseNotFound } from './courseAdmin';
import { loadCourse, type CourseDoc } from './courseDoc';

/**
 * The enterprise admin's view of a course: its current staff the rule reaches, each with the status
 * of its `progress:<personId>:<courseId>` document (written by the study side). Bounded by the
 * enterprise's staff, read in pages of 1,000 with projections — never by the province.
 */

export const PAGE = 1000;
/** `in` lists are cut to this many ids per query. */
export const IN_CHUNK = 500;

export const chunks = <T>(xs: readonly T[], n = IN_CHUNK): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

export const ownEnterprise = (ctx: Ctx): Promise<EnterpriseDoc> => loadEnterpriseInScope(ctx.principal);

/** A published (or since unpublished) course whose rule reaches the enterprise; anything else answers as missing. */
export async function reachingCourse(ent: EnterpriseDoc, courseId: string): Promise<CourseDoc> {
  const c = await loadCourse(courseId);
  if (!c || c.status === 'draft' || !ruleReachesEnterprise(c.pushRule, ent)) throw courseNotFound();
  return c;
}

export interface StaffLite {
  _id: string;
  name: string;
  idMasked: string;
  departmentId: string | null;
  departmentName?: string | null;
  postCategory: PostCategoryCode;
  certificates?: { type: CertificateTypeCode }[];
  openid?: string | null;
}

/** Reads every page of a query (ordered by _id, projected). */
export async function readAll<T>(db: Database, collection: string, where: unknown, field: Record<string, boolean>): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const res = await db.collection(collection).where(where).orderBy('_id', 'asc').skip(skip).limit(PAGE).field(field).get<T>();
    out.push(...res.data);
    if (res.data.length < PAGE) return out;
  }
}

/** The enterprise's active staff, projected to what completion lists need (one page per 1,000). */
export function activeStaff(db: Database, enterpriseId: string): Promise<StaffLite[]> {
  return readAll<StaffLite>(db, C.persons, { enterpriseId, status: 'active' }, {
    _id: true,
    name: true,
    idMasked: true,
    departmentId: true,
    departmentName: true,
    postCategory: true,
    certificates: true,
    openid: true,
  });
}

/** Those of the staff the rule's person dimensions (post category, certificates held) reach. */
export function reachedBy(rule: PushRule, staff: readonly StaffLite[]): StaffLite[] {
  return staff.filter(
    (s) =>
      (rule.postCategories.length === 0 || rule.postCategories.includes(s.postCategory)) &&
      (rule.certificates.length === 0 || (s.certificates ?? []).some((c) => rule.certificates.includes(c.type))),
  );
}

type ProgressDoc = ProgressLike & { _id: string; personId: string; completedAt?: Date | string | null };

/** Progress of these persons in the course, by its deterministic ids (whichever enterprise they studied at). */
export async function progressOf(db: Database, personIds: readonly string[], courseId: string): Promise<Map<string, ProgressDoc>> {
  const _ = db.command;
  const parts = await Promise.all(
    chunks(personIds).map((ids) =>
      db
        .collection(C.progress)
        .where({ _id: _.in(ids.map((p) => `progress:${p}:${courseId}`)) })
        .limit(ids.length)
        .field({ _id: true, personId: true, status: true, creditedSeconds: true, requiredSeconds: true, completedAt: true })
        .get<ProgressDoc>(),
    ),
  );
  return new Map(parts.flatMap((r) => r.data).map((p) => [p.personId, p]));
}

/** One row per reached employee (the enterprise's active staff, read once by the caller when several courses need it). */
export async function completionRows(db: Database, ent: EnterpriseDoc, course: CourseDoc, all?: readonly StaffLite[]): Promise<(CompletionRow & { openid?: string | null })[]> {
  const staff = reachedBy(course.pushRule, all ?? (await activeStaff(db, ent._id)));
  const progress = await progressOf(
    db,
    staff.map((s) => s._id),
    course._id,
  );
  return staff.map((s) => {
    const p = progress.get(s._id);
    const c = completionOf(p);
    return {
      personId: s._id,
      name: s.name,
      idMasked: s.idMasked,
      departmentId: s.departmentId ?? null,
      departmentName: s.departmentName ?? null,
      postCategory: s.postCategory,
      status: c.status,
      progress: c.progress,
      creditedSeconds: c.creditedSeconds,
      completedAt: c.status === 'done' && p?.completedAt ? new Date(p.completedAt).toISOString() : null,
      openid: s.openid ?? null,
    };
  });
}
