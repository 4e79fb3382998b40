import { randomBytes } from 'crypto';
import type { z } from 'zod';
import type { CourseDetail, MaterialView, materialInput } from '../../shared/contracts/courses';
import { ANY, scopePushRule, type PushRule, type Publisher } from '../../shared/learning/pushRule';
import { regionContains, regionPath } from '../../shared/regions';
import { sanitizeArticleHtml } from '../../shared/sanitizeHtml';
import { INDUSTRY_CODES } from '../../shared/taxonomy';
import { FILE_EXTS } from '../../shared/uploads';
import type { Ctx } from '../common/action';
import { C } from '../common/db';
import { enterpriseInScope, type EnterpriseDoc } from '../common/enterprises';
import { AppError } from '../common/errors';
import type { Principal } from '../common/principal';
import { ownUpload } from '../common/uploads';
import { loadCourse, type CourseDoc } from './courseDoc';

/**
 * Course management helpers: who publishes, who may manage which course, the push rule narrowed to
 * the publisher's scope, and materials checked (own uploads only, article html sanitized).
 */

/** Course documents as managed here (the stored shape, courseDoc.ts). */
export type ManagedCourseDoc = CourseDoc;

type AccountPrincipal = Extract<Principal, { kind: 'account' }>;

export function accountOf(p: Principal): AccountPrincipal {
  if (p.kind !== 'account') throw new AppError('FORBIDDEN');
  return p;
}

export function publisherOf(p: AccountPrincipal): Publisher {
  if (p.role === 'regulator') {
    if (!p.regionCode) throw new AppError('FORBIDDEN');
    return { role: 'regulator', regionCode: p.regionCode, industries: p.industries ?? null };
  }
  if (p.role === 'enterpriseAdmin') {
    if (!p.enterpriseId) throw new AppError('FORBIDDEN');
    return { role: 'enterpriseAdmin', enterpriseId: p.enterpriseId };
  }
  return { role: 'sysadmin' };
}

/** The stored publisher block of a new course. */
export function publisherBlock(ctx: Ctx): { publisher: CourseDetail['publisher']; publisherRegions: string[] } {
  const p = accountOf(ctx.principal);
  const name = ctx.account?.displayName ?? '';
  const regionCode = p.role === 'sysadmin' ? undefined : p.regionCode;
  return {
    publisher: {
      role: p.role as CourseDetail['publisher']['role'],
      accountId: p.accountId,
      name: p.role === 'enterpriseAdmin' ? (ctx.account?.enterpriseName ?? name) : name,
      ...(regionCode ? { regionCode } : {}),
      ...(p.enterpriseId ? { enterpriseId: p.enterpriseId } : {}),
    },
    publisherRegions: regionCode ? regionPath(regionCode) : [],
  };
}

/** Industries a limited regulator may NOT target (and the wildcard, which would reach them). */
export const industriesOutside = (limit: readonly string[]): string[] => [ANY, ...INDUSTRY_CODES.filter((c) => !limit.includes(c))];

/**
 * Whether the caller manages the course: the sysadmin every course; an enterprise admin its
 * enterprise's; a regulator those regulators of its subtree published, and — if its account is
 * limited to industries — only courses whose rule stays inside them.
 */
export function canManage(p: Principal, c: ManagedCourseDoc): boolean {
  if (p.kind !== 'account') return false;
  if (p.role === 'sysadmin') return true;
  if (p.role === 'enterpriseAdmin') return !!p.enterpriseId && c.publisher.role === 'enterpriseAdmin' && c.publisher.enterpriseId === p.enterpriseId;
  if (p.role !== 'regulator' || !p.regionCode) return false;
  if (c.publisher.role !== 'regulator' || !c.publisher.regionCode || !regionContains(p.regionCode, c.publisher.regionCode)) return false;
  if (p.industries?.length) return c.pushRule.industries.length > 0 && c.pushRule.industries.every((i) => p.industries!.includes(i));
  return true;
}

/** List conditions matching canManage (indexed: publisherRegions / publisher.enterpriseId). */
export function manageConditions(ctx: Ctx): Record<string, unknown>[] {
  const p = accountOf(ctx.principal);
  const _ = ctx.db.command;
  if (p.role === 'sysadmin') return [];
  if (p.role === 'enterpriseAdmin') return [{ 'publisher.enterpriseId': p.enterpriseId, 'publisher.role': 'enterpriseAdmin' }];
  if (!p.regionCode) throw new AppError('FORBIDDEN');
  const conds: Record<string, unknown>[] = [{ publisherRegions: p.regionCode, 'publisher.role': 'regulator' }];
  if (p.industries?.length) conds.push({ 'match.industry': _.nin(industriesOutside(p.industries)) });
  return conds;
}

export const courseNotFound = () => new AppError('NOT_FOUND', '课程不存在或无权访问');

/** The course, if the caller manages it; a foreign course answers exactly as a missing one. */
export async function loadManagedCourse(ctx: Ctx, courseId: string): Promise<ManagedCourseDoc> {
  const c = (await loadCourse(courseId)) as ManagedCourseDoc | null;
  if (!c || !canManage(ctx.principal, c)) throw courseNotFound();
  return c;
}

/**
 * The rule narrowed to the caller's scope (PUSH_RULE_OUT_OF_SCOPE when it reaches outside), with
 * any listed enterprises checked against their stored region / industry (one `in` query).
 */
export async function scopedRule(ctx: Ctx, rule: PushRule): Promise<PushRule> {
  const p = accountOf(ctx.principal);
  const r = scopePushRule(rule, publisherOf(p));
  if (!r.ok) throw new AppError('PUSH_RULE_OUT_OF_SCOPE', r.reason === 'enterpriseOutside' ? '只能向本企业员工推送课程' : undefined, { reason: r.reason });
  if (p.role !== 'enterpriseAdmin' && r.rule.enterpriseIds.length) {
    const _ = ctx.db.command;
    const res = await ctx.db
      .collection(C.enterprises)
      .where({ _id: _.in(r.rule.enterpriseIds) })
      .field({ _id: true, regionCode: true, industry: true })
      .limit(r.rule.enterpriseIds.length)
      .get<Pick<EnterpriseDoc, '_id' | 'regionCode' | 'industry'>>();
    const ok = new Set(res.data.filter((e) => enterpriseInScope(p, e)).map((e) => e._id));
    // A missing enterprise and one outside the caller's scope answer alike.
    if (r.rule.enterpriseIds.some((id) => !ok.has(id))) throw new AppError('PUSH_RULE_OUT_OF_SCOPE', '所选企业不存在或不在您的管辖范围内', { reason: 'enterpriseOutside' });
  }
  return r.rule;
}

const newMaterialId = () => `m${randomBytes(8).toString('hex').slice(0, 12)}`;
export const newCourseId = () => `crs${randomBytes(10).toString('hex')}`;

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
