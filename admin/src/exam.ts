import type { InputOf, OutputOf } from '@shared/contracts/define';
import { examFunctionContracts } from '@shared/contracts/exam';
import { call } from './api';

/**
 * Calls to function `exam` (banks, templates, organised exams, results, appeals, 逢查必考, 成绩上传),
 * typed by the whole `exam` contract: actions still being built answer UNKNOWN_ACTION until they land.
 */
type ExamContracts = typeof examFunctionContracts;
export type ExamAction = keyof ExamContracts & string;
export type ExamOutput<A extends ExamAction> = OutputOf<ExamContracts[A]>;

export function callExam<A extends ExamAction>(action: A, input: InputOf<ExamContracts[A]>): Promise<ExamOutput<A>> {
  // The index's `exam` entry grows action by action; the contract module is the source of truth.
  return call('exam', action as never, input as never) as unknown as Promise<ExamOutput<A>>;
}
