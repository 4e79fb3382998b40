import type { Difficulty, QuestionType } from '../../../shared/exam/basics';
import type { IndustryCode, PostCategoryCode } from '../../../shared/taxonomy';

/**
 * The demo question bank as data: each topic file lists its questions through a small builder so
 * the texts stay readable (stem, options, answer, 解析) and the tags come from the topic's defaults.
 * The output is the console editor's input shape (shared/exam/questions.ts `questionInput`), which
 * the seed turns into template rows (questionToRow) for the xlsx import.
 */
export interface SeedQuestion {
  type: QuestionType;
  stem: string;
  /** Choice texts in bank order (A, B, …); judge questions have none (正确 / 错误 are fixed). */
  options: string[];
  /** Option letters; a judge question's A = 正确, B = 错误. */
  answer: string[];
  analysis: string;
  difficulty: Difficulty;
  tags: { industries: IndustryCode[]; postCategories: PostCategoryCode[]; knowledgePoints: string[]; lawRefs: string[] };
}

export interface QuestionMeta {
  /** Extra or more precise 法规依据 (replaces the topic's when given). */
  law?: string | string[];
  /** Extra 知识点 (added after the topic's). */
  kp?: string | string[];
  industries?: IndustryCode[];
  posts?: PostCategoryCode[];
  d?: Difficulty;
}

const list = (x: string | string[] | undefined): string[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

export function topic(defaults: { kp: string | string[]; law?: string | string[]; industries?: IndustryCode[]; d?: Difficulty }) {
  const out: SeedQuestion[] = [];
  const add = (type: QuestionType, stem: string, options: string[], answer: string[], analysis: string, meta: QuestionMeta = {}) => {
    out.push({
      type,
      stem,
      options,
      answer,
      analysis,
      difficulty: meta.d ?? defaults.d ?? 'medium',
      tags: {
        industries: meta.industries ?? defaults.industries ?? [],
        postCategories: meta.posts ?? [],
        knowledgePoints: [...new Set([...list(defaults.kp), ...list(meta.kp)])],
        lawRefs: meta.law !== undefined ? list(meta.law) : list(defaults.law),
      },
    });
  };
  return {
    /** 单选题: answer is one letter. */
    s: (stem: string, options: string[], answer: string, analysis: string, meta?: QuestionMeta) => add('single', stem, options, [answer], analysis, meta),
    /** 多选题: answer letters, e.g. 'ABD'. */
    m: (stem: string, options: string[], answer: string, analysis: string, meta?: QuestionMeta) => add('multiple', stem, options, answer.split(''), analysis, meta),
    /** 判断题. */
    j: (stem: string, correct: boolean, analysis: string, meta?: QuestionMeta) => add('judge', stem, [], [correct ? 'A' : 'B'], analysis, meta),
    questions: out,
  };
}
