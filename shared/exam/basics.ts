/**
 * Exam constants, Chinese labels and score arithmetic without zod, so the mini-program's pages and
 * the pure grading can use them without loading the contracts' schemas. Re-exported by
 * questions.ts and drawing.ts.
 */
export const QUESTION_TYPES = ['single', 'multiple', 'judge'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const QUESTION_TYPE_ZH: Record<QuestionType, string> = { single: '单选题', multiple: '多选题', judge: '判断题' };

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];
export const DIFFICULTY_ZH: Record<Difficulty, string> = { easy: '易', medium: '中', hard: '难' };

/** A disabled question is never drawn again; attempts that drew it keep their version. */
export const QUESTION_STATUSES = ['active', 'disabled'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];
export const QUESTION_STATUS_ZH: Record<QuestionStatus, string> = { active: '启用', disabled: '停用' };

export const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;

/** Points in hundredths, so sums of 0.5-point scores never drift. */
export const cents = (points: number): number => Math.round(points * 100);
export const fromCents = (c: number): number => c / 100;

/** Displayed option letters of a paper item (A, B, … as many as the question has). */
export const displayedKeys = (item: { optionOrder: readonly string[] }): string[] => OPTION_KEYS.slice(0, item.optionOrder.length);
