import type { CompletionStatus } from '../contracts/courses';
import type { IndustryCode, KeyAreaCode, ScaleCode, SupervisionTypeCode } from '../taxonomy';
import { matchesPushRule, type PushRule } from './pushRule';

/**
 * Pure pieces of the enterprise admin's 课程中心: which courses reach an enterprise at all, each
 * employee's completion status from a `progress` document, and per-department totals.
 */

export interface EnterpriseTarget {
  _id: string;
  regionCode: string;
  industry?: IndustryCode | null;
  supervisionType?: SupervisionTypeCode | null;
  keyAreas?: readonly KeyAreaCode[] | null;
  scale?: ScaleCode | null;
}

/**
 * True when the rule can reach someone in the enterprise: every enterprise-level dimension matches;
 * the persons' own dimensions (post category, certificates) are decided per employee.
 */
export function ruleReachesEnterprise(rule: PushRule, e: EnterpriseTarget): boolean {
  return matchesPushRule(
    { ...rule, postCategories: [], certificates: [] },
    { enterpriseId: e._id, regionCode: e.regionCode, industry: e.industry ?? null, supervisionType: e.supervisionType ?? null, keyAreas: e.keyAreas ?? [], scale: e.scale ?? null, postCategory: 'otherWorker', certificates: [] },
  );
}

export interface ProgressLike {
  status?: string | null;
  creditedSeconds?: number | null;
  requiredSeconds?: number | null;
}

/** No progress document (or one without credit) is "not started"; a finished course is "done" whatever the numbers say. */
export function completionOf(p: ProgressLike | null | undefined): { status: CompletionStatus; progress: number; creditedSeconds: number } {
  if (!p) return { status: 'notStarted', progress: 0, creditedSeconds: 0 };
  const credited = Math.max(0, p.creditedSeconds ?? 0);
  if (p.status === 'done') return { status: 'done', progress: 1, creditedSeconds: credited };
  const required = Math.max(0, p.requiredSeconds ?? 0);
  const progress = required > 0 ? Math.min(0.999, Math.floor((credited / required) * 1000) / 1000) : 0;
  return { status: credited > 0 || p.status === 'inProgress' ? 'inProgress' : 'notStarted', progress, creditedSeconds: credited };
}

export interface DepartmentTotal {
  departmentId: string | null;
  name: string;
  done: number;
  inProgress: number;
  notStarted: number;
}

/** Totals per department, in order of first appearance after sorting by name; people without a department last (未分配部门). */
export function departmentTotals(rows: readonly { departmentId: string | null; departmentName: string | null; status: CompletionStatus }[]): DepartmentTotal[] {
  const by = new Map<string | null, DepartmentTotal>();
  for (const r of rows) {
    const key = r.departmentId ?? null;
    let t = by.get(key);
    if (!t) by.set(key, (t = { departmentId: key, name: key ? (r.departmentName ?? '') : '未分配部门', done: 0, inProgress: 0, notStarted: 0 }));
    t[r.status]++;
  }
  return [...by.values()].sort((a, b) => (a.departmentId === null ? 1 : b.departmentId === null ? -1 : a.name.localeCompare(b.name, 'zh-Hans-CN')));
}

/** A learner's name as publishers see it: 张*明, 张*, or * for a one-character name. */
export function maskPersonName(name: string): string {
  const chars = [...(name ?? '').trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
