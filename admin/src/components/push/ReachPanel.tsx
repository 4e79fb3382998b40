import { lazy, Suspense } from 'react';
import { Alert, Button, Card, Empty, Spin, Statistic, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ReachPreview } from '@shared/contracts/courses';
import { PRIMARY } from '../../theme';

// echarts is large: only this panel loads it, after the editor has rendered.
const ReachChart = lazy(() => import('./ReachChart'));

export function ReachSummary({ reach }: { reach: Pick<ReachPreview, 'persons' | 'enterprises'> }) {
  return (
    <div style={{ display: 'flex', gap: 32 }} data-testid="reach-summary" data-persons={reach.persons} data-enterprises={reach.enterprises}>
      <Statistic title="覆盖人数" value={reach.persons} suffix="人" />
      <Statistic title="覆盖企业" value={reach.enterprises} suffix="家" />
    </div>
  );
}

/** 覆盖预览 beside the course editor: "覆盖 N 人 / M 家企业" and a breakdown by child region and industry. */
export function ReachPanel({ reach, loading, error, onRefresh, stale }: { reach: ReachPreview | null; loading: boolean; error: string | null; onRefresh(): void; stale?: boolean }) {
  return (
    <Card
      size="small"
      title="覆盖预览"
      extra={
        <Button type="text" size="small" icon={<ReloadOutlined />} onClick={onRefresh} loading={loading} data-testid="reach-refresh">
          刷新
        </Button>
      }
      data-testid="reach-panel"
    >
      {error ? (
        <Alert type="error" showIcon message="覆盖范围计算失败" description={error} />
      ) : !reach ? (
        <div style={{ textAlign: 'center', padding: 32 }}>
          <Spin />
        </div>
      ) : (
        <Spin spinning={loading}>
          <div data-testid="reach-text" data-persons={reach.persons} data-enterprises={reach.enterprises} style={{ fontSize: 16, marginBottom: 4 }}>
            覆盖 <Typography.Text strong style={{ fontSize: 26, color: PRIMARY }}>{reach.persons.toLocaleString('zh-CN')}</Typography.Text> 人 /{' '}
            <Typography.Text strong style={{ fontSize: 26, color: PRIMARY }}>{reach.enterprises.toLocaleString('zh-CN')}</Typography.Text> 家企业
          </div>
          {stale && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              推送范围已修改，正在重新计算…
            </Typography.Text>
          )}
          {reach.persons === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="当前推送范围内没有在职人员，请放宽条件" style={{ margin: '16px 0 0' }} />
          ) : reach.enterprises <= 1 ? null : (
            <Suspense fallback={<div style={{ height: 220 }} />}>
              {reach.byRegion.length > 0 && <ReachChart title="按下级区域" buckets={reach.byRegion} testId="reach-chart-region" />}
              {reach.byIndustry.length > 0 && <ReachChart title="按行业" buckets={reach.byIndustry} testId="reach-chart-industry" />}
            </Suspense>
          )}
        </Spin>
      )}
    </Card>
  );
}
