import { isoWeekKey, shanghai } from '../calendar';
import { regionLevelOf, regionPath, type RegionLevel } from '../regions';
import type { IndustryCode } from '../taxonomy';

/**
 * Oversight rollup keys and counters (docs/oversight-design.md): pure, so the writers (events,
 * reconciliation) and the readers (dashboard, reports) agree on every `_id`.
 */

export const OV_TIERS = ['enterprise', 'county', 'city', 'province'] as const;
export type OvTier = (typeof OV_TIERS)[number];

export const OV_COUNTERS = [
  'enterprises',
  'persons',
  'joined',
  'leavers',
  'learners',
  'completions',
  'onlineSeconds',
  'points',
  ...OV_TIERS.flatMap((t) => [`examTakers_${t}`, `examPassed_${t}`, `examFailed_${t}`] as const),
] as const;
export type OvCounter = (typeof OV_COUNTERS)[number];
export type OvCounters = Partial<Record<OvCounter, number>>;

/** Counters of the course nodes (`rc`, `ec`). */
export const OV_COURSE_COUNTERS = ['learners', 'completions'] as const;

export type OvLevel = 'enterprise' | RegionLevel;

/** Where an event is attributed: the enterprise, its most specific region (town or county), its industry. */
export interface OvPlace {
  enterpriseId: string;
  enterpriseName?: string;
  regionCode: string;
  /** Absent for an old learner document: the region × industry nodes are then skipped (the nightly repairs them). */
  industry?: IndustryCode | string | null;
}

/** Noon of a Shanghai day ('2026-12-02'), as an instant inside it. */
export const dayInstant = (day: string): Date => new Date(`${day}T12:00:00+08:00`);

export const shanghaiMonth = (at: Date | number | string): string => shanghai(at).format('YYYY-MM');
export const weekPeriod = (weekKey: string): string => `w${weekKey}`;
export const monthPeriod = (monthKey: string): string => `m${monthKey}`;
/** The periods an event at `at` belongs to: all-time, its ISO week, its month (Asia/Shanghai). */
export const periodsOf = (at: Date | number | string): string[] => ['all', weekPeriod(isoWeekKey(at)), monthPeriod(shanghaiMonth(at))];

export const entNode = (enterpriseId: string): string => `e:${enterpriseId}`;
export const regionNode = (code: string): string => `r:${code}`;
export const regionIndustryNode = (code: string, industry: string): string => `ri:${code}:${industry}`;
export const regionCourseNode = (code: string, courseId: string): string => `rc:${code}:${courseId}`;
export const entCourseNode = (enterpriseId: string, courseId: string): string => `ec:${enterpriseId}:${courseId}`;
export const ovId = (node: string, period: string): string => `ov:${node}:${period}`;

/** The `parent` a children query uses: regions and enterprises under `r:<code>`, industries under `ind:<code>`, courses under `crs:…`. */
export const childrenParent = (code: string): string => `r:${code}`;
export const industriesParent = (code: string): string => `ind:${code}`;
export const regionCoursesParent = (code: string): string => `crs:${code}`;
export const entCoursesParent = (enterpriseId: string): string => `crs:e:${enterpriseId}`;

/** The static fields of a rollup document (written when it is created, and by the reconciliation). */
export interface OvMeta {
  kind: 'ov';
  node: string;
  period: string;
  parent: string;
  level: OvLevel;
  regionCode?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  industry?: string;
  courseId?: string;
}

export const parentRegion = (code: string): string => {
  const p = regionPath(code);
  return p.length > 1 ? p[p.length - 2] : '';
};

/** Every node an event at `place` belongs to, with its static fields (9 for a town enterprise: e, 4 r, 4 ri). */
export function placeNodes(place: OvPlace): NodeMeta[] {
  const path = regionPath(place.regionCode);
  const out: NodeMeta[] = [
    {
      node: entNode(place.enterpriseId),
      parent: childrenParent(place.regionCode),
      level: 'enterprise',
      regionCode: place.regionCode,
      enterpriseId: place.enterpriseId,
      ...(place.enterpriseName ? { enterpriseName: place.enterpriseName } : {}),
      ...(place.industry ? { industry: place.industry } : {}),
    },
  ];
  for (const code of path) {
    const level = regionLevelOf(code) as RegionLevel;
    out.push({ node: regionNode(code), parent: childrenParent(parentRegion(code)), level, regionCode: code });
    if (place.industry) out.push({ node: regionIndustryNode(code, place.industry), parent: industriesParent(code), level, regionCode: code, industry: place.industry });
  }
  return out;
}

/** The course nodes of an event at `place` for one course (all-time only). */
export function courseNodes(place: Pick<OvPlace, 'enterpriseId' | 'regionCode'>, course: { courseId: string; title?: string; category?: string }): NodeMeta[] {
  const extra = { courseId: course.courseId, ...(course.title ? { title: course.title } : {}), ...(course.category ? { category: course.category } : {}) };
  return [
    { node: entCourseNode(place.enterpriseId, course.courseId), parent: entCoursesParent(place.enterpriseId), level: 'enterprise' as const, enterpriseId: place.enterpriseId, ...extra },
    ...regionPath(place.regionCode).map((code) => ({ node: regionCourseNode(code, course.courseId), parent: regionCoursesParent(code), level: regionLevelOf(code) as RegionLevel, regionCode: code, ...extra })),
  ];
}

export type NodeMeta = Omit<OvMeta, 'kind' | 'period'> & { title?: string; category?: string };

/** One increment: these counters on every node of a place (or the given nodes), in the given periods. */
export interface OvMove {
  place?: OvPlace;
  nodes?: NodeMeta[];
  at: Date | number;
  inc: Partial<Record<string, number>>;
  /** Periods to touch (default: all three of `at`); e.g. the learners counter of a new week only. */
  periods?: string[];
}

/** The documents (id → meta + counter deltas) a batch of moves touches, merged (pure). */
export interface PlannedDoc {
  meta: OvMeta & { title?: string; category?: string };
  inc: Record<string, number>;
}

export function planMoves(moves: OvMove[]): Map<string, PlannedDoc> {
  const out = new Map<string, PlannedDoc>();
  for (const m of moves) {
    const fields = Object.entries(m.inc).filter(([, v]) => v);
    if (!fields.length) continue;
    for (const period of m.periods ?? periodsOf(m.at)) {
      for (const n of m.nodes ?? (m.place ? placeNodes(m.place) : [])) {
        const id = ovId(n.node, period);
        const e = out.get(id) ?? { meta: { kind: 'ov' as const, period, ...n }, inc: {} };
        for (const [k, v] of fields) e.inc[k] = (e.inc[k] ?? 0) + (v as number);
        out.set(id, e);
      }
    }
  }
  for (const [id, e] of out) if (Object.values(e.inc).every((v) => v === 0)) out.delete(id);
  return out;
}

/** Rates as shown (0 when the denominator is 0), rounded to 4 decimals. */
export const rate = (num: number, den: number): number => (den > 0 ? Math.round((num / den) * 10000) / 10000 : 0);

/** The last `n` ISO week keys up to and including the week of `at`, oldest first. */
export function lastWeeks(at: Date | number, n: number): string[] {
  const out: string[] = [];
  const t = new Date(at).getTime();
  for (let i = n - 1; i >= 0; i--) out.push(isoWeekKey(t - i * 7 * 86400_000));
  return out;
}

/** Totals of the exam counters over tiers. */
export function examTotals(c: OvCounters): { takers: number; passed: number; failed: number } {
  let takers = 0;
  let passed = 0;
  let failed = 0;
  for (const t of OV_TIERS) {
    takers += c[`examTakers_${t}`] ?? 0;
    passed += c[`examPassed_${t}`] ?? 0;
    failed += c[`examFailed_${t}`] ?? 0;
  }
  return { takers, passed, failed };
}

/** Whether an exam outcome counts as a taker / as passed / as failed (作弊 is a fail in 附件3). */
const TAKEN = new Set(['passed', 'failed', 'cheating']);
/**
 * The counter deltas of one person's outcome of one formal exam moving from `before` to `after`
 * (null: not counted yet): a first grading adds a taker and a pass or a fail; a retake that passes
 * turns a fail into a pass.
 */
export function examOutcomeInc(tier: OvTier, before: string | null | undefined, after: string | null | undefined): Record<string, number> {
  const g = (o: string | null | undefined) => (o && TAKEN.has(o) ? 1 : 0);
  const p = (o: string | null | undefined) => (o === 'passed' ? 1 : 0);
  const f = (o: string | null | undefined) => (o === 'failed' || o === 'cheating' ? 1 : 0);
  return { [`examTakers_${tier}`]: g(after) - g(before), [`examPassed_${tier}`]: p(after) - p(before), [`examFailed_${tier}`]: f(after) - f(before) };
}

/** The exam counter fields (reconciled on all-time documents only: period documents keep the timer's net moves). */
export const OV_EXAM_COUNTERS: readonly string[] = OV_TIERS.flatMap((t) => [`examTakers_${t}`, `examPassed_${t}`, `examFailed_${t}`]);
