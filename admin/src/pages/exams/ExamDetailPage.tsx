import { lazy, Suspense, useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Result, Row, Skeleton, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { EXAM_TIER_ZH, type ExamDetail } from '@shared/contracts/exam';
import { EXAM_KIND_ZH, type PersonOutcome } from '@shared/exam/attemptState';
import { matchPath } from '@shared/hashPath';
import { manages } from '@shared/learning/manages';
import { useAccount } from '../../auth';
import { callExam } from '../../exam';
import { navigate, readHashQuery, usePath, writeHashQuery } from '../../router';
import { useLatestLoad } from '../../components/useLatestLoad';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageSpinner } from '../../components/PageSpinner';
import { dateTime, ExamStatusTag, OUTCOME_COLOR, points, ratio } from './resultLabels';

const ResultsTab = lazy(() => import('./ResultsTab'));
const ItemAnalysisTab = lazy(() => import('./ItemAnalysisTab'));
const AppealsTab = lazy(() => import('./AppealsTab'));

export const EXAM_DETAIL_PATTERN = '/exams/:examId';
type TabKey = 'results' | 'analysis' | 'appeals';

/** Where the exam's window stands now (the server's clock decides everything; this is only a label). */
function phaseOf(e: ExamDetail, now = Date.now()): { text: string; color: string } {
  if (e.status === 'draft') return { text: '未发布', color: 'default' };
  if (e.status === 'cancelled') return { text: '已取消', color: 'warning' };
  const lastClose = e.retake.mode === 'secondWindow' && e.retake.closesAt > e.closesAt ? e.retake.closesAt : e.closesAt;
  if (now < Date.parse(e.opensAt)) return { text: '未开始', color: 'default' };
  if (now < Date.parse(e.closesAt)) return { text: '考试中', color: 'processing' };
  if (e.retake.mode === 'secondWindow' && now >= Date.parse(e.retake.opensAt) && now < Date.parse(lastClose)) return { text: '补考中', color: 'processing' };
  return now < Date.parse(lastClose) ? { text: '等待补考', color: 'default' } : { text: '已结束', color: 'default' };
}

const retakeText = (e: ExamDetail): string =>
  e.retake.mode === 'none'
    ? '不允许补考'
    : e.retake.mode === 'attempts'
      ? `最多考 ${e.retake.maxAttempts} 次`
      : `补考 ${dateTime(e.retake.opensAt)} 至 ${dateTime(e.retake.closesAt)}（${e.retake.maxAttempts} 次）`;

/** The numbers in the header: everyone the exam targets (in the viewer's scope), by outcome. */
function Rollup({ summary }: { summary: Record<PersonOutcome, number> | null }) {
  const s = summary;
  const total = s ? Object.values(s).reduce((a, b) => a + b, 0) : 0;
  const took = s ? s.passed + s.failed + s.cheating : 0;
  const cells: { label: string; value: number | string; color?: string; testId: string }[] = [
    { label: '应考人数', value: total, testId: 'rollup-total' },
    { label: '已交卷', value: took, testId: 'rollup-took' },
    { label: '合格', value: s?.passed ?? 0, color: OUTCOME_COLOR.passed, testId: 'rollup-passed' },
    { label: '不合格', value: s?.failed ?? 0, color: OUTCOME_COLOR.failed, testId: 'rollup-failed' },
    { label: '缺考', value: s?.absent ?? 0, color: OUTCOME_COLOR.absent, testId: 'rollup-absent' },
    { label: '作弊', value: s?.cheating ?? 0, color: OUTCOME_COLOR.cheating, testId: 'rollup-cheating' },
    { label: '合格率（已交卷）', value: ratio(s?.passed ?? 0, took), testId: 'rollup-rate' },
  ];
  return (
    <Row gutter={12}>
      {cells.map((c) => (
        <Col key={c.label} flex="1 1 0">
          <Card size="small" styles={{ body: { padding: '10px 14px' } }}>
            <Statistic title={c.label} value={s ? c.value : '—'} valueStyle={{ fontSize: 22, color: c.color }} data-testid={c.testId} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/**
 * 考试详情 (`#/exams/<examId>`): header with status, window, tier, reach and the rollup by outcome;
 * tabs 考试结果 (results, attempt detail, 作弊), 题目分析 (formal exams) and 申诉处理.
 */
export default function ExamDetailPage() {
  const path = usePath();
  const examId = matchPath(EXAM_DETAIL_PATTERN, path)?.examId ?? '';
  const initialTab = readHashQuery().get('tab') as TabKey | null;
  const [tab, setTab] = useState<TabKey>(initialTab === 'analysis' || initialTab === 'appeals' ? initialTab : 'results');
  // Bumped when a mark or an appeal changes results: the header numbers reload with them.
  const [changes, setChanges] = useState(0);

  const account = useAccount();
  const exam = useLatestLoad(() => callExam('getExam', { examId }), [examId]);
  const e = exam.data?.exam;
  // Regulators the rule reaches and reached enterprises' admins see results too; appeals and the
  // reach preview are the organiser's (the server decides; this only avoids offering a refusal).
  const organiser = !!e && manages(account, e);
  const summary = useLatestLoad(() => callExam('examResults', { examId, page: 1, pageSize: 1 }).then((r) => r.summary), [examId, changes]);
  const reach = useLatestLoad(() => (organiser ? callExam('previewExamReach', { examId }) : Promise.resolve(null)), [examId, organiser]);

  const changeTab = (k: TabKey) => {
    setTab(k);
    writeHashQuery({ tab: k === 'results' ? undefined : k });
  };
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/exams')} data-testid="exam-detail-back">
      考试列表
    </Button>
  );

  if (exam.loading && !e) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (exam.error || !e)
    return (
      <>
        <PageHeader title="考试详情" extra={back} />
        {exam.error ? (
          <LoadErrorAlert what="考试" error={exam.error} onRetry={exam.reload} testId="exam-detail-error" />
        ) : (
          <Result status="404" title="考试不存在或无权查看" extra={back} />
        )}
      </>
    );

  const phase = phaseOf(e);
  const tabs = [
    { key: 'results', label: '考试结果' },
    ...(e.kind === 'formal' ? [{ key: 'analysis', label: '题目分析' }] : []),
    ...(organiser ? [{ key: 'appeals', label: '申诉处理' }] : []),
  ];
  return (
    <div data-testid="exam-detail">
      <PageHeader
        title={e.title}
        description={
          <Space size={4} wrap>
            <ExamStatusTag status={e.status} />
            <Tag bordered={false} color={phase.color} data-testid="exam-phase">
              {phase.text}
            </Tag>
            <Tag bordered={false} color="blue">
              {EXAM_KIND_ZH[e.kind]}
            </Tag>
            <Tag bordered={false}>{EXAM_TIER_ZH[e.tier]}</Tag>
            {e.spot && (
              <Tag bordered={false} color="purple">
                逢查必考 · 考试码 {e.spot.code}
              </Tag>
            )}
          </Space>
        }
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => (exam.reload(), setChanges((n) => n + 1))}>
              刷新
            </Button>
            {back}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={3} data-testid="exam-detail-info">
          <Descriptions.Item label="考试时间">
            {dateTime(e.opensAt)} 至 {dateTime(e.closesAt)}
          </Descriptions.Item>
          <Descriptions.Item label="时长">{e.durationMinutes} 分钟</Descriptions.Item>
          <Descriptions.Item label="满分 / 及格">
            {points(e.fullScore)} / {points(e.passScore)} 分
          </Descriptions.Item>
          <Descriptions.Item label="补考">{retakeText(e)}</Descriptions.Item>
          <Descriptions.Item label="查看解析">{e.allowReview ? `允许（申诉期 ${e.appealDays} 天）` : '不允许'}</Descriptions.Item>
          {organiser ? (
            <Descriptions.Item label="覆盖范围">
              {reach.data ? (
                <span data-testid="exam-reach">
                  {reach.data.persons} 人 / {reach.data.enterprises} 家企业
                </span>
              ) : reach.error ? (
                <Typography.Text type="secondary">—</Typography.Text>
              ) : (
                '计算中…'
              )}
            </Descriptions.Item>
          ) : (
            <Descriptions.Item label="组织单位">{e.publisher.name}</Descriptions.Item>
          )}
          {e.voidedQuestionIds.length > 0 && <Descriptions.Item label="作废题目">{e.voidedQuestionIds.length} 道（申诉采纳，不计分）</Descriptions.Item>}
        </Descriptions>
      </Card>
      <div style={{ marginBottom: 12 }}>
        {summary.error ? <LoadErrorAlert what="考试统计" error={summary.error} onRetry={summary.reload} /> : <Rollup summary={summary.data} />}
      </div>
      <Card size="small" styles={{ body: { paddingTop: 4 } }}>
        {e.status === 'draft' ? (
          <Empty description="考试尚未发布，发布后可查看考试结果" />
        ) : (
          <>
            <Tabs activeKey={tabs.some((t) => t.key === tab) ? tab : 'results'} onChange={(k) => changeTab(k as TabKey)} items={tabs} data-testid="exam-detail-tabs" />
            <Suspense fallback={<PageSpinner />}>
              {(tab === 'results' || !tabs.some((t) => t.key === tab)) && <ResultsTab exam={e} onChanged={() => setChanges((n) => n + 1)} />}
              {tab === 'analysis' && e.kind === 'formal' && <ItemAnalysisTab exam={e} />}
              {tab === 'appeals' && organiser && <AppealsTab exam={e} onChanged={() => (exam.reload(), setChanges((n) => n + 1))} />}
            </Suspense>
          </>
        )}
      </Card>
    </div>
  );
}
