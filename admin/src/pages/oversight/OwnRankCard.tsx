import { useState } from 'react';
import { Card, Col, Row, Segmented, Statistic, Typography } from 'antd';
import type { RankingsResult } from '@shared/contracts/oversight';
import { RANKING_METRIC_ZH, RANKING_METRICS, type RankingMetric } from '@shared/oversight/ranking';
import { metricText } from '@shared/oversight/rankingSheets';
import { callOversight } from '../../oversight';
import { useLatestLoad } from '../../components/useLatestLoad';

/** An enterprise admin's dashboard: its enterprise's rank among its county's enterprises (oversight.rankings `own`). */
export function OwnRankCard() {
  const [by, setBy] = useState<RankingMetric>('completionRate');
  const { data, loading, error } = useLatestLoad<RankingsResult>(() => callOversight('rankings', { by, period: 'all' }), [by]);
  const own = data?.own;
  return (
    <Card
      size="small"
      title={data ? `在${data.scope.name}企业中的排名` : '县区排名'}
      loading={!data && loading}
      style={{ marginTop: 12 }}
      data-testid="own-rank"
      extra={<Segmented<RankingMetric> size="small" value={by} onChange={setBy} options={RANKING_METRICS.map((m) => ({ value: m, label: RANKING_METRIC_ZH[m] }))} />}
    >
      {error && <Typography.Text type="danger">排名加载失败：{error}</Typography.Text>}
      {own && data && (
        <Row gutter={12}>
          <Col span={8}>
            <Statistic title="名次" value={own.rank ?? '未参与排名'} suffix={own.rank ? `/ ${own.total}` : undefined} valueStyle={{ fontSize: own.rank ? 24 : 16 }} />
          </Col>
          <Col span={8}>
            <Statistic title={RANKING_METRIC_ZH[data.by]} value={metricText(data.by, own.value)} />
          </Col>
          <Col span={8}>
            <Statistic title="在册人数" value={own.persons} />
          </Col>
          <Col span={24}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {own.rank ? `按累计数据，在册不少于 ${data.minStaff} 人的 ${own.total} 家企业中排名；并列者名次相同。` : `在册人数少于 ${data.minStaff} 人的企业不参与排名。`}
            </Typography.Text>
          </Col>
        </Row>
      )}
    </Card>
  );
}
