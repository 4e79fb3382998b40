import { lazy, Suspense, useMemo, useState } from 'react';
import { Alert, Checkbox, Col, Empty, Row, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ExamDetail } from '@shared/contracts/exam';
import { QUESTION_TYPE_ZH, type QuestionType } from '@shared/exam/basics';
import { ITEM_FLAG_ZH, type ItemFlag } from '@shared/exam/itemAnalysis';
import { callExam, type ExamOutput } from '../../exam';
import { useLatestLoad } from '../../components/useLatestLoad';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';

const ItemChart = lazy(() => import('./ItemChart'));

type By = 'overall' | 'region' | 'industry';
type Analysis = ExamOutput<'itemAnalysis'>;
type Item = Analysis['groups'][number]['items'][number] & { no: number };

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * 题目分析 of a formal exam: per question the facility (通过率) and discrimination (upper − lower
 * 27 %), overall or per region / industry; questions flagged by the server (facility < 0.2,
 * negative discrimination) are highlighted; voided questions marked.
 */
export default function ItemAnalysisTab({ exam }: { exam: ExamDetail }) {
  const [by, setBy] = useState<By>('overall');
  const [groupKey, setGroupKey] = useState<string | undefined>();
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const { data, loading, error, reload } = useLatestLoad<Analysis>(() => callExam('itemAnalysis', { examId: exam._id, by }), [exam._id, by]);

  const group = data?.groups.find((g) => g.key === groupKey) ?? data?.groups[0];
  const items: Item[] = useMemo(() => (group?.items ?? []).map((it, i) => ({ ...it, no: i + 1 })), [group]);
  const shown = flaggedOnly ? items.filter((i) => i.flags.length > 0) : items;
  const flaggedCount = items.filter((i) => i.flags.length > 0).length;

  return (
    <div data-testid="item-analysis">
      <Space wrap size={[12, 12]} style={{ marginBottom: 12 }}>
        <Segmented<By>
          value={by}
          onChange={(v) => {
            setBy(v);
            setGroupKey(undefined);
          }}
          options={[
            { value: 'overall', label: '总体' },
            { value: 'region', label: '按地区' },
            { value: 'industry', label: '按行业' },
          ]}
          data-testid="analysis-by"
        />
        {by !== 'overall' && data && (
          <Select
            style={{ width: 240 }}
            value={group?.key}
            onChange={setGroupKey}
            options={data.groups.map((g) => ({ value: g.key, label: `${g.name}（${g.items.reduce((m, i) => Math.max(m, i.n), 0)} 人作答）` }))}
            placeholder={by === 'region' ? '选择地区' : '选择行业'}
            notFoundContent="暂无数据"
            data-testid="analysis-group"
          />
        )}
        <Checkbox checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.target.checked)} data-testid="analysis-flagged-only">
          只看需关注的题目
        </Checkbox>
        {data && (
          <Typography.Text type="secondary">
            有效答卷 {data.responses} 份（不含作弊与未交卷）；{flaggedCount} 道题需关注
          </Typography.Text>
        )}
      </Space>
      {error && <LoadErrorAlert what="题目分析" error={error} onRetry={reload} testId="analysis-error" />}
      {data && data.responses < 10 && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message="作答人数少于 10 人时不做标记：统计结果仅供参考" />
      )}
      <Row gutter={16}>
        <Col span={16}>
          <Table<Item>
            rowKey="questionId"
            size="small"
            loading={loading}
            dataSource={shown}
            rowClassName={(r) => (r.flags.length ? 'item-flagged' : '')}
            onRow={(r) => ({ style: r.flags.length ? { background: '#fff1f0' } : r.voided ? { color: 'rgba(0,0,0,0.45)' } : undefined })}
            pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (t) => `共 ${t} 题` }}
            columns={[
              { title: '#', dataIndex: 'no', width: 48 },
              { title: '题型', dataIndex: 'type', width: 72, render: (v: QuestionType) => QUESTION_TYPE_ZH[v] },
              {
                title: '题干',
                dataIndex: 'stem',
                ellipsis: { showTitle: false },
                render: (v: string, r) => (
                  <Tooltip title={v} placement="topLeft">
                    {r.voided && <Tag>已作废</Tag>}
                    {v}
                  </Tooltip>
                ),
              },
              { title: '作答人数', dataIndex: 'n', width: 80, align: 'right' },
              { title: '通过率', dataIndex: 'facility', width: 80, align: 'right', sorter: (a, b) => a.facility - b.facility, render: (v: number) => pct(v) },
              {
                title: '区分度',
                dataIndex: 'discrimination',
                width: 80,
                align: 'right',
                sorter: (a, b) => (a.discrimination ?? 0) - (b.discrimination ?? 0),
                render: (v: number | null) => (v === null ? '—' : v.toFixed(2)),
              },
              {
                title: '提示',
                dataIndex: 'flags',
                width: 150,
                render: (flags: ItemFlag[]) =>
                  flags.map((f) => (
                    <Tooltip key={f} title={ITEM_FLAG_ZH[f]}>
                      <Tag color="error" bordered={false} data-testid="item-flag">
                        {f === 'lowFacility' ? '过难' : '区分度为负'}
                      </Tag>
                    </Tooltip>
                  )),
              },
            ]}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={error ? '加载失败' : flaggedOnly ? '没有需关注的题目' : '暂无已交卷的答卷'} /> }}
            data-testid="analysis-table"
          />
        </Col>
        <Col span={8}>
          <Typography.Text type="secondary">通过率 × 区分度（红色：需关注）</Typography.Text>
          <Suspense fallback={<div style={{ height: 240 }} />}>
            <ItemChart items={items.filter((i) => !i.voided).map((i) => ({ no: i.no, stem: i.stem, facility: i.facility, discrimination: i.discrimination, flagged: i.flags.length > 0 }))} />
          </Suspense>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
            通过率：答对人数 ÷ 作答人数，低于 20% 说明题目过难或答案有误；区分度：成绩前 27% 考生的答对率减去后 27% 的答对率，为负说明高分考生反而更易答错，建议复核题目与答案。
          </Typography.Paragraph>
        </Col>
      </Row>
    </div>
  );
}
