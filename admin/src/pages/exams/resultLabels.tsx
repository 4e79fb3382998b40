import dayjs from 'dayjs';
import { Tag } from 'antd';
import { PERSON_OUTCOME_ZH, type PersonOutcome } from '@shared/exam/attemptState';
import type { ExamStatus } from '@shared/contracts/exam';

/** Colours of a person's outcome (tags, summary cards and the pie use the same). */
export const OUTCOME_COLOR: Record<PersonOutcome, string> = {
  passed: '#389e0d',
  failed: '#d4380d',
  absent: '#8c8c8c',
  cheating: '#a8071a',
  inProgress: '#1a56b0',
  pending: '#7fb3f0',
  notStarted: '#d9d9d9',
};

/** The order outcomes are shown in (filters, cards, legend). */
export const OUTCOME_ORDER: readonly PersonOutcome[] = ['passed', 'failed', 'absent', 'cheating', 'inProgress', 'pending', 'notStarted'];

export const OutcomeTag = ({ outcome }: { outcome: PersonOutcome }) => (
  <Tag color={outcome === 'notStarted' ? 'default' : OUTCOME_COLOR[outcome]} bordered={false} data-testid="result-outcome">
    {PERSON_OUTCOME_ZH[outcome]}
  </Tag>
);

export const EXAM_STATUS_ZH: Record<ExamStatus, string> = { draft: '草稿', published: '已发布', cancelled: '已取消' };
const EXAM_STATUS_COLOR: Record<ExamStatus, string> = { draft: 'default', published: 'success', cancelled: 'warning' };

export const ExamStatusTag = ({ status }: { status: ExamStatus }) => (
  <Tag color={EXAM_STATUS_COLOR[status]} bordered={false} data-testid="exam-status">
    {EXAM_STATUS_ZH[status]}
  </Tag>
);

/** "2026-12-02 14:00" in the viewer's clock (the console runs in China). */
export const dateTime = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** Whole points when whole, one or two decimals otherwise. */
export const points = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : String(Math.round(n * 100) / 100));

export const ratio = (part: number, whole: number): string => (whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '—');
