import { Tag } from 'antd';
import { DIFFICULTY_ZH, QUESTION_STATUS_ZH, QUESTION_TYPE_ZH, type Difficulty, type QuestionStatus, type QuestionType } from '@shared/exam/basics';

const TYPE_COLOR: Record<QuestionType, string> = { single: 'blue', multiple: 'purple', judge: 'cyan' };
const DIFFICULTY_COLOR: Record<Difficulty, string> = { easy: 'green', medium: 'gold', hard: 'red' };

export const TypeTag = ({ type }: { type: QuestionType }) => (
  <Tag color={TYPE_COLOR[type]} bordered={false}>
    {QUESTION_TYPE_ZH[type]}
  </Tag>
);
export const DifficultyTag = ({ difficulty }: { difficulty: Difficulty }) => <Tag color={DIFFICULTY_COLOR[difficulty]}>{DIFFICULTY_ZH[difficulty]}</Tag>;
export const QuestionStatusTag = ({ status }: { status: QuestionStatus }) => (
  <Tag color={status === 'active' ? 'success' : 'default'} bordered={false} data-testid="question-status">
    {QUESTION_STATUS_ZH[status]}
  </Tag>
);

const opts = <T extends string>(zh: Record<T, string>) => (Object.keys(zh) as T[]).map((value) => ({ value, label: zh[value] }));
export const TYPE_OPTIONS = opts(QUESTION_TYPE_ZH);
export const DIFFICULTY_OPTIONS = opts(DIFFICULTY_ZH);
export const QUESTION_STATUS_OPTIONS = opts(QUESTION_STATUS_ZH);
