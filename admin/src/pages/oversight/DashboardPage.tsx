import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { App as AntApp, Breadcrumb, Button, Card, Col, Empty, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, FileTextOutlined, ReloadOutlined } from '@ant-design/icons';
import type { DashboardChild, DashboardResult } from '@shared/contracts/oversight';
import { COURSE_CATEGORY_ZH } from '@shared/learning/labels';
import { lastWeeks } from '@shared/oversight/rollup';
import { childrenTable, courseTable, examTable, hours, industryTable, percent, TIER_ZH, trendTable, type ExportTable } from '@shared/oversight/dashboardSheets';
import { INDUSTRIES, labelOf, type IndustryCode } from '@shared/taxonomy';
import { useAccount } from '../../auth';
import { callOversight } from '../../oversight';
import { navigate, readHashQuery, writeHashQuery } from '../../router';
import { PageHeader } from '../../components/PageHeader';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { PageSpinner } from '../../components/PageSpinner';
import { useLatestLoad } from '../../components/useLatestLoad';
import { downloadBytes } from '../../download';
import { INDUSTRY_OPTIONS } from '../../components/options';
import { PRIMARY } from '../../theme';
import { OwnRankCard } from './OwnRankCard';

// echarts is large: the charts load in their own chunk after the figures have rendered.
const EChart = lazy(() => import('./EChart'));

interface Target {
  regionCode?: string;
  enterpriseId?: string;
  label: string;
}

async function exportTable(t: ExportTable): Promise<void> {
  const { exportSheetBytes } = await import('@shared/baselineSheet');
  downloadBytes(exportSheetBytes(t.title, t.header, t.rows, t.widths), `${t.title}.xlsx`);
}

function ChartCard({ title, table, children, testId, extra }: { title: string; table: ExportTable | null; children: ReactNode; testId: string; extra?: ReactNode }) {
  const { message } = AntApp.useApp();
  return (
    <Card
      size="small"
      title={title}
      data-testid={testId}
      extra={
        <Space>
          {extra}
          <Button
            size="small"
            icon={<DownloadOutlined />}
            disabled={!table || table.rows.length === 0}
            data-testid={`${testId}-export`}
            onClick={() => table && exportTable(table).catch(() => message.error('导出失败，请重试'))}
          >
            导出
          </Button>
        </Space>
      }
      style={{ height: '100%' }}
    >
      {children}
    </Card>
  );
}

const chartFallback = <div style={{ height: 280 }} />;

/**
 * 监管首页 / 数据看板: the region (or enterprise) the account oversees, from the rollups — figures
 * against the baselines, bars by child region with drill-down (click a bar or a row), weekly trend,
 * industry breakdown, courses and exams; every chart's data exports to xlsx.
 */
export default function DashboardPage() {
  const account = useAccount();
  const q = readHashQuery();
  const [target, setTarget] = useState<Target>(() => ({ regionCode: q.get('region') || undefined, enterpriseId: q.get('enterprise') || undefined, label: '' }));
  const [trail, setTrail] = useState<Target[]>([]);
  const [week, setWeek] = useState<string | undefined>(() => q.get('week') || undefined);
  const [industry, setIndustry] = useState<IndustryCode | undefined>(() => (q.get('industry') as IndustryCode) || undefined);

  const { data, loading, error, reload } = useLatestLoad<DashboardResult>(() => {
    writeHashQuery({ region: target.regionCode, enterprise: target.enterpriseId, week, industry });
    return callOversight('dashboard', { regionCode: target.regionCode, enterpriseId: target.enterpriseId, week, industry: target.enterpriseId ? undefined : industry });
  }, [target.regionCode, target.enterpriseId, week, industry]);

  const weeks = useMemo(() => lastWeeks(Date.now(), 12).reverse(), []);
  const drill = (c: DashboardChild) => {
    if (!data) return;
    setTrail((t) => [...t, { regionCode: target.regionCode, enterpriseId: target.enterpriseId, label: data.scope.name }]);
    setTarget(c.kind === 'region' ? { regionCode: c.id, label: c.name } : { enterpriseId: c.id, label: c.name });
  };
  const back = (i: number) => {
    setTarget(trail[i]);
    setTrail((t) => t.slice(0, i));
  };

  const isEnterprise = data?.scope.kind === 'enterprise';
  const children = data?.children ?? [];
  const bars = children.filter((c) => c.totals.persons > 0 || c.totals.enterprises > 0 || c.week.learners > 0).sort((a, b) => b.totals.persons - a.totals.persons).slice(0, 30);

  const columns: ColumnsType<DashboardChild> = [
    {
      title: '名称',
      dataIndex: 'name',
      render: (v: string, c) => (
        <Space size={4}>
          <Typography.Link onClick={() => drill(c)} data-testid="dashboard-drill">
            {v}
          </Typography.Link>
          {c.kind === 'enterprise' && <Tag>企业</Tag>}
        </Space>
      ),
    },
    { title: '注册企业', key: 'e', align: 'right', sorter: (a, b) => a.totals.enterprises - b.totals.enterprises, render: (_, c) => c.totals.enterprises },
    {
      title: '注册人员 / 参保人数',
      key: 'p',
      align: 'right',
      sorter: (a, b) => a.totals.persons - b.totals.persons,
      defaultSortOrder: 'descend',
      render: (_, c) => (
        <span>
          {c.totals.persons}
          {c.baseline && <Typography.Text type="secondary"> / {c.baseline.insured}</Typography.Text>}
        </span>
      ),
    },
    { title: '本周活跃', key: 'l', align: 'right', sorter: (a, b) => a.week.learners - b.week.learners, render: (_, c) => c.week.learners },
    { title: '活跃率', key: 'r', align: 'right', sorter: (a, b) => a.activeRate - b.activeRate, render: (_, c) => percent(c.activeRate) },
    { title: '本周学时', key: 'h', align: 'right', render: (_, c) => hours(c.week.onlineSeconds) },
    { title: '累计完成', key: 'c', align: 'right', render: (_, c) => c.totals.completions },
    { title: '考试合格率', key: 'x', align: 'right', render: (_, c) => (c.totals.examTakers ? percent(c.totals.passRate) : '—') },
  ];

  const title = account.role === 'enterpriseAdmin' ? '企业数据看板' : '监管首页';
  return (
    <div data-testid="dashboard-page">
      <PageHeader
        title={title}
        description={data ? `${data.scope.name} · ${data.week}（${data.month}）${data.scope.industries ? ` · 行业：${data.scope.industries.map((i) => labelOf(INDUSTRIES, i)).join('、')}` : ''}` : '数据来自实时汇总，每晚与原始记录核对'}
        extra={
          <Space>
            {!isEnterprise && account.role !== 'enterpriseAdmin' && (
              <Select
                allowClear
                placeholder="全部行业"
                style={{ width: 150 }}
                value={industry}
                onChange={(v) => setIndustry(v)}
                options={(account.industries?.length ? INDUSTRY_OPTIONS.filter((o) => account.industries!.includes(o.value as IndustryCode)) : INDUSTRY_OPTIONS) as { value: string; label: string }[]}
                data-testid="dashboard-industry"
              />
            )}
            <Select style={{ width: 170 }} value={week ?? weeks[0]} onChange={(v) => setWeek(v === weeks[0] ? undefined : v)} options={weeks.map((w, i) => ({ value: w, label: i === 0 ? `本周 ${w}` : w }))} data-testid="dashboard-week" />
            {data && !isEnterprise && account.role !== 'enterpriseAdmin' && (
              <Button
                icon={<FileTextOutlined />}
                data-testid="dashboard-weekly-report"
                onClick={() => navigate(`/reports?tab=week&region=${data.scope.id}${week ? `&period=${week}` : ''}`)}
              >
                周通报
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={reload}>
              刷新
            </Button>
          </Space>
        }
      />
      {trail.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 12 }}
          data-testid="dashboard-trail"
          items={[...trail.map((t, i) => ({ title: <Typography.Link onClick={() => back(i)}>{t.label}</Typography.Link> })), { title: data?.scope.name ?? target.label }]}
        />
      )}
      {error && <LoadErrorAlert what="数据看板" error={error} onRetry={reload} testId="dashboard-error" />}
      {!data && loading && <PageSpinner />}
      {data && (
        <div style={{ opacity: loading ? 0.6 : 1 }}>
          <Row gutter={[12, 12]} data-testid="dashboard-kpis">
            {!isEnterprise && (
              <Col xs={12} lg={4}>
                <Card size="small">
                  <Statistic title="注册企业" value={data.totals.enterprises} suffix={data.baseline ? <Typography.Text type="secondary" style={{ fontSize: 13 }}>/ {data.baseline.enterprises}</Typography.Text> : undefined} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {data.baseline ? `注册率 ${percent(data.registrationRate.enterprises)}（${data.baseline.period} 市场主体名单）` : '未导入市场主体名单'}
                  </Typography.Text>
                </Card>
              </Col>
            )}
            <Col xs={12} lg={isEnterprise ? 6 : 4}>
              <Card size="small">
                <Statistic title="注册人员" value={data.totals.persons} suffix={data.baseline ? <Typography.Text type="secondary" style={{ fontSize: 13 }}>/ {data.baseline.insured}</Typography.Text> : undefined} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {data.baseline ? `注册率 ${percent(data.registrationRate.persons)}（参保人数）` : `本周新增 ${data.thisWeek.joined}，离职 ${data.thisWeek.leavers}`}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={12} lg={isEnterprise ? 6 : 4}>
              <Card size="small">
                <Statistic title="本周活跃学员" value={data.thisWeek.learners} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  活跃率 {percent(data.totals.persons ? data.thisWeek.learners / data.totals.persons : 0)} · 本月 {data.thisMonth.learners}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={12} lg={isEnterprise ? 6 : 4}>
              <Card size="small">
                <Statistic title="本周学习时长（小时）" value={hours(data.thisWeek.onlineSeconds)} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>累计 {hours(data.totals.onlineSeconds)} 小时</Typography.Text>
              </Card>
            </Col>
            <Col xs={12} lg={isEnterprise ? 6 : 4}>
              <Card size="small">
                <Statistic title="累计完成课程" value={data.totals.completions} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>本周 {data.thisWeek.completions}</Typography.Text>
              </Card>
            </Col>
            {!isEnterprise && (
              <Col xs={12} lg={4}>
                <Card size="small">
                  <Statistic title="考试参考人数" value={data.totals.examTakers} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>合格率 {data.totals.examTakers ? percent(data.totals.passRate) : '—'}</Typography.Text>
                </Card>
              </Col>
            )}
          </Row>
          {account.role === 'enterpriseAdmin' && <OwnRankCard />}

          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            {!isEnterprise && (
              <Col xs={24} xl={14}>
                <ChartCard title="下级地区 / 企业（点击柱形下钻）" table={childrenTable(data)} testId="dashboard-children-chart">
                  {bars.length === 0 ? (
                    <Empty description="暂无下级数据" style={{ padding: 40 }} />
                  ) : (
                    <Suspense fallback={chartFallback}>
                      <EChart
                        height={Math.max(280, bars.length * 22 + 60)}
                        signature={`c:${data.scope.id}:${data.week}:${bars.map((b) => `${b.id}:${b.totals.persons}:${b.week.learners}`).join(',')}`}
                        onClick={(i) => bars[bars.length - 1 - i] && drill(bars[bars.length - 1 - i])}
                        option={{
                          grid: { left: 8, right: 40, top: 28, bottom: 4, containLabel: true },
                          legend: { top: 0, right: 0 },
                          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                          xAxis: { type: 'value', minInterval: 1 },
                          yAxis: { type: 'category', data: [...bars].reverse().map((b) => b.name), axisLabel: { width: 120, overflow: 'truncate' } },
                          series: [
                            { name: '注册人员', type: 'bar', data: [...bars].reverse().map((b) => b.totals.persons), itemStyle: { color: PRIMARY }, barMaxWidth: 12, cursor: 'pointer' },
                            { name: '本周活跃', type: 'bar', data: [...bars].reverse().map((b) => b.week.learners), itemStyle: { color: '#52c41a' }, barMaxWidth: 12, cursor: 'pointer' },
                          ],
                        }}
                        testId="dashboard-children-canvas"
                      />
                    </Suspense>
                  )}
                </ChartCard>
              </Col>
            )}
            <Col xs={24} xl={isEnterprise ? 24 : 10}>
              <ChartCard title="近 12 周趋势" table={trendTable(data)} testId="dashboard-trend-chart">
                <Suspense fallback={chartFallback}>
                  <EChart
                    height={280}
                    signature={`t:${data.scope.id}:${data.trend.map((w) => `${w.learners}:${w.completions}:${w.joined}`).join(',')}`}
                    option={{
                      grid: { left: 8, right: 16, top: 36, bottom: 4, containLabel: true },
                      legend: { top: 0 },
                      tooltip: { trigger: 'axis' },
                      xAxis: { type: 'category', data: data.trend.map((w) => w.week.slice(5)) },
                      yAxis: { type: 'value', minInterval: 1 },
                      series: [
                        { name: '活跃学员', type: 'line', smooth: true, data: data.trend.map((w) => w.learners), itemStyle: { color: PRIMARY } },
                        { name: '完成课程', type: 'line', smooth: true, data: data.trend.map((w) => w.completions), itemStyle: { color: '#52c41a' } },
                        { name: '新增人员', type: 'line', smooth: true, data: data.trend.map((w) => w.joined), itemStyle: { color: '#faad14' } },
                        { name: '考试参考', type: 'line', smooth: true, data: data.trend.map((w) => w.examTakers), itemStyle: { color: '#722ed1' } },
                      ],
                    }}
                  />
                </Suspense>
              </ChartCard>
            </Col>
          </Row>

          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            {!isEnterprise && (
              <Col xs={24} xl={12}>
                <ChartCard title="分行业" table={industryTable(data)} testId="dashboard-industry-chart">
                  {data.industries.length === 0 ? (
                    <Empty description="暂无行业数据" style={{ padding: 40 }} />
                  ) : (
                    <Suspense fallback={chartFallback}>
                      <EChart
                        height={Math.max(240, data.industries.length * 26 + 60)}
                        signature={`i:${data.scope.id}:${data.industries.map((i) => `${i.industry}:${i.totals.persons}:${i.week.learners}`).join(',')}`}
                        option={{
                          grid: { left: 8, right: 40, top: 28, bottom: 4, containLabel: true },
                          legend: { top: 0, right: 0 },
                          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                          xAxis: { type: 'value', minInterval: 1 },
                          yAxis: { type: 'category', data: [...data.industries].reverse().map((i) => labelOf(INDUSTRIES, i.industry)) },
                          series: [
                            { name: '注册人员', type: 'bar', data: [...data.industries].reverse().map((i) => i.totals.persons), itemStyle: { color: PRIMARY }, barMaxWidth: 12 },
                            { name: '本周活跃', type: 'bar', data: [...data.industries].reverse().map((i) => i.week.learners), itemStyle: { color: '#52c41a' }, barMaxWidth: 12 },
                          ],
                        }}
                      />
                    </Suspense>
                  )}
                </ChartCard>
              </Col>
            )}
            <Col xs={24} xl={isEnterprise ? 24 : 12}>
              <ChartCard title="课程发布占比" table={courseTable(data)} testId="dashboard-share-chart">
                {data.courseShare.byCategory.length === 0 ? (
                  <Empty description="暂无课程" style={{ padding: 40 }} />
                ) : (
                  <Suspense fallback={chartFallback}>
                    <EChart
                      height={260}
                      signature={`s:${data.scope.id}:${JSON.stringify(data.courseShare)}`}
                      option={{
                        title: [
                          { text: '按类别', left: '25%', top: 0, textAlign: 'center', textStyle: { fontSize: 13, fontWeight: 'normal' } },
                          { text: '按发布单位', left: '75%', top: 0, textAlign: 'center', textStyle: { fontSize: 13, fontWeight: 'normal' } },
                        ],
                        tooltip: { trigger: 'item', formatter: '{a}<br/>{b}：{c} 门（{d}%）' },
                        legend: { bottom: 0 },
                        series: [
                          { name: '按类别', type: 'pie', radius: ['30%', '58%'], center: ['25%', '48%'], label: { formatter: '{d}%' }, data: data.courseShare.byCategory.map((c) => ({ name: COURSE_CATEGORY_ZH[c.category], value: c.count })) },
                          { name: '按发布单位', type: 'pie', radius: ['30%', '58%'], center: ['75%', '48%'], label: { formatter: '{d}%' }, data: data.courseShare.byPublisher.map((c) => ({ name: c.publisher, value: c.count })) },
                        ],
                      }}
                    />
                  </Suspense>
                )}
              </ChartCard>
            </Col>
          </Row>

          {!isEnterprise && (
            <Card size="small" title="下级明细（点击名称下钻）" style={{ marginTop: 12 }} extra={data.childrenTruncated ? <Tag color="orange">企业较多，仅列出部分</Tag> : null}>
              <Table<DashboardChild> rowKey={(c) => `${c.kind}:${c.id}`} size="small" columns={columns} dataSource={children} pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 项`, hideOnSinglePage: true }} data-testid="dashboard-children-table" locale={{ emptyText: '暂无下级数据' }} />
            </Card>
          )}

          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} xl={14}>
              <ChartCard title="推送课程完成情况" table={courseTable(data)} testId="dashboard-courses">
                <Table
                  rowKey="courseId"
                  size="small"
                  dataSource={data.courses}
                  pagination={{ pageSize: 8, hideOnSinglePage: true }}
                  locale={{ emptyText: '暂无课程' }}
                  columns={[
                    { title: '课程', dataIndex: 'title', ellipsis: true },
                    { title: '类别', dataIndex: 'category', width: 90, render: (v: keyof typeof COURSE_CATEGORY_ZH | null) => (v ? COURSE_CATEGORY_ZH[v] : '—') },
                    { title: '学习', dataIndex: 'learners', width: 70, align: 'right' },
                    { title: '完成', dataIndex: 'completions', width: 70, align: 'right' },
                    {
                      title: (
                        <Tooltip title="完成人数 ÷ 注册人员">
                          <span>完成率</span>
                        </Tooltip>
                      ),
                      dataIndex: 'completionRate',
                      width: 90,
                      align: 'right',
                      render: (v: number) => percent(v),
                    },
                  ]}
                />
              </ChartCard>
            </Col>
            <Col xs={24} xl={10}>
              <ChartCard title="考试情况（按组织层级）" table={examTable(data)} testId="dashboard-exams">
                <Table
                  rowKey="tier"
                  size="small"
                  pagination={false}
                  dataSource={data.exams}
                  columns={[
                    { title: '层级', dataIndex: 'tier', render: (v: keyof typeof TIER_ZH) => TIER_ZH[v] },
                    { title: '参考', dataIndex: 'takers', align: 'right' },
                    { title: '合格', dataIndex: 'passed', align: 'right' },
                    { title: '不合格', dataIndex: 'failed', align: 'right' },
                    { title: '合格率', dataIndex: 'passRate', align: 'right', render: (v: number, r) => (r.takers ? percent(v) : '—') },
                  ]}
                />
              </ChartCard>
            </Col>
          </Row>
        </div>
      )}
    </div>
  );
}
