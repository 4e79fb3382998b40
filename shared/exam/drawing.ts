/**
 * Drawing rules (抽题规则) and papers. A rule is a list of sections — "from these banks / tags,
 * N questions of this type, S points each" —, validated on save against what the banks hold, and
 * `drawPaper` is a pure function of (rule, pool, seed): the attempt stores the seed and the drawn
 * ids, so any paper can be reproduced and audited. Options are shuffled per paper; the paper keeps
 * the mapping (displayed position → original key) so grading maps answers back.
 */
import { z } from 'zod';
import { rngFromString } from '../random';
import { INDUSTRY_CODES, POST_CATEGORY_CODES, type IndustryCode, type PostCategoryCode } from '../taxonomy';
import { cents, DIFFICULTIES, fromCents, QUESTION_TYPES, QUESTION_TYPE_ZH, type Difficulty, type QuestionType } from './basics';
import type { Question } from './questions';
export { cents, displayedKeys, fromCents } from './basics';

export const MAX_SECTIONS = 10;
export const MAX_PAPER_QUESTIONS = 300;

const id = z.string().min(1).max(64);
const uniq = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .optional()
    .default([])
    .transform((xs) => [...new Set(xs)].sort());

/** Tag filters of a section: every listed dimension must match (values within one are ORed; [] = any). */
export const sectionTagsInput = z
  .object({
    industries: uniq(z.enum(INDUSTRY_CODES), INDUSTRY_CODES.length),
    postCategories: uniq(z.enum(POST_CATEGORY_CODES), POST_CATEGORY_CODES.length),
    knowledgePoints: uniq(z.string().trim().min(1).max(30), 20),
    difficulties: uniq(z.enum(DIFFICULTIES), DIFFICULTIES.length),
  })
  .strict();

export const drawingSectionInput = z
  .object({
    /** Shown as the section heading (一、判断题); defaults to the type's name. */
    title: z.string().trim().max(30).optional(),
    from: z.object({ bankIds: uniq(id, 20).refine((xs) => xs.length > 0, '请选择至少一个题库'), tags: sectionTagsInput.prefault({}) }).strict(),
    type: z.enum(QUESTION_TYPES),
    count: z.number().int().min(1, '每部分至少1道题').max(MAX_PAPER_QUESTIONS),
    scorePerQuestion: z.number().min(0.5, '每题分值至少0.5分').max(100).multipleOf(0.5, '每题分值应为0.5的整数倍'),
  })
  .strict();

export const drawingRuleInput = z
  .object({ sections: z.array(drawingSectionInput).min(1, '至少设置一个抽题部分').max(MAX_SECTIONS, `最多${MAX_SECTIONS}个抽题部分`) })
  .strict()
  .refine((r) => r.sections.reduce((n, s) => n + s.count, 0) <= MAX_PAPER_QUESTIONS, `一张试卷最多${MAX_PAPER_QUESTIONS}道题`);

export type DrawingSection = z.output<typeof drawingSectionInput>;
export type DrawingRule = z.output<typeof drawingRuleInput>;
export type DrawingRuleInput = z.input<typeof drawingRuleInput>;

/** What drawing needs of a question (the bank index the function keeps warm): no stem, no key. */
export type DrawCandidate = Pick<Question, '_id' | 'lineageId' | 'version' | 'bankId' | 'type' | 'difficulty' | 'status' | 'shuffleOptions'> & {
  tags: { industries: readonly IndustryCode[]; postCategories: readonly PostCategoryCode[]; knowledgePoints: readonly string[] };
  /** Original option keys in bank order (A, B, …). */
  optionKeys: readonly string[];
};

export const toDrawCandidate = (q: Question): DrawCandidate => ({
  _id: q._id,
  lineageId: q.lineageId,
  version: q.version,
  bankId: q.bankId,
  type: q.type,
  difficulty: q.difficulty,
  status: q.status,
  shuffleOptions: q.shuffleOptions,
  tags: q.tags,
  optionKeys: q.options.map((o) => o.key),
});

/**
 * A question matches a section when it is active, in one of the banks, of the type, and each
 * listed tag dimension matches. A question without industry or post-category tags is general and
 * matches any industry / post filter; knowledge points and difficulty must be the question's own.
 */
export function matchesSection(q: DrawCandidate, s: DrawingSection): boolean {
  const t = s.from.tags;
  const general = <T>(wanted: readonly T[], has: readonly T[]) => wanted.length === 0 || has.length === 0 || has.some((h) => wanted.includes(h));
  return (
    q.status === 'active' &&
    q.type === s.type &&
    s.from.bankIds.includes(q.bankId) &&
    general(t.industries, q.tags.industries) &&
    general(t.postCategories, q.tags.postCategories) &&
    (t.knowledgePoints.length === 0 || q.tags.knowledgePoints.some((k) => t.knowledgePoints.includes(k))) &&
    (t.difficulties.length === 0 || t.difficulties.includes(q.difficulty as Difficulty))
  );
}

/** One question per lineage (the newest version), sorted by lineage: the pool's order never matters. */
function canonicalPool(pool: readonly DrawCandidate[]): DrawCandidate[] {
  const byLineage = new Map<string, DrawCandidate>();
  for (const q of pool) {
    const had = byLineage.get(q.lineageId);
    if (!had || q.version > had.version) byLineage.set(q.lineageId, q);
  }
  return [...byLineage.values()].sort((a, b) => (a.lineageId < b.lineageId ? -1 : a.lineageId > b.lineageId ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Validation on save, with a per-section preview

export interface SectionPreview {
  index: number;
  title: string;
  type: QuestionType;
  count: number;
  score: number;
  /** Active questions matching the section. */
  available: number;
  /** Matching questions no earlier section can take (earlier sections draw first). */
  guaranteed: number;
  enough: boolean;
}

export type DrawingProblemCode = 'SECTION_SHORT' | 'SCORE_MISMATCH';
export interface DrawingProblem {
  code: DrawingProblemCode;
  section?: number;
  message: string;
}

export interface DrawingValidation {
  ok: boolean;
  sections: SectionPreview[];
  questionCount: number;
  totalScore: number;
  problems: DrawingProblem[];
}

export const sectionTitle = (s: DrawingSection, index: number): string => s.title || `${'一二三四五六七八九十'[index] ?? index + 1}、${QUESTION_TYPE_ZH[s.type]}`;

/**
 * Checks a rule against the pool: each section can draw its count even if every earlier section
 * took the questions it shares with this one (so a validated rule never fails to draw while the
 * pool is unchanged), and the sections' points add up to the full score.
 */
export function validateDrawingRule(rule: DrawingRule, fullScore: number, pool: readonly DrawCandidate[]): DrawingValidation {
  const qs = canonicalPool(pool);
  const matches = rule.sections.map((s) => new Set(qs.filter((q) => matchesSection(q, s)).map((q) => q.lineageId)));
  const problems: DrawingProblem[] = [];
  const sections = rule.sections.map((s, k): SectionPreview => {
    let taken = 0;
    for (let j = 0; j < k; j++) {
      let overlap = 0;
      for (const l of matches[j]) if (matches[k].has(l)) overlap++;
      taken += Math.min(overlap, rule.sections[j].count);
    }
    const available = matches[k].size;
    const guaranteed = Math.max(0, available - taken);
    const enough = guaranteed >= s.count;
    const title = sectionTitle(s, k);
    if (!enough) {
      problems.push({
        code: 'SECTION_SHORT',
        section: k,
        message:
          available < s.count
            ? `${title}：符合条件的${QUESTION_TYPE_ZH[s.type]}只有${available}道，需要${s.count}道`
            : `${title}：符合条件的${QUESTION_TYPE_ZH[s.type]}有${available}道，但前面的部分可能已抽走${taken}道，剩余不足${s.count}道`,
      });
    }
    return { index: k, title, type: s.type, count: s.count, score: fromCents(cents(s.scorePerQuestion) * s.count), available, guaranteed, enough };
  });
  const totalCents = rule.sections.reduce((n, s) => n + cents(s.scorePerQuestion) * s.count, 0);
  if (totalCents !== cents(fullScore)) problems.push({ code: 'SCORE_MISMATCH', message: `各部分合计${fromCents(totalCents)}分，与满分${fullScore}分不一致` });
  return { ok: problems.length === 0, sections, questionCount: rule.sections.reduce((n, s) => n + s.count, 0), totalScore: fromCents(totalCents), problems };
}

// ---------------------------------------------------------------------------------------------
// Drawing

export interface PaperItem {
  /** The drawn version's id (attempts keep the version they drew). */
  questionId: string;
  lineageId: string;
  type: QuestionType;
  section: number;
  score: number;
  /** Displayed option i (A, B, …) is the bank's option `optionOrder[i]`. */
  optionOrder: string[];
}

export interface Paper {
  seed: string;
  fullScore: number;
  items: PaperItem[];
}

export interface DrawOptions {
  /** Lineage ids the candidate has already seen (practice history). */
  seen?: ReadonlySet<string>;
  /** Practice: unseen questions first, seen ones only to fill up. */
  unseenFirst?: boolean;
}

export type DrawResult = { ok: true; paper: Paper } | { ok: false; code: 'DRAW_POOL_SHORT'; section: number; available: number; needed: number };

/**
 * Draws a paper: sections in order, each from its matching questions not yet drawn (no lineage
 * twice), in a seeded random order (unseen first when asked); then options shuffled per question
 * from a second stream, so the questions drawn do not depend on shuffle settings. Same (rule,
 * pool, seed, seen) → same paper, whatever order the pool came in.
 */
export function drawPaper(rule: DrawingRule, candidatePool: readonly DrawCandidate[], seed: string, opts: DrawOptions = {}): DrawResult {
  const pool = canonicalPool(candidatePool);
  const pick = rngFromString(`${seed}|questions`);
  const shuffle = rngFromString(`${seed}|options`);
  const drawn = new Set<string>();
  const items: PaperItem[] = [];
  let fullCents = 0;
  for (let k = 0; k < rule.sections.length; k++) {
    const s = rule.sections[k];
    const candidates = pool.filter((q) => !drawn.has(q.lineageId) && matchesSection(q, s));
    if (candidates.length < s.count) return { ok: false, code: 'DRAW_POOL_SHORT', section: k, available: candidates.length, needed: s.count };
    let order: DrawCandidate[];
    if (opts.unseenFirst && opts.seen && opts.seen.size) {
      const seen = opts.seen;
      order = [...pick.shuffle(candidates.filter((q) => !seen.has(q.lineageId))), ...pick.shuffle(candidates.filter((q) => seen.has(q.lineageId)))];
    } else order = pick.shuffle(candidates);
    for (const q of order.slice(0, s.count)) {
      drawn.add(q.lineageId);
      const keys = [...q.optionKeys];
      items.push({
        questionId: q._id,
        lineageId: q.lineageId,
        type: q.type,
        section: k,
        score: s.scorePerQuestion,
        optionOrder: q.type !== 'judge' && q.shuffleOptions ? shuffle.shuffle(keys) : keys,
      });
    }
    fullCents += cents(s.scorePerQuestion) * s.count;
  }
  return { ok: true, paper: { seed, fullScore: fromCents(fullCents), items } };
}

/**
 * A practice round over given questions (a course's banks, or the 错题本): up to `count` of each
 * type present, 1 point each, unseen first. Returns null when the pool is empty.
 */
export function practiceRule(pool: readonly DrawCandidate[], bankIds: readonly string[], perType: Partial<Record<QuestionType, number>>): DrawingRule | null {
  const qs = canonicalPool(pool).filter((q) => q.status === 'active' && bankIds.includes(q.bankId));
  const sections: DrawingSection[] = [];
  for (const type of ['judge', 'single', 'multiple'] as const) {
    const want = perType[type] ?? 0;
    const have = qs.filter((q) => q.type === type).length;
    const count = Math.min(want, have);
    if (count > 0) sections.push({ from: { bankIds: [...bankIds].sort(), tags: { industries: [], postCategories: [], knowledgePoints: [], difficulties: [] } }, type, count, scorePerQuestion: 1 });
  }
  return sections.length ? { sections } : null;
}
