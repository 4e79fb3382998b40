/** Test fixtures for the exam domain (imported by the *.test.ts beside; not used by product code). */
import { newQuestion, questionLineageId, type Question, type QuestionType } from './questions';
import { toDrawCandidate, type DrawCandidate } from './drawing';
import type { IndustryCode } from '../taxonomy';

export function makeQuestion(bankId: string, type: QuestionType, i: number, extra: { industries?: IndustryCode[]; knowledgePoints?: string[]; shuffleOptions?: boolean } = {}): Question {
  const options =
    type === 'judge'
      ? [
          { key: 'A', text: '正确' },
          { key: 'B', text: '错误' },
        ]
      : ['A', 'B', 'C', 'D'].map((key) => ({ key, text: `${type}${i}选项${key}` }));
  return newQuestion({
    bankId,
    lineageId: questionLineageId(bankId, `t:${type}:${i}`),
    now: '2026-01-01T00:00:00.000Z',
    content: {
      type,
      stem: `${bankId}的第${i}道${type}题`,
      options,
      answer: type === 'multiple' ? ['A', 'C'] : type === 'judge' ? [i % 2 ? 'A' : 'B'] : [['A', 'B', 'C', 'D'][i % 4]],
      analysis: `第${i}题解析`,
      tags: { industries: extra.industries ?? [], postCategories: [], knowledgePoints: extra.knowledgePoints ?? [], lawRefs: [] },
      difficulty: 'medium',
      shuffleOptions: type !== 'judge' && extra.shuffleOptions !== false,
    },
  });
}

/** A bank with `n` questions of each type. */
export function makeBank(bankId: string, n: Partial<Record<QuestionType, number>>): Question[] {
  const out: Question[] = [];
  for (const type of ['single', 'multiple', 'judge'] as const) for (let i = 0; i < (n[type] ?? 0); i++) out.push(makeQuestion(bankId, type, i));
  return out;
}

export const candidates = (qs: readonly Question[]): DrawCandidate[] => qs.map(toDrawCandidate);
export const byId = <T extends { _id: string }>(qs: readonly T[]): Map<string, T> => new Map(qs.map((q) => [q._id, q]));
