import { createHash, randomBytes } from 'crypto';
import type { z } from 'zod';
import type { MaterialView, materialInput } from '../../shared/contracts/courses';
import { sanitizeArticleHtml } from '../../shared/sanitizeHtml';
import { FILE_EXTS } from '../../shared/uploads';
import type { Ctx } from '../common/action';
import { AppError } from '../common/errors';
import { ownUpload } from '../common/uploads';
import { loadCourse, type CourseDoc } from './courseDoc';
import { canManage } from '../common/publishing';

export { accountOf, canManage, industriesOutside, manageConditions, publisherBlock, publisherOf, scopedRule } from '../common/publishing';

/**
 * Course management helpers: who publishes, who may manage which course, the push rule narrowed to
 * the publisher's scope, and materials checked (own uploads only, article html sanitized).
 */

/** Course documents as managed here (the stored shape, courseDoc.ts). */
export type ManagedCourseDoc = CourseDoc;

export const courseNotFound = () => new AppError('NOT_FOUND', '课程不存在或无权访问');

/** The course, if the caller manages it; a foreign course answers exactly as a missing one. */
export async function loadManagedCourse(ctx: Ctx, courseId: string): Promise<ManagedCourseDoc> {
  const c = (await loadCourse(courseId)) as ManagedCourseDoc | null;
  if (!c || !canManage(ctx.principal, c)) throw courseNotFound();
  return c;
}

/** What every new draft starts with (first version or next one): no learners, ratings or publication yet. */
type FreshDraftFields = 'status' | 'learners' | 'completions' | 'ratingSum' | 'ratingCount' | 'rev' | 'createdAt' | 'updatedAt' | 'publishedAt';

/**
 * The stored document of a new draft course: `content` (title, materials, rule, publisher, lineage,
 * version, createdBy, previousId) plus the fresh counters and timestamps. Used by createCourse
 * (version 1) and newCourseVersion (version n + 1) so both start a draft the same way.
 */
export function buildDraftCourse(content: Omit<ManagedCourseDoc, FreshDraftFields>, now: Date): ManagedCourseDoc {
  return {
    ...content,
    status: 'draft',
    learners: 0,
    completions: 0,
    ratingSum: 0,
    ratingCount: 0,
    rev: 0,
    createdAt: now,
    updatedAt: now,
    publishedAt: null,
  };
}

const newMaterialId = () => `m${randomBytes(8).toString('hex').slice(0, 12)}`;
export const newCourseId = () => `crs${randomBytes(10).toString('hex')}`;
/** A create's id when the client sent a request id: the same account's retry lands on the same `_id`. */
export const requestedCourseId = (accountId: string, requestId: string) => `crs${createHash('sha256').update(`${accountId}\0${requestId}`).digest('hex').slice(0, 20)}`;

type MaterialIn = z.output<typeof materialInput>;

/** fileIDs and image sources already on the course: kept without a new ownership check (checked when they were added). */
function knownFiles(current: Pick<CourseDoc, 'materials' | 'coverFileID'> | null): Set<string> {
  const s = new Set<string>();
  if (!current) return s;
  if (current.coverFileID) s.add(current.coverFileID);
  for (const m of current.materials) {
    if (m.fileID) s.add(m.fileID);
    if (m.html) for (const f of sanitizeArticleHtml(m.html).imageFileIDs) s.add(f);
  }
  return s;
}

/** A fileID the course may reference: already on it, or the caller's own upload of the right type. */
function checkFile(ctx: Ctx, known: Set<string>, fileID: string, exts: readonly string[]): void {
  if (known.has(fileID)) return;
  ownUpload(ctx, fileID, exts);
}

export function checkCover(ctx: Ctx, cover: string | null | undefined, current: Pick<CourseDoc, 'materials' | 'coverFileID'> | null): void {
  if (cover) checkFile(ctx, knownFiles(current), cover, FILE_EXTS.image);
}

/** Materials as stored: ids kept (progress survives edits) or made, files checked, html sanitized. */
export function prepareMaterials(ctx: Ctx, input: MaterialIn[], current: Pick<CourseDoc, 'materials' | 'coverFileID'> | null): MaterialView[] {
  const known = knownFiles(current);
  const existing = new Set((current?.materials ?? []).map((m) => m._id));
  const used = new Set<string>();
  return input.map((m, i) => {
    let id = m._id && existing.has(m._id) ? m._id : newMaterialId();
    if (used.has(id)) throw new AppError('INVALID_INPUT', `第${i + 1}个资料与其他资料重复`);
    while (used.has(id)) id = newMaterialId();
    used.add(id);
    if (m.kind === 'video') {
      checkFile(ctx, known, m.fileID, FILE_EXTS.video);
      return { _id: id, kind: 'video', title: m.title, fileID: m.fileID, durationSeconds: m.durationSeconds, requiredSeconds: m.requiredSeconds };
    }
    if (m.kind === 'document') {
      checkFile(ctx, known, m.fileID, FILE_EXTS.document);
      return { _id: id, kind: 'document', title: m.title, fileID: m.fileID, pages: m.pages, requiredSeconds: m.requiredSeconds };
    }
    const s = sanitizeArticleHtml(m.html);
    if (s.textLength === 0 && s.imageFileIDs.length === 0) throw new AppError('INVALID_INPUT', `第${i + 1}个资料（图文）内容为空`);
    for (const f of s.imageFileIDs) checkFile(ctx, known, f, FILE_EXTS.image);
    return { _id: id, kind: 'article', title: m.title, html: s.html, requiredSeconds: m.requiredSeconds };
  });
}

/** Due date after the end of validity makes no sense. */
export function checkDates(dueDate: string | null | undefined, validUntil: string | null | undefined): void {
  if (dueDate && validUntil && dueDate > validUntil) throw new AppError('INVALID_INPUT', '完成期限不能晚于课程有效期');
}
