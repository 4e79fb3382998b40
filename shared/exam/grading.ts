/**
 * Grading (pure; the exam's policy is separate from how a question type grades an answer) and the
 * projections a worker may see. Answers travel in displayed letters (the shuffled paper's); the
 * paper's `optionOrder` maps them back to the bank's keys. The public paper is built by listing the
 * fields it may hold, never by deleting fields from a question, so a new key field cannot leak.
 */
import { cents, displayedKeys, fromCents, OPTION_KEYS, type QuestionType } from './basics';
import type { Paper, PaperItem } from './drawing';
import type { Question } from './questions';

/** 多选题: all-or-nothing, or `partial`: a non-empty subset of the right keys with no wrong key earns `ratio` of the points (少选得分，错选不得分). */
export type MultiplePolicy = { mode: 'allOrNothing' } | { mode: 'partial'; ratio: number };

export interface GradingPolicy {
  passScore: number;
  multiple?: MultiplePolicy;
  /** Question version ids voided by an accepted appeal: everyone gets their points. */
  voided?: ReadonlySet<string>;
}

/** What grading needs of a question. */
export type AnswerKey = Pick<Question, '_id' | 'type' | 'answer'>;

export interface GradedItem {
  questionId: string;
  /** The candidate's answer in the bank's keys (sorted). */
  answer: string[];
  correct: boolean;
  points: number;
  voided?: true;
}

export interface GradeResult {
  score: number;
  fullScore: number;
  passed: boolean;
  correctCount: number;
  answeredCount: number;
  items: GradedItem[];
}

/** Displayed letters → bank keys (unknown letters dropped), sorted and deduplicated. */
export function toOriginal(displayed: readonly string[], optionOrder: readonly string[]): string[] {
  const out = new Set<string>();
  for (const d of displayed) {
    const i = OPTION_KEYS.indexOf(d as (typeof OPTION_KEYS)[number]);
    if (i >= 0 && i < optionOrder.length) out.add(optionOrder[i]);
  }
  return [...out].sort();
}

/** Bank keys → displayed letters of this paper, sorted. */
export function toDisplayed(original: readonly string[], optionOrder: readonly string[]): string[] {
  return original
    .map((k) => optionOrder.indexOf(k))
    .filter((i) => i >= 0)
    .map((i) => OPTION_KEYS[i])
    .sort();
}

export type AnswerCheck = { ok: true; answer: string[] } | { ok: false; code: 'ANSWER_INVALID' };

/**
 * A saved answer in displayed letters: each one of the question's letters, at most one for single
 * and judge; `[]` clears the answer. Upper-cased, deduplicated, sorted.
 */
export function normalizeAnswer(item: Pick<PaperItem, 'type' | 'optionOrder'>, answer: readonly string[]): AnswerCheck {
  const keys = displayedKeys(item);
  const norm = [...new Set(answer.map((a) => String(a).trim().toUpperCase()))].sort();
  if (norm.some((a) => !keys.includes(a))) return { ok: false, code: 'ANSWER_INVALID' };
  if (item.type !== 'multiple' && norm.length > 1) return { ok: false, code: 'ANSWER_INVALID' };
  return { ok: true, answer: norm };
}

/** Points (in hundredths) one question earns; `answer` and `key` in bank keys. */
export function gradeQuestionCents(type: QuestionType, answer: readonly string[], key: readonly string[], scoreCents: number, multiple: MultiplePolicy = { mode: 'allOrNothing' }): { correct: boolean; cents: number } {
  const a = [...new Set(answer)].sort();
  const k = [...new Set(key)].sort();
  const exact = a.length === k.length && a.every((x, i) => x === k[i]);
  if (exact) return { correct: true, cents: scoreCents };
  if (type === 'multiple' && multiple.mode === 'partial' && a.length > 0 && a.every((x) => k.includes(x))) {
    return { correct: false, cents: Math.floor(scoreCents * Math.min(1, Math.max(0, multiple.ratio))) };
  }
  return { correct: false, cents: 0 };
}

/**
 * Grades a paper. `answers` are the saved displayed letters per question id (missing = unanswered);
 * `keys` the drawn versions' answer keys. A voided question earns its full points for everyone.
 * Pass = score ≥ passScore. Same inputs → same result (a replayed grade changes nothing).
 */
export function gradePaper(paper: Paper, keys: ReadonlyMap<string, AnswerKey>, answers: Readonly<Record<string, readonly string[] | undefined>>, policy: GradingPolicy): GradeResult {
  let total = 0;
  let correctCount = 0;
  let answeredCount = 0;
  const items = paper.items.map((item): GradedItem => {
    const key = keys.get(item.questionId);
    if (!key) throw new Error(`answer key missing for ${item.questionId}`);
    const saved = answers[item.questionId] ?? [];
    const norm = normalizeAnswer(item, saved);
    const answer = norm.ok ? toOriginal(norm.answer, item.optionOrder) : [];
    if (answer.length) answeredCount++;
    const full = cents(item.score);
    if (policy.voided?.has(item.questionId)) {
      total += full;
      correctCount++;
      return { questionId: item.questionId, answer, correct: true, points: item.score, voided: true };
    }
    const g = gradeQuestionCents(item.type, answer, key.answer, full, policy.multiple);
    total += g.cents;
    if (g.correct) correctCount++;
    return { questionId: item.questionId, answer, correct: g.correct, points: fromCents(g.cents) };
  });
  const score = fromCents(total);
  return { score, fullScore: paper.fullScore, passed: total >= cents(policy.passScore), correctCount, answeredCount, items };
}

// ---------------------------------------------------------------------------------------------
// What a worker sees

/** A question on a paper as the worker receives it (the `start` contract's shape). */
export interface PublicQuestion {
  _id: string;
  type: QuestionType;
  stem: string;
  options: { key: string; text: string }[];
}

/** The only content fields a paper payload carries. */
type QuestionText = Pick<Question, '_id' | 'type' | 'stem' | 'options'>;

export function publicQuestion(item: PaperItem, q: QuestionText): PublicQuestion {
  const textOf = new Map(q.options.map((o) => [o.key, o.text]));
  return {
    _id: item.questionId,
    type: item.type,
    stem: q.stem,
    options: item.optionOrder.map((orig, i) => ({ key: OPTION_KEYS[i], text: textOf.get(orig) ?? '' })),
  };
}

/** The paper as `start` returns it: stems and shuffled options only, never keys or analysis. */
export function publicPaper(paper: Paper, questions: ReadonlyMap<string, QuestionText>): PublicQuestion[] {
  return paper.items.map((item) => {
    const q = questions.get(item.questionId);
    if (!q) throw new Error(`question missing for ${item.questionId}`);
    return publicQuestion(item, q);
  });
}

/** Field names that give an answer away. A worker payload before grading holds none of them, at any depth. */
export const ANSWER_FIELDS = ['answer', 'answers', 'analysis', 'correct', 'correctAnswer', 'optionOrder', 'keys', 'isCorrect', 'rightAnswer'] as const;

/**
 * Paths of answer-revealing fields anywhere in a value (objects, arrays). Used by the pure tests and
 * by the journey test that scans every exam response before grading. `allow` lists paths to skip
 * (e.g. `saved` holds the worker's own answers, which reveal nothing).
 */
export function findAnswerLeaks(value: unknown, allow: readonly string[] = [], path = '$'): string[] {
  if (value === null || typeof value !== 'object') return [];
  if (allow.includes(path)) return [];
  const out: string[] = [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...findAnswerLeaks(v, allow, `${path}[${i}]`)));
  else
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const p = `${path}.${k}`;
      if (allow.includes(p)) continue;
      if ((ANSWER_FIELDS as readonly string[]).includes(k)) out.push(p);
      out.push(...findAnswerLeaks(v, allow, p));
    }
  return out;
}

/** After grading, when the exam allows review: answers, the right ones and the analysis, in this paper's letters. */
export interface ReviewItem extends PublicQuestion {
  score: number;
  points: number;
  myAnswer: string[];
  correctAnswer: string[];
  correct: boolean;
  analysis: string;
  voided: boolean;
}

export function reviewPaper(paper: Paper, questions: ReadonlyMap<string, QuestionText & Pick<Question, 'answer' | 'analysis'>>, result: GradeResult): ReviewItem[] {
  const graded = new Map(result.items.map((g) => [g.questionId, g]));
  return paper.items.map((item) => {
    const q = questions.get(item.questionId);
    const g = graded.get(item.questionId);
    if (!q || !g) throw new Error(`question missing for ${item.questionId}`);
    return {
      ...publicQuestion(item, q),
      score: item.score,
      points: g.points,
      myAnswer: toDisplayed(g.answer, item.optionOrder),
      correctAnswer: toDisplayed(q.answer, item.optionOrder),
      correct: g.correct,
      analysis: q.analysis,
      voided: g.voided === true,
    };
  });
}

/** Practice: feedback on one question, only once the worker has answered it (the answer is then locked). */
export function practiceFeedback(item: PaperItem, q: Pick<Question, 'answer' | 'analysis'>, displayedAnswer: readonly string[], multiple?: MultiplePolicy): { correct: boolean; correctAnswer: string[]; analysis: string } {
  const answer = toOriginal(displayedAnswer, item.optionOrder);
  const g = gradeQuestionCents(item.type, answer, q.answer, 100, multiple);
  return { correct: g.correct, correctAnswer: toDisplayed(q.answer, item.optionOrder), analysis: q.analysis };
}
