import { Tag } from 'antd';
import { EXAM_KIND_ZH, type ExamKind } from '@shared/exam/attemptState';
import { EXAM_TIER_ZH, type ExamStatus, type ExamTier } from '@shared/contracts/exam';

const KIND_COLOR: Record<ExamKind, string> = { practice: 'cyan', mock: 'blue', formal: 'red' };
export const KIND_OPTIONS = (Object.keys(EXAM_KIND_ZH) as ExamKind[]).map((value) => ({ value, label: EXAM_KIND_ZH[value] }));
export const KindTag = ({ kind }: { kind: ExamKind }) => (
  <Tag color={KIND_COLOR[kind]} bordered={false}>
    {EXAM_KIND_ZH[kind]}
  </Tag>
);
export const TierTag = ({ tier }: { tier: ExamTier }) => <Tag>{EXAM_TIER_ZH[tier]}</Tag>;

/** The status people read: a published exam is 未开始 / 进行中 / 已结束 by its window. */
export function examPhase(e: { status: ExamStatus; opensAt: string; closesAt: string }, now = Date.now()): { label: string; color: string } {
  if (e.status === 'draft') return { label: '草稿', color: 'default' };
  if (e.status === 'cancelled') return { label: '已取消', color: 'error' };
  if (now < Date.parse(e.opensAt)) return { label: '已发布·未开始', color: 'processing' };
  if (now < Date.parse(e.closesAt)) return { label: '进行中', color: 'success' };
  return { label: '已结束', color: 'warning' };
}
export const ExamStatusTag = ({ exam }: { exam: { status: ExamStatus; opensAt: string; closesAt: string } }) => {
  const p = examPhase(exam);
  return (
    <Tag color={p.color} bordered={false} data-testid="exam-status" data-status={exam.status}>
      {p.label}
    </Tag>
  );
};
