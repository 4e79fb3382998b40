/**
 * Item analysis of a formal exam (题目分析) and appeals (申诉). Per question: facility (mean share
 * of its points earned) and discrimination (facility in the upper 27 % minus the lower 27 % of the
 * candidates who drew it, ranked by total score). Flags: facility < 0.2, negative discrimination.
 * Accepting an appeal voids the question for the whole exam; every attempt that drew it is
 * rescored with the same pure grading (a voided question earns its points for everyone).
 */
import { gradePaper, type AnswerKey, type GradeResult, type GradingPolicy } from './grading';
import type { Paper } from './drawing';
import type { ErrorCode } from '../errors';

export const ANALYSIS = {
  /** Share of candidates in each of the upper and lower groups. */
  groupShare: 0.27,
  lowFacility: 0.2,
  /** Below this many responses a question gets statistics but no flags. */
  minSample: 10,
} as const;

export interface ItemResponse {
  attemptId: string;
  /** The attempt's total score (ranking). */
  total: number;
  /** questionId → share of the question's points earned (0…1). */
  items: Readonly<Record<string, number>>;
}

export type ItemFlag = 'lowFacility' | 'negativeDiscrimination';
export const ITEM_FLAG_ZH: Record<ItemFlag, string> = { lowFacility: '难度过高（通过率低于20%）', negativeDiscrimination: '区分度为负（高分组答对率低于低分组）' };

export interface ItemStats {
  questionId: string;
  /** Responses (candidates who drew the question). */
  n: number;
  facility: number;
  /** null when fewer than 2 responses (no upper and lower group). */
  discrimination: number | null;
  flags: ItemFlag[];
}

/** The responses of one graded attempt. */
export function responseOf(attemptId: string, paper: Paper, result: GradeResult): ItemResponse {
  const scoreOf = new Map(paper.items.map((i) => [i.questionId, i.score]));
  const items: Record<string, number> = {};
  for (const g of result.items) {
    if (g.voided) continue;
    const full = scoreOf.get(g.questionId) ?? 0;
    items[g.questionId] = full > 0 ? g.points / full : 0;
  }
  return { attemptId, total: result.score, items };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Statistics per question, sorted by question id (deterministic: ties ranked by attempt id). */
export function analyseItems(responses: readonly ItemResponse[], opts: { minSample?: number; groupShare?: number } = {}): ItemStats[] {
  const minSample = opts.minSample ?? ANALYSIS.minSample;
  const share = opts.groupShare ?? ANALYSIS.groupShare;
  const byQuestion = new Map<string, ItemResponse[]>();
  for (const r of responses) for (const q of Object.keys(r.items)) (byQuestion.get(q) ?? byQuestion.set(q, []).get(q)!).push(r);
  const out: ItemStats[] = [];
  for (const [questionId, rs] of [...byQuestion.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const ranked = [...rs].sort((a, b) => b.total - a.total || (a.attemptId < b.attemptId ? -1 : a.attemptId > b.attemptId ? 1 : 0));
    const n = ranked.length;
    const facility = round4(mean(ranked.map((r) => r.items[questionId])));
    let discrimination: number | null = null;
    if (n >= 2) {
      const g = Math.min(Math.floor(n / 2), Math.max(1, Math.round(n * share)));
      const upper = mean(ranked.slice(0, g).map((r) => r.items[questionId]));
      const lower = mean(ranked.slice(n - g).map((r) => r.items[questionId]));
      discrimination = round4(upper - lower);
    }
    const flags: ItemFlag[] = [];
    if (n >= minSample) {
      if (facility < ANALYSIS.lowFacility) flags.push('lowFacility');
      if (discrimination !== null && discrimination < 0) flags.push('negativeDiscrimination');
    }
    out.push({ questionId, n, facility, discrimination, flags });
  }
  return out;
}

/** The same statistics per group (region, industry …): `keyOf` names a response's group. */
export function analyseItemsBy(responses: readonly ItemResponse[], keyOf: (r: ItemResponse) => string, opts?: { minSample?: number }): Map<string, ItemStats[]> {
  const groups = new Map<string, ItemResponse[]>();
  for (const r of responses) {
    const k = keyOf(r);
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(r);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, rs]) => [k, analyseItems(rs, opts)]));
}

// ---------------------------------------------------------------------------------------------
// Appeals

export type AppealStatus = 'pending' | 'accepted' | 'rejected';
export const APPEAL_STATUS_ZH: Record<AppealStatus, string> = { pending: '待处理', accepted: '已采纳', rejected: '未采纳' };

export interface Appeal {
  _id: string;
  examId: string;
  attemptId: string;
  questionId: string;
  personId: string;
  reason: string;
  status: AppealStatus;
  reply: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
  createdAt: number;
}

/** One appeal per person, exam and question (a second one fails on create: APPEAL_EXISTS). */
export const appealId = (examId: string, questionId: string, personId: string): string => `appeal:${examId}:${questionId}:${personId}`;

export function decideAppeal(a: Appeal, decision: 'accept' | 'reject', reply: string, by: string, now: number): { ok: true; appeal: Appeal } | { ok: false; code: ErrorCode } {
  if (a.status !== 'pending') return { ok: false, code: 'APPEAL_NOT_PENDING' };
  return { ok: true, appeal: { ...a, status: decision === 'accept' ? 'accepted' : 'rejected', reply, decidedBy: by, decidedAt: now } };
}

/** The exam's voided questions after accepting an appeal (idempotent). */
export const voidQuestion = (voided: readonly string[], questionId: string): string[] => [...new Set([...voided, questionId])].sort();

export interface Rescore {
  result: GradeResult;
  changed: boolean;
  /** Failed before, passes now. */
  nowPassed: boolean;
}

/**
 * Regrades one attempt with the exam's voided questions. A cheating attempt stays failed. Same
 * inputs → same result, so a rescoring batch interrupted and run again changes nothing twice.
 */
export function rescoreAttempt(
  attempt: { paper: Paper; answers: Readonly<Record<string, readonly string[] | undefined>>; result: Pick<GradeResult, 'score' | 'passed'>; cheating?: unknown },
  keys: ReadonlyMap<string, AnswerKey>,
  policy: GradingPolicy,
): Rescore {
  const graded = gradePaper(attempt.paper, keys, attempt.answers, policy);
  const result = attempt.cheating ? { ...graded, passed: false } : graded;
  return { result, changed: result.score !== attempt.result.score || result.passed !== attempt.result.passed, nowPassed: result.passed && !attempt.result.passed };
}
