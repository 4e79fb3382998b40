/**
 * Per-exam rollups (`stats` documents written by the exam timer, docs/exam-design.md "Rollups").
 * A targeted person contributes once per exam — its outcome over all its attempts — to the
 * documents of its exam, enterprise, every region of its path and its industry. The timer stores
 * each person's last contribution and moves the documents by the difference, so a changed outcome
 * (a retake passed, a 作弊 mark, an appeal's rescoring) moves counters, never counts a person twice.
 */
import { regionPath } from '../regions';
import { bestAttempt, personOutcome, type AttemptState, type PersonOutcome } from './attemptState';

export const EXAM_ROLLUP_DIMS = ['all', 'ent', 'region', 'ind'] as const;
export type ExamRollupDim = (typeof EXAM_ROLLUP_DIMS)[number];

/** `exam:<examId>:all`, `exam:<examId>:ent:<enterpriseId>`, `exam:<examId>:region:<code>`, `exam:<examId>:ind:<industry>`. */
export const examRollupId = (examId: string, dim: ExamRollupDim, key?: string): string => (dim === 'all' ? `exam:${examId}:all` : `exam:${examId}:${dim}:${key}`);

/** Counter fields of a rollup document (absent = 0). `scoreSum`: the best clean scores of the graded (rounded to hundredths on every move: sums never drift). */
export const EXAM_ROLLUP_COUNTERS = ['targeted', 'started', 'graded', 'passed', 'failed', 'absent', 'cheating', 'scoreSum'] as const;
export type ExamRollupCounter = (typeof EXAM_ROLLUP_COUNTERS)[number];
export type ExamRollupCounts = Record<ExamRollupCounter, number>;
export const zeroCounts = (): ExamRollupCounts => Object.fromEntries(EXAM_ROLLUP_COUNTERS.map((c) => [c, 0])) as ExamRollupCounts;

/** Where a person counts: taken from its first attempt (enterprise and region at the time it started). */
export interface RollupPlace {
  enterpriseId: string | null;
  countyCode: string | null;
  townCode?: string | null;
  industry: string | null;
}

/** The documents a person counts in (its exam, enterprise, every region of its path, industry). */
export function rollupIdsOf(examId: string, p: RollupPlace): string[] {
  const ids = [examRollupId(examId, 'all')];
  if (p.enterpriseId) ids.push(examRollupId(examId, 'ent', p.enterpriseId));
  const leaf = p.townCode ?? p.countyCode;
  if (leaf) for (const code of regionPath(leaf)) ids.push(examRollupId(examId, 'region', code));
  if (p.industry) ids.push(examRollupId(examId, 'ind', p.industry));
  return ids;
}

/** A person's contribution: the documents it counts in and what it adds there. */
export interface Contribution {
  ids: string[];
  outcome: PersonOutcome;
  counts: Partial<ExamRollupCounts>;
}

/** The person's contribution from its attempts (none: null — it counts as targeted only, set at close). */
export function contributionOf(examId: string, place: RollupPlace, attempts: readonly AttemptState[], now: number): Contribution | null {
  if (!attempts.length) return null;
  // The window's close does not matter once there is an attempt (缺考 needs none).
  const outcome = personOutcome({ closesAt: Number.MAX_SAFE_INTEGER }, attempts, now);
  const counts: Partial<ExamRollupCounts> = { started: 1 };
  if (outcome === 'passed' || outcome === 'failed' || outcome === 'cheating') {
    counts.graded = 1;
    counts[outcome] = 1;
    const best = outcome === 'cheating' ? null : bestAttempt(attempts);
    if (best?.result) counts.scoreSum = best.result.score;
  }
  return { ids: rollupIdsOf(examId, place), outcome, counts };
}

/** What moving a person from `before` to `after` changes, per document (zero differences left out). */
export function contributionDelta(before: Contribution | null, after: Contribution | null): Map<string, Partial<ExamRollupCounts>> {
  const out = new Map<string, Partial<ExamRollupCounts>>();
  const add = (c: Contribution | null, sign: 1 | -1) => {
    if (!c) return;
    for (const id of c.ids) {
      const d = out.get(id) ?? {};
      for (const [k, v] of Object.entries(c.counts) as [ExamRollupCounter, number][]) d[k] = Math.round(((d[k] ?? 0) + sign * v) * 100) / 100;
      out.set(id, d);
    }
  };
  add(before, -1);
  add(after, 1);
  for (const [id, d] of [...out]) {
    for (const k of Object.keys(d) as ExamRollupCounter[]) if (d[k] === 0) delete d[k];
    if (Object.keys(d).length === 0) out.delete(id);
  }
  return out;
}

/** Applies a delta to stored counts; after the close `absent` follows `started` (a 补考 taker is no longer absent), never below 0. */
export function applyDelta(stored: Partial<ExamRollupCounts>, delta: Partial<ExamRollupCounts>, closed: boolean): ExamRollupCounts {
  const out = zeroCounts();
  for (const k of EXAM_ROLLUP_COUNTERS) out[k] = (stored[k] ?? 0) + (delta[k] ?? 0);
  out.scoreSum = Math.round(out.scoreSum * 100) / 100;
  if (closed) out.absent = Math.max(0, (stored.absent ?? 0) - (delta.started ?? 0));
  return out;
}

/** The document's meaning from its id (for creating it): dimension and key. */
export function rollupDimOf(id: string): { examId: string; dim: ExamRollupDim; key: string | null } {
  const [, examId, dim, ...rest] = id.split(':');
  return { examId, dim: dim as ExamRollupDim, key: dim === 'all' ? null : rest.join(':') };
}
