import { lazy, Suspense, useState } from 'react';
import { App as AntApp, Button, Card, Empty, InputNumber, Progress, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import type { RankingRow, RankingsResult } from '@shared/contracts/oversight';
import { percent } from '@shared/oversight/dashboardSheets';
import { DEFAULT_MIN_STAFF, RANKING_METRIC_ZH, RANKING_METRICS, SCORE_FORMULA_ZH, type RankingMetric } from '@shared/oversight/ranking';
import { gradingTable, metricText, rankingTable } from '@shared/oversight/rankingSheets';
import { useAccount } from '../../auth';
import { callOversight } from '../../oversight';
import { readHashQuery, writeHashQuery } from '../../router';
import { PageHeader } from '../../components/PageHeader';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { PageSpinner } from '../../components/PageSpinner';
import { useLatestLoad } from '../../components/useLatestLoad';
import { RegionPicker } from '../../components/RegionPicker';
import { downloadBytes } from '../../download';
import { errorMessage } from '../../api';
import { PRIMARY } from '../../theme';

const EChart = lazy(() => import('./EChart'));

type Level = 'enterprise' | 'region';
type Period = 'all' | 'week';
const EXPORT_PAGE = 100;
/** An export stops after this many rows (50 pages): larger regions export a sub-region at a time. */
const EXPORT_MAX = 5000;

const METRIC_HELP: Record<RankingMetric, string> = {
  completionRate: '课程完成率 = 完成课程数 ÷ 在册人数（按课程累加，可超过100%）',
  avgPoints: '人均积分 = 学习积分 ÷ 在册人数',
  passRate: '考试合格率 = 正式考试合格人数 ÷ 参考人数',
};

/**
 * 排行榜: the enterprises of a region (staff ≥ the minimum) or its child regions, by a metric, all
 * time or this week, from the rollups (oversight.rankings); chart of the page, paged table, export
 * of the whole ranking and of the enterprises' learning scores (企业评分, grading input).
 */
export default function RankingsPage() {
  const account = useAccount();
  const { message } = AntApp.useApp();
  const q = readHashQuery();
  const [regionPath, setRegionPath] = useState<string[]>(() => (q.get('region') ? [q.get('region') as string] : []));
  const [level, setLevel] = useState<Level>(() => (q.get('level') === 'region' ? 'region' : 'enterprise'));
  const [by, setBy] = useState<RankingMetric>(() => (RANKING_METRICS as readonly string[]).includes(q.get('by') ?? '') ? (q.get('by') as RankingMetric) : 'completionRate');
  const [period, setPeriod] = useState<Period>(() => (q.get('period') === 'week' ? 'week' : 'all'));
  const [minStaff, setMinStaff] = useState<number>(() => Number(q.get('minStaff') ?? DEFAULT_MIN_STAFF) || 0);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [exporting, setExporting] = useState<{ what: string; done: number; total: number } | null>(null);
  const regionCode = regionPath[regionPath.length - 1];

  const input = { regionCode, level, by, period, minStaff } as const;
  const { data, loading, error, reload } = useLatestLoad<RankingsResult>(() => {
    writeHashQuery({ region: regionCode, level, by, period, minStaff: String(minStaff) });
    return callOversight('rankings', { ...input, page, pageSize });
  }, [regionCode, level, by, period, minStaff, page, pageSize]);

  const change = (f: () => void) => {
    f();
    setPage(1);
  };

  /** Every row of the ranking (pages of 100), with progress. */
  async function allRows(what: string, inp: typeof input): Promise<{ head: RankingsResult; rows: RankingRow[] } | null> {
    const rows: RankingRow[] = [];
    let head: RankingsResult | null = null;
    setExporting({ what, done: 0, total: 0 });
    try {
      for (let p = 1; ; p++) {
        const r = await callOversight('rankings', { ...inp, page: p, pageSize: EXPORT_PAGE });
        head = head ?? r;
        rows.push(...r.rows);
        setExporting({ what, done: rows.length, total: Math.min(r.total, EXPORT_MAX) });
        if (r.rows.length < EXPORT_PAGE || rows.length >= Math.min(r.total, EXPORT_MAX)) break;
      }
      if (head && head.total > EXPORT_MAX) message.warning(`共 ${head.total} 条，仅导出前 ${EXPORT_MAX} 条，请按下级地区分别导出`);
      return head ? { head, rows } : null;
    } catch (e) {
      message.error(`导出失败：${errorMessage(e)}`);
      return null;
    } finally {
      setExporting(null);
    }
  }

  async function exportRanking() {
    const got = await allRows('排行榜', input);
    if (!got) return;
    const t = rankingTable(got.head, got.rows);
    const { exportSheetBytes } = await import('@shared/baselineSheet');
    downloadBytes(exportSheetBytes(t.title, t.header, t.rows, t.widths), `${t.title}.xlsx`);
  }

  async function exportGrading() {
    // Every enterprise with anyone registered (minStaff 0), all-time figures.
    const got = await allRows('企业评分', { ...input, level: 'enterprise', period: 'all', minStaff: 0 });
    if (!got) return;
    const t = gradingTable(got.head.scope.name, got.rows);
    const { exportSheetBytes } = await import('@shared/baselineSheet');
    downloadBytes(exportSheetBytes(t.title, t.header, t.rows, t.widths), `${got.head.scope.name} 企业学习得分.xlsx`);
  }

  const rows = data?.rows ?? [];
  const columns: ColumnsType<RankingRow> = [
    { title: '名次', dataIndex: 'rank', width: 72, render: (r: number) => (r <= 3 ? <Tag color={['gold', 'default', 'orange'][r - 1]}>{r}</Tag> : r) },
    {
      title: '名称',
      dataIndex: 'name',
      render: (v: string, r) =>
        r.kind === 'region' ? (
          <Tooltip title="查看该地区的企业排名">
            <Typography.Link data-testid="rankings-drill" onClick={() => change(() => (setRegionPath([r.id]), setLevel('enterprise')))}>
              {v}
            </Typography.Link>
          </Tooltip>
        ) : (
          v
        ),
    },
    { title: '在册人数', dataIndex: 'persons', align: 'right' },
    { title: '课程完成率', key: 'c', align: 'right', render: (_, r) => <span style={by === 'completionRate' ? { fontWeight: 600 } : undefined}>{percent(r.completionRate)}</span> },
    { title: '人均积分', key: 'p', align: 'right', render: (_, r) => <span style={by === 'avgPoints' ? { fontWeight: 600 } : undefined}>{r.avgPoints.toFixed(1)}</span> },
    { title: '考试合格率', key: 'x', align: 'right', render: (_, r) => <span style={by === 'passRate' ? { fontWeight: 600 } : undefined}>{percent(r.passRate)}</span> },
    ...(level === 'enterprise'
      ? ([
          {
            title: (
              <Tooltip title={SCORE_FORMULA_ZH}>
                <span style={{ borderBottom: '1px dashed #999' }}>学习得分</span>
              </Tooltip>
            ),
            key: 's',
            align: 'right',
            render: (_: unknown, r: RankingRow) =>
              r.score ? (
                <Tooltip title={`注册覆盖率 ${percent(r.score.coverage)} · 课程完成度 ${percent(r.score.completion)} · 考试合格率 ${percent(r.score.pass)} · 学习活跃度 ${percent(r.score.activity)}`}>{r.score.score.toFixed(1)}</Tooltip>
              ) : (
                '—'
              ),
          },
        ] as ColumnsType<RankingRow>)
      : []),
  ];

  return (
    <div data-testid="rankings-page">
      <PageHeader
        title="排行榜"
        description={data ? `${data.scope.name} · ${RANKING_METRIC_ZH[data.by]} · ${data.period === 'all' ? '累计' : `本周 ${data.period}`}` : '数据来自实时汇总，每晚与原始记录核对'}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={exportGrading} disabled={!!exporting} data-testid="rankings-grading-export">
              企业评分导出
            </Button>
            <Button icon={<DownloadOutlined />} onClick={exportRanking} disabled={!!exporting || !data || data.total === 0} data-testid="rankings-export">
              导出排行
            </Button>
            <Button icon={<ReloadOutlined />} onClick={reload}>
              刷新
            </Button>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size="middle">
          <Segmented<Level>
            value={level}
            onChange={(v) => change(() => setLevel(v))}
            options={[
              { value: 'enterprise', label: '企业排名' },
              { value: 'region', label: '地区排名' },
            ]}
            data-testid="rankings-level"
          />
          <Space size={4}>
            <span>地区</span>
            <div style={{ width: 260 }}>
              <RegionPicker value={regionPath} onChange={(p) => change(() => setRegionPath(p))} rootCode={account.role === 'regulator' ? account.regionCode ?? undefined : undefined} changeOnSelect placeholder="本辖区" testId="rankings-region" />
            </div>
          </Space>
          <Space size={4}>
            <span>指标</span>
            <Select<RankingMetric> style={{ width: 130 }} value={by} onChange={(v) => change(() => setBy(v))} options={RANKING_METRICS.map((m) => ({ value: m, label: RANKING_METRIC_ZH[m] }))} data-testid="rankings-metric" />
          </Space>
          <Space size={4}>
            <span>周期</span>
            <Select<Period>
              style={{ width: 100 }}
              value={period}
              onChange={(v) => change(() => setPeriod(v))}
              options={[
                { value: 'all', label: '累计' },
                { value: 'week', label: '本周' },
              ]}
              data-testid="rankings-period"
            />
          </Space>
          {level === 'enterprise' && (
            <Space size={4}>
              <Tooltip title="在册人数少于此数的企业不参与排名，避免小微企业因人数少而比率虚高">
                <span>最少在册人数</span>
              </Tooltip>
              <InputNumber min={0} max={100000} precision={0} value={minStaff} onChange={(v) => change(() => setMinStaff(Number(v ?? 0)))} style={{ width: 90 }} data-testid="rankings-min-staff" />
            </Space>
          )}
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {METRIC_HELP[by]}
          {period === 'week' ? '；本周排名以本周数据 ÷ 累计在册人数计算' : ''}；并列者名次相同。
        </Typography.Paragraph>
      </Card>
      {exporting && (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="rankings-export-progress">
          正在导出{exporting.what}（{exporting.done} / {exporting.total || '…'}）
          <Progress percent={exporting.total ? Math.round((exporting.done / exporting.total) * 100) : 0} size="small" />
        </Card>
      )}
      {error && <LoadErrorAlert what="排行榜" error={error} onRetry={reload} testId="rankings-error" />}
      {!data && loading && <PageSpinner />}
      {data && (
        <div style={{ opacity: loading ? 0.6 : 1 }}>
          <Card size="small" title={`${RANKING_METRIC_ZH[data.by]}（本页）`} style={{ marginBottom: 12 }} data-testid="rankings-chart">
            {rows.length === 0 ? (
              <Empty description={level === 'enterprise' ? `暂无在册人数不少于 ${data.minStaff} 人的企业` : '暂无下级地区'} style={{ padding: 32 }} />
            ) : (
              <Suspense fallback={<div style={{ height: 260 }} />}>
                <EChart
                  height={Math.max(220, rows.length * 22 + 40)}
                  signature={`r:${data.scope.id}:${data.level}:${data.by}:${data.period}:${rows.map((r) => `${r.id}:${r.value}`).join(',')}`}
                  option={{
                    grid: { left: 8, right: 56, top: 8, bottom: 4, containLabel: true },
                    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => metricText(data.by, v) },
                    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => (data.by === 'avgPoints' ? String(v) : `${Math.round(v * 100)}%`) } },
                    yAxis: { type: 'category', data: [...rows].reverse().map((r) => `${r.rank}. ${r.name}`), axisLabel: { width: 160, overflow: 'truncate' } },
                    series: [{ name: RANKING_METRIC_ZH[data.by], type: 'bar', data: [...rows].reverse().map((r) => r.value), itemStyle: { color: PRIMARY }, barMaxWidth: 14, label: { show: true, position: 'right', formatter: (p: { value: number }) => metricText(data.by, p.value) } }],
                  }}
                  testId="rankings-canvas"
                />
              </Suspense>
            )}
          </Card>
          <Table<RankingRow>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={loading}
            data-testid="rankings-table"
            locale={{ emptyText: <Empty description="暂无排名数据" /> }}
            pagination={{
              current: page,
              pageSize,
              total: data.total,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (t) => `共 ${t} 个${level === 'enterprise' ? '企业' : '地区'}`,
              onChange: (p, s) => (s !== pageSize ? (setPageSize(s), setPage(1)) : setPage(p)),
            }}
          />
        </div>
      )}
    </div>
  );
}
