import type { InputOf, OutputOf, examWorkerContracts } from '@shared/contracts';
import { call } from './cloud';

/**
 * Worker actions of function `exam`, through the one typed client (same transport, same password
 * gate). Typed against the worker contracts themselves: practice and spot-exam actions are part of
 * them before `contracts.exam` lists every action.
 */
type W = typeof examWorkerContracts;
export type ExamAction = keyof W & string;
export type ExamOutput<A extends ExamAction> = OutputOf<W[A]>;

type Loose = (fn: 'exam', action: string, input: unknown) => Promise<unknown>;
export const exam = <A extends ExamAction>(action: A, input: InputOf<W[A]>): Promise<OutputOf<W[A]>> => (call as unknown as Loose)('exam', action, input) as Promise<OutputOf<W[A]>>;

/** Where exam pages live (subpackage `pages/exam-take`, preloaded from the 考试 tab). */
const q = encodeURIComponent;
export const EXAM_PAGES = {
  intro: (examId: string) => `/pages/exam-take/intro/index?id=${q(examId)}`,
  /** `practice`: answers are checked one by one (practiceCheck); `wrong`: a practice round over the 错题本. */
  paper: (examId: string, opts: { practice?: boolean; wrong?: boolean } = {}) =>
    `/pages/exam-take/paper/index?id=${q(examId)}${opts.wrong ? '&mode=wrong' : opts.practice ? '&mode=practice' : ''}`,
  result: (examId: string, attemptId: string) => `/pages/exam-take/result/index?id=${q(examId)}&attempt=${q(attemptId)}`,
  review: (attemptId: string) => `/pages/exam-take/review/index?attempt=${q(attemptId)}`,
  attempts: (examId: string) => `/pages/exam-take/attempts/index?id=${q(examId)}`,
  appeals: '/pages/exam-take/appeals/index',
  wrongBook: (examId?: string) => `/pages/exam-take/wrongbook/index${examId ? `?id=${q(examId)}` : ''}`,
} as const;
