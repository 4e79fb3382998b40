/**
 * A drawing rule as an editor holds it (the console's 抽题规则): every field present, numbers
 * possibly empty while typed, a stable `key` per row. `ruleOf` turns the drafts into the contract's
 * rule or the first problem in Chinese, naming the section ("第2部分：…"); `draftTotals` sums in
 * hundredths so 0.5-point sections never drift.
 */
import { cents, fromCents, type Difficulty, type QuestionType } from './basics';
import { drawingRuleInput, type DrawingRule } from './drawing';
import type { IndustryCode, PostCategoryCode } from '../taxonomy';

export interface SectionDraft {
  key: string;
  title?: string;
  bankIds: string[];
  type: QuestionType;
  count: number | null;
  scorePerQuestion: number | null;
  industries: IndustryCode[];
  postCategories: PostCategoryCode[];
  knowledgePoints: string[];
  difficulties: Difficulty[];
}

let seq = 0;
const newKey = () => `s${Date.now().toString(36)}${(seq++).toString(36)}`;

export const emptySection = (type: QuestionType = 'single', bankIds: string[] = []): SectionDraft => ({
  key: newKey(),
  bankIds: [...bankIds],
  type,
  count: 10,
  scorePerQuestion: type === 'multiple' ? 2 : 1,
  industries: [],
  postCategories: [],
  knowledgePoints: [],
  difficulties: [],
});

export const sectionsOf = (rule: DrawingRule): SectionDraft[] =>
  rule.sections.map((s) => ({
    key: newKey(),
    title: s.title,
    bankIds: [...s.from.bankIds],
    type: s.type,
    count: s.count,
    scorePerQuestion: s.scorePerQuestion,
    industries: [...s.from.tags.industries],
    postCategories: [...s.from.tags.postCategories],
    knowledgePoints: [...s.from.tags.knowledgePoints],
    difficulties: [...s.from.tags.difficulties],
  }));

export function ruleOf(sections: readonly SectionDraft[]): { ok: true; rule: DrawingRule } | { ok: false; message: string } {
  const parsed = drawingRuleInput.safeParse({
    sections: sections.map((s) => ({
      ...(s.title?.trim() ? { title: s.title.trim() } : {}),
      from: { bankIds: s.bankIds, tags: { industries: s.industries, postCategories: s.postCategories, knowledgePoints: s.knowledgePoints, difficulties: s.difficulties } },
      type: s.type,
      count: s.count ?? 0,
      scorePerQuestion: s.scorePerQuestion ?? 0,
    })),
  });
  if (parsed.success) return { ok: true, rule: parsed.data };
  const issue = parsed.error.issues[0];
  const at = issue?.path[0] === 'sections' && typeof issue.path[1] === 'number' ? `第${issue.path[1] + 1}部分：` : '';
  return { ok: false, message: `${at}${issue?.message ?? '抽题规则不完整'}` };
}

/** Questions and points of the drafts as typed (empty numbers count 0). */
export function draftTotals(sections: readonly SectionDraft[], fullScore: number | null): { questions: number; score: number; matchesFull: boolean } {
  const total = sections.reduce((n, s) => n + cents(s.scorePerQuestion ?? 0) * (s.count ?? 0), 0);
  return { questions: sections.reduce((n, s) => n + (s.count ?? 0), 0), score: fromCents(total), matchesFull: fullScore !== null && total === cents(fullScore) };
}
