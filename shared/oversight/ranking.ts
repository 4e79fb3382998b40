import { examTotals, rate, type OvCounters } from './rollup';

/**
 * Rankings and the enterprise learning score (docs/oversight-design.md §6). Pure: the metric
 * definitions the `oversight.rankings` action orders by, the score the grading export writes, and
 * the formulas shown to users, tested beside this file.
 */

export const RANKING_METRICS = ['completionRate', 'avgPoints', 'passRate'] as const;
export type RankingMetric = (typeof RANKING_METRICS)[number];

export const RANKING_METRIC_ZH: Record<RankingMetric, string> = { completionRate: '课程完成率', avgPoints: '人均积分', passRate: '考试合格率' };

/** Enterprises with fewer registered staff are left out of enterprise rankings (so a two-person firm does not top them). */
export const DEFAULT_MIN_STAFF = 10;

/** The inputs of a ranking row: the all-time node (registered staff) and the node of the ranked period (the same for `all`). */
export interface RankingInputs {
  /** Registered active staff (all-time `persons`). */
  persons: number;
  /** The period's counters. */
  completions: number;
  points: number;
  learners: number;
  examTakers: number;
  examPassed: number;
}

export function rankingInputs(all: OvCounters | undefined | null, period: OvCounters | undefined | null): RankingInputs {
  const p = period ?? {};
  const exam = examTotals(p);
  return {
    persons: Math.max(0, all?.persons ?? 0),
    completions: p.completions ?? 0,
    points: p.points ?? 0,
    learners: p.learners ?? 0,
    examTakers: exam.takers,
    examPassed: exam.passed,
  };
}

/**
 * The metric values (0 when the denominator is 0):
 * - completionRate = course completions ÷ registered staff (the dashboard's per-course rate summed over courses; may exceed 1);
 * - avgPoints = learning points ÷ registered staff (1 decimal);
 * - passRate = formal-exam takers who passed ÷ takers.
 */
export function metricValue(m: RankingMetric, x: RankingInputs): number {
  if (m === 'completionRate') return rate(x.completions, x.persons);
  if (m === 'avgPoints') return x.persons > 0 ? Math.round((x.points / x.persons) * 10) / 10 : 0;
  return rate(x.examPassed, x.examTakers);
}

/** Sort order of ranking rows: metric desc, then more staff, then id (stable and total). */
export function compareRows<T extends { value: number; persons: number; id: string }>(a: T, b: T): number {
  return b.value - a.value || b.persons - a.persons || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Competition ranks ("1, 2, 2, 4") of rows already in `compareRows` order, from the rank of the first one. */
export function competitionRanks(values: number[], firstRank: number, betterThanFirst = firstRank - 1): number[] {
  const out: number[] = [];
  let better = betterThanFirst;
  for (let i = 0; i < values.length; i++) {
    if (i > 0 && values[i] !== values[i - 1]) better = firstRank - 1 + i;
    out.push(better + 1);
  }
  return out;
}

// ------------------------------------------------------------------ enterprise learning score (grading input)

/** Weights of the learning score (sum 100). */
export const SCORE_WEIGHTS = { coverage: 30, completion: 30, pass: 25, activity: 15 } as const;

export const SCORE_FORMULA_ZH =
  '学习得分 = 30×注册覆盖率 + 30×课程完成度 + 25×考试合格率 + 15×学习活跃度；注册覆盖率 = 在册人数 ÷ 申报职工人数（封顶1）；课程完成度 = 完成课程数 ÷ 在册人数（封顶1）；考试合格率 = 合格人数 ÷ 参考人数（无人参考计0）；学习活跃度 = 参与学习人数 ÷ 在册人数（封顶1）';

export interface ScoreParts {
  coverage: number;
  completion: number;
  pass: number;
  activity: number;
  /** 0–100, 1 decimal. */
  score: number;
}

const cap = (x: number) => Math.min(1, Math.max(0, x));

/**
 * The per-enterprise learning score, a criterion of enterprise grading (all-time counters):
 * coverage = registered staff ÷ declared staff (`staffCount`; without a declaration, 1 if anyone
 * is registered), completion = completions ÷ registered staff, pass = passed ÷ takers,
 * activity = persons who ever studied ÷ registered staff; each capped to [0, 1].
 */
export function learningScore(all: OvCounters | undefined | null, declaredStaff: number | null | undefined): ScoreParts {
  const x = rankingInputs(all, all);
  const coverage = declaredStaff && declaredStaff > 0 ? cap(x.persons / declaredStaff) : x.persons > 0 ? 1 : 0;
  const completion = x.persons > 0 ? cap(x.completions / x.persons) : 0;
  const pass = x.examTakers > 0 ? cap(x.examPassed / x.examTakers) : 0;
  const activity = x.persons > 0 ? cap(x.learners / x.persons) : 0;
  const w = SCORE_WEIGHTS;
  const score = Math.round((w.coverage * coverage + w.completion * completion + w.pass * pass + w.activity * activity) * 10) / 10;
  const r4 = (v: number) => Math.round(v * 10000) / 10000;
  return { coverage: r4(coverage), completion: r4(completion), pass: r4(pass), activity: r4(activity), score };
}
