import { z } from 'zod';
import { POINTS_SOURCES, type PointsSource } from './labels';

export { POINTS_SOURCES, POINTS_SOURCE_ZH, type PointsSource } from './labels';

/**
 * Points, as 学习强国 and 学习强安 award them: one ledger entry per source event with a
 * deterministic `_id` (a replayed event writes the same document: nothing counts twice) and a daily
 * cap per source (Shanghai calendar day). The rules are configuration; these are the defaults.
 */
const rule = z.object({
  /** Points per unit (one event; for studyTime one `unitSeconds` block of credited time). */
  points: z.number().int().min(0).max(100),
  /** At most this many points from the source per Shanghai day (0 = none). */
  dailyCap: z.number().int().min(0).max(1000),
  unitSeconds: z.number().int().min(60).max(3600).optional(),
});
export const pointsRulesInput = z.object(Object.fromEntries(POINTS_SOURCES.map((s) => [s, rule])) as Record<PointsSource, typeof rule>);
export type PointsRules = z.infer<typeof pointsRulesInput>;

export const DEFAULT_POINTS_RULES: PointsRules = {
  dailyLogin: { points: 1, dailyCap: 1 },
  studyTime: { points: 1, dailyCap: 10, unitSeconds: 300 },
  courseComplete: { points: 5, dailyCap: 20 },
  courseRating: { points: 1, dailyCap: 3 },
  examPass: { points: 10, dailyCap: 20 },
};

/**
 * `_id` of a ledger entry: `pts:<personId>:<source>:<eventKey>`. Event keys: dailyLogin → the day;
 * studyTime → the day (one entry per person and day, rewritten as the day's credited time grows);
 * courseComplete / courseRating → courseId; examPass → examId.
 */
export function ledgerEntryId(personId: string, source: PointsSource, eventKey: string): string {
  if (!personId || !eventKey || /[:\s]/.test(personId)) throw new Error('ledger id needs a person id and an event key');
  return `pts:${personId}:${source}:${eventKey}`;
}

/**
 * Points an event adds, given the points this source already gave today (from the person's daily
 * counter). A replayed event never reaches here with a new grant: its ledger `_id` already exists.
 */
export function grantFor(rules: PointsRules, source: Exclude<PointsSource, 'studyTime'>, pointsTodayFromSource: number): number {
  const r = rules[source];
  return Math.max(0, Math.min(r.points, r.dailyCap - pointsTodayFromSource));
}

/**
 * Study-time points for a day are a function of the day's credited seconds (not of how many
 * checkpoints brought them): floor(seconds / unit) × points, capped. Idempotent by construction:
 * the same day total gives the same points; the increment to add is `after - before`.
 */
export function studyTimePoints(rules: PointsRules, dayCreditedSeconds: number): number {
  const r = rules.studyTime;
  const unit = r.unitSeconds ?? 300;
  return Math.min(r.dailyCap, Math.floor(Math.max(0, dayCreditedSeconds) / unit) * r.points);
}
