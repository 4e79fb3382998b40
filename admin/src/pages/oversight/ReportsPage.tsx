import { lazy, Suspense, useMemo, useState } from 'react';
import { App as AntApp, Breadcrumb, Button, Card, Col, Empty, Progress, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowDownOutlined, ArrowUpOutlined, DownloadOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Annex3Row, Annex4Row, PeriodReport, ReportKind, ReportRow } from '@shared/oversight/report';
import { ANNEX3_TIERS, ANNEX4_TITLE, BOTTOM_MIN_PERSONS, periodLabel, previousPeriod, reportLabel } from '@shared/oversight/report';
import { percent } from '@shared/oversight/dashboardSheets';
import { lastWeeks, shanghaiMonth } from '@shared/oversight/rollup';
import { callOversight } from '../../oversight';
import { callExam } from '../../exam';
import { readHashQuery, writeHashQuery } from '../../router';
import { PageHeader } from '../../components/PageHeader';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { PageSpinner } from '../../components/PageSpinner';
import { useLatestLoad } from '../../components/useLatestLoad';
import { downloadBytes } from '../../download';
import { errorMessage } from '../../api';

const EChart = lazy(() => import('./EChart'));

type Tab = 'week' | 'month' | 'annex3' | 'annex4';
const TABS: { key: Tab; label: string }[] = [
  { key: 'week', label: '周通报' },
  { key: 'month', label: '月报' },
  { key: 'annex3', label: '附件3 汇总表' },
  { key: 'annex4', label: '附件4 人员名单' },
];

/** The last 12 months, newest first. */
function lastMonths(): string[] {
  const out = [shanghaiMonth(Date.now())];
  for (let i = 1; i < 12; i++) out.push(previousPeriod('month', out[i - 1]));
  return out;
}

async function saveWorkbook(name: string, build: (m: typeof import('@shared/oversight/report'), x: typeof import('@shared/oversight/reportXlsx')) => import('@shared/oversight/reportXlsx').ReportSheet[]) {
  const [m, x] = await Promise.all([import('@shared/oversight/report'), import('@shared/oversight/reportXlsx')]);
  downloadBytes(x.reportWorkbookBytes(build(m, x)), `${name}.xlsx`);
}

/** A rate with its change from the previous period (percentage points, arrow). */
function Change({ v }: { v: number | null }) {
  if (v == null) return <Typography.Text type="secondary">—</Typography.Text>;
  const pts = Math.round(v * 1000) / 10;
  if (pts === 0) return <Typography.Text type="secondary">持平</Typography.Text>;
  return (
    <Typography.Text type={pts > 0 ? 'success' : 'danger'}>
      {pts > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {Math.abs(pts).toFixed(1)} 个百分点
    </Typography.Text>
  );
}

const rateCell = (r: number | null) => (r == null ? <Typography.Text type="secondary">未导入</Typography.Text> : percent(r));

function rowColumns(first: string, onOpen?: (r: ReportRow) => void): ColumnsType<ReportRow> {
  return [
    { title: first, dataIndex: 'name', fixed: 'left', width: 180, render: (v: string, r) => (onOpen ? <Typography.Link onClick={() => onOpen(r)} data-testid="report-drill">{v}</Typography.Link> : v) },
    {
      title: '注册情况',
      children: [
        { title: '注册企业', key: 'e', align: 'right', render: (_, r) => (r.cur.baselineEnterprises != null ? `${r.cur.enterprises} / ${r.cur.baselineEnterprises}` : r.cur.enterprises) },
        { title: '企业注册率', key: 'er', align: 'right', sorter: (a, b) => (a.cur.enterpriseRate ?? -1) - (b.cur.enterpriseRate ?? -1), render: (_, r) => rateCell(r.cur.enterpriseRate) },
        { title: '注册人员', key: 'p', align: 'right', render: (_, r) => (r.cur.baselineInsured != null ? `${r.cur.persons} / ${r.cur.baselineInsured}` : r.cur.persons) },
        { title: '人员注册率', key: 'pr', align: 'right', sorter: (a, b) => (a.cur.personRate ?? -1) - (b.cur.personRate ?? -1), render: (_, r) => rateCell(r.cur.personRate) },
      ],
    },
    {
      title: '学习情况',
      children: [
        { title: '活跃学员', key: 'l', align: 'right', render: (_, r) => r.cur.learners },
        { title: '学习率', key: 'sr', align: 'right', sorter: (a, b) => a.cur.studyRate - b.cur.studyRate, render: (_, r) => percent(r.cur.studyRate) },
      ],
    },
    {
      title: '考试情况',
      children: [
        { title: '参考/合格', key: 'x', align: 'right', render: (_, r) => `${r.cur.examTakers} / ${r.cur.examPassed}` },
        { title: '参考率', key: 'xr', align: 'right', render: (_, r) => percent(r.cur.examRate) },
        { title: '合格率', key: 'pa', align: 'right', render: (_, r) => (r.cur.examTakers ? percent(r.cur.passRate) : '—') },
      ],
    },
    {
      title: '较上期',
      children: [
        { title: '人员注册率', key: 'c1', align: 'right', render: (_, r) => <Change v={r.change.personRate} /> },
        { title: '学习率', key: 'c2', align: 'right', render: (_, r) => <Change v={r.change.studyRate} /> },
        { title: '合格率', key: 'c3', align: 'right', render: (_, r) => <Change v={r.change.passRate} /> },
      ],
    },
  ];
}

/** 周通报 / 月报 of a region: figures, child regions (chart + table, click to open a region's report), industries, bottom lists. */
function PeriodReportView({ kind, region, onRegion }: { kind: ReportKind; region?: string; onRegion: (code: string, name: string, from: string) => void }) {
  const { message } = AntApp.useApp();
  const q = readHashQuery();
  const options = useMemo(() => (kind === 'week' ? lastWeeks(Date.now(), 12).reverse() : lastMonths()), [kind]);
  const [period, setPeriod] = useState<string>(() => (q.get('period') && options.includes(q.get('period')!) ? q.get('period')! : options[0]));
  const { data, loading, error, reload } = useLatestLoad<PeriodReport>(() => {
    writeHashQuery({ tab: kind, region, period: period === options[0] ? undefined : period });
    return kind === 'week' ? callOversight('weeklyReport', { regionCode: region, week: period }) : callOversight('monthlyReport', { regionCode: region, month: period });
  }, [kind, region, period]);
  const label = reportLabel(kind);
  const exportXlsx = () => data && saveWorkbook(`${data.scope.name}${label}_${data.period}`, (m) => m.periodReportSheets(data)).catch(() => message.error('导出失败，请重试'));
  // A town has no child regions: its table lists its enterprises instead (not drillable).
  const byEnterprise = !!data && data.regions.length === 0 && data.enterprises.length > 0;
  const rows = data ? (byEnterprise ? data.enterprises : data.regions) : [];
  const bars = byEnterprise ? [] : rows.filter((r) => r.cur.persons > 0 || r.cur.enterprises > 0);

  return (
    <div className="report-print" data-testid={`report-${kind}`}>
      <Space className="no-print" wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 230 }}
          value={period}
          onChange={setPeriod}
          data-testid="report-period"
          options={options.map((o, i) => ({ value: o, label: `${i === 0 ? (kind === 'week' ? '本周 ' : '本月 ') : ''}${kind === 'week' ? o : periodLabel('month', o)}` }))}
        />
        <Button type="primary" icon={<DownloadOutlined />} disabled={!data} onClick={exportXlsx} data-testid="report-export">
          导出 xlsx
        </Button>
        <Button icon={<PrinterOutlined />} disabled={!data} onClick={() => window.print()} data-testid="report-print">
          打印
        </Button>
        <Button icon={<ReloadOutlined />} onClick={reload}>
          刷新
        </Button>
      </Space>
      {error && <LoadErrorAlert what={label} error={error} onRetry={reload} testId="report-error" />}
      {!data && loading && <PageSpinner />}
      {data && (
        <div style={{ opacity: loading ? 0.6 : 1 }} data-testid="report-body" data-period={data.period} data-region={data.scope.regionCode}>
          <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 0 }}>
            {data.scope.name}安全生产学习注册、学习、考试情况{label}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            {periodLabel(kind, data.period)} · 对比 {data.previous} · 基础名单 {data.baselinePeriod ?? '未导入'}
          </Typography.Paragraph>
          <Row gutter={[12, 12]} data-testid="report-kpis">
            {(
              [
                ['企业注册率', data.total.cur.enterpriseRate, data.total.change.enterpriseRate, `${data.total.cur.enterprises} 家`],
                ['人员注册率', data.total.cur.personRate, data.total.change.personRate, `${data.total.cur.persons} 人`],
                ['学习率', data.total.cur.studyRate, data.total.change.studyRate, `活跃 ${data.total.cur.learners} 人`],
                ['参考率', data.total.cur.examRate, data.total.change.examRate, `参考 ${data.total.cur.examTakers} 人`],
                ['合格率', data.total.cur.passRate, data.total.change.passRate, `合格 ${data.total.cur.examPassed} 人`],
              ] as const
            ).map(([t, v, c, sub]) => (
              <Col key={t} xs={12} lg={4} style={{ flex: '1 1 0' }}>
                <Card size="small">
                  <Statistic title={t} value={v == null ? '未导入' : percent(v)} />
                  <Space size={8} style={{ fontSize: 12 }}>
                    <Typography.Text type="secondary">{sub}</Typography.Text>
                    <Change v={c} />
                  </Space>
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small" title={byEnterprise ? '分企业（注册情况为当前）' : '分地区'} style={{ marginTop: 12 }} data-testid="report-regions">
            {bars.length > 0 && (
              <div className="no-print">
                <Suspense fallback={<div style={{ height: 260 }} />}>
                  <EChart
                    height={260}
                    signature={`${data.scope.regionCode}:${data.period}:${bars.map((b) => `${b.key}:${b.cur.studyRate}`).join(',')}`}
                    onClick={(i) => bars[i] && onRegion(bars[i].key, bars[i].name, data.scope.name)}
                    option={{
                      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${(v * 100).toFixed(1)}%` },
                      legend: { top: 0 },
                      grid: { left: 48, right: 16, top: 32, bottom: 48 },
                      xAxis: { type: 'category', data: bars.map((b) => b.name), axisLabel: { interval: 0, rotate: bars.length > 8 ? 30 : 0 } },
                      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
                      series: [
                        { name: '人员注册率', type: 'bar', data: bars.map((b) => b.cur.personRate ?? 0) },
                        { name: '学习率', type: 'bar', data: bars.map((b) => b.cur.studyRate) },
                        { name: '合格率', type: 'bar', data: bars.map((b) => b.cur.passRate) },
                      ],
                    }}
                  />
                </Suspense>
              </div>
            )}
            <Table
              size="small"
              rowKey="key"
              bordered
              pagination={false}
              scroll={{ x: 1200 }}
              columns={byEnterprise ? rowColumns('企业') : rowColumns('地区', (r) => onRegion(r.key, r.name, data.scope.name))}
              dataSource={rows}
              locale={{ emptyText: <Empty description="没有下级地区" /> }}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">{data.total.cur.enterprises}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">{rateCell(data.total.cur.enterpriseRate)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">{data.total.cur.persons}</Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">{rateCell(data.total.cur.personRate)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">{data.total.cur.learners}</Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right">{percent(data.total.cur.studyRate)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={7} align="right">{`${data.total.cur.examTakers} / ${data.total.cur.examPassed}`}</Table.Summary.Cell>
                  <Table.Summary.Cell index={8} align="right">{percent(data.total.cur.examRate)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={9} align="right">{data.total.cur.examTakers ? percent(data.total.cur.passRate) : '—'}</Table.Summary.Cell>
                  <Table.Summary.Cell index={10} align="right"><Change v={data.total.change.personRate} /></Table.Summary.Cell>
                  <Table.Summary.Cell index={11} align="right"><Change v={data.total.change.studyRate} /></Table.Summary.Cell>
                  <Table.Summary.Cell index={12} align="right"><Change v={data.total.change.passRate} /></Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </Card>
          <Card size="small" title="分行业" style={{ marginTop: 12 }} data-testid="report-industries">
            <Table size="small" rowKey="key" bordered pagination={false} scroll={{ x: 1200 }} columns={rowColumns('行业')} dataSource={data.industries} locale={{ emptyText: <Empty description="暂无行业数据" /> }} />
          </Card>
          <Row gutter={12} style={{ marginTop: 12 }}>
            <Col xs={24} xl={12}>
              <Card size="small" title={`排名靠后的地区（按${data.baselinePeriod ? '人员注册率' : '学习率'}）`} data-testid="report-bottom-regions">
                <BottomList rows={data.bottomRegions} by={data.baselinePeriod ? 'personRate' : 'studyRate'} empty="没有下级地区" />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={`排名靠后的企业（按学习率，注册人员≥${BOTTOM_MIN_PERSONS}人）`} data-testid="report-bottom-enterprises">
                <BottomList rows={data.bottomEnterprises} by="studyRate" empty={data.scope.level === 'county' || data.scope.level === 'town' ? '没有符合条件的企业' : '企业排名请打开县区的报告'} />
                {data.enterprisesTruncated && <Typography.Text type="secondary">企业较多，仅统计了前 1000 家。</Typography.Text>}
              </Card>
            </Col>
          </Row>
        </div>
      )}
    </div>
  );
}

function BottomList({ rows, by, empty }: { rows: ReportRow[]; by: 'personRate' | 'studyRate'; empty: string }) {
  return (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: <Empty description={empty} /> }}
      columns={[
        { title: '名次', key: 'i', width: 60, render: (_, __, i) => <Tag color="red">倒{i + 1}</Tag> },
        { title: '名称', dataIndex: 'name' },
        { title: '注册人员', key: 'p', align: 'right', render: (_, r) => r.cur.persons },
        { title: by === 'personRate' ? '人员注册率' : '学习率', key: 'v', align: 'right', render: (_, r) => rateCell(r.cur[by]) },
        { title: '较上期', key: 'c', align: 'right', render: (_, r) => <Change v={r.change[by]} /> },
      ]}
    />
  );
}

/** 附件3 专项行动执行情况汇总表: the seed's rows and columns. */
function Annex3View({ region }: { region?: string }) {
  const { message } = AntApp.useApp();
  const months = useMemo(lastMonths, []);
  const [month, setMonth] = useState<string | undefined>(undefined);
  const { data, loading, error, reload } = useLatestLoad(() => {
    writeHashQuery({ tab: 'annex3', region, month });
    return callOversight('annex3', { regionCode: region, month });
  }, [region, month]);
  const scopeLine = data ? `${data.scope.name}　${month ? periodLabel('month', month) : '累计'}` : '';
  const tierCols = ANNEX3_TIERS.map((t, i) => ({
    title: t.label,
    children: [
      { title: '考试人数', key: `t${i}`, align: 'right' as const, render: (_: unknown, r: Annex3Row) => r.tiers[i].takers },
      { title: '及格人数', key: `p${i}`, align: 'right' as const, render: (_: unknown, r: Annex3Row) => r.tiers[i].passed },
      { title: '不及格人数', key: `f${i}`, align: 'right' as const, render: (_: unknown, r: Annex3Row) => r.tiers[i].failed },
    ],
  }));
  return (
    <div className="report-print" data-testid="report-annex3">
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Select style={{ width: 160 }} value={month ?? ''} onChange={(v) => setMonth(v || undefined)} options={[{ value: '', label: '累计' }, ...months.map((m) => ({ value: m, label: periodLabel('month', m) }))]} data-testid="annex3-month" />
        <Button type="primary" icon={<DownloadOutlined />} disabled={!data} data-testid="annex3-export" onClick={() => data && saveWorkbook(`附件3_专项行动执行情况汇总表_${data.scope.name}`, (m) => [m.annex3Sheet(data.rows, scopeLine)]).catch(() => message.error('导出失败，请重试'))}>
          导出 xlsx
        </Button>
        <Button icon={<PrinterOutlined />} disabled={!data} onClick={() => window.print()}>
          打印
        </Button>
      </Space>
      {error && <LoadErrorAlert what="附件3" error={error} onRetry={reload} />}
      {!data && loading && <PageSpinner />}
      {data && (
        <>
          <div>
            <Typography.Text>附件3</Typography.Text>
          </div>
          <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 0 }}>
            专项行动执行情况汇总表
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            {scopeLine}
          </Typography.Paragraph>
          <Table
            size="small"
            bordered
            rowKey="industry"
            pagination={false}
            dataSource={data.rows}
            data-testid="annex3-table"
            columns={[{ title: '行业门类', dataIndex: 'industry', render: (v: string) => (v === '合 计' ? <b>{v}</b> : v) }, { title: '企业数量', dataIndex: 'enterprises', align: 'right' }, { title: '参加人数', dataIndex: 'participants', align: 'right' }, ...tierCols]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            参加人数为参加学习的人员数；市级组织的考试计入县（市、区）组织考试。填报单位（盖章）、审核人、填报人、联系电话见导出表。
          </Typography.Paragraph>
        </>
      )}
    </div>
  );
}

/** 附件4 作弊、不及格和缺考人员名单 of one formal exam, paged; the export pages through it with a progress bar. */
function Annex4View({ region }: { region?: string }) {
  const { message } = AntApp.useApp();
  const [examId, setExamId] = useState<string | undefined>(() => readHashQuery().get('exam') || undefined);
  const [page, setPage] = useState(1);
  const [progress, setProgress] = useState<number | null>(null);
  const exams = useLatestLoad(() => callExam('listExams', { kind: 'formal', status: 'published', spot: false, page: 1, pageSize: 100 }), []);
  const { data, loading, error, reload } = useLatestLoad(() => {
    writeHashQuery({ tab: 'annex4', region, exam: examId });
    return examId ? callOversight('annex4', { examId, regionCode: region, page, pageSize: 50 }) : Promise.resolve(null);
  }, [examId, region, page]);

  const exportAll = async () => {
    if (!data || !examId) return;
    setProgress(0);
    try {
      const rows: Annex4Row[] = [];
      for (let p = 1; ; p++) {
        const r = await callOversight('annex4', { examId, regionCode: region, page: p, pageSize: 200 });
        rows.push(...r.items);
        setProgress(r.total ? Math.round((rows.length / r.total) * 100) : 100);
        if (rows.length >= r.total || r.items.length === 0) break;
      }
      await saveWorkbook(`附件4_${data.exam.title}`, (m) => [m.annex4Sheet(rows, ANNEX4_TITLE, `考试：${data.exam.title}`)]);
      message.success(`已导出 ${rows.length} 人`);
    } catch (e) {
      message.error(`导出失败：${errorMessage(e)}`);
    } finally {
      setProgress(null);
    }
  };
  const scoreCell = (v: Annex4Row['initial']) => (v == null ? '' : typeof v === 'number' ? v : <Tag color={v === '作弊' ? 'red' : 'orange'}>{v}</Tag>);

  return (
    <div className="report-print" data-testid="report-annex4" data-exams={exams.loading ? 'loading' : String(exams.data?.items.length ?? 0)}>
      <Space className="no-print" wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 320 }}
          placeholder="选择考试"
          loading={exams.loading}
          value={examId}
          onChange={(v) => (setExamId(v), setPage(1))}
          showSearch
          optionFilterProp="label"
          options={(exams.data?.items ?? []).map((e) => ({ value: e._id, label: e.title }))}
          notFoundContent={exams.error ? '考试列表加载失败' : '没有已发布的正式考试'}
          data-testid="annex4-exam"
        />
        <Button type="primary" icon={<DownloadOutlined />} disabled={!data || !data.total || progress != null} onClick={exportAll} data-testid="annex4-export">
          导出 xlsx
        </Button>
        <Button icon={<PrinterOutlined />} disabled={!data} onClick={() => window.print()}>
          打印
        </Button>
        {progress != null && <Progress percent={progress} size="small" style={{ width: 160 }} data-testid="annex4-progress" />}
      </Space>
      {error && <LoadErrorAlert what="附件4" error={error} onRetry={reload} />}
      {!examId && <Empty description="请选择考试" />}
      {examId && !data && loading && <PageSpinner />}
      {data && (
        <>
          <div>
            <Typography.Text>附件4</Typography.Text>
          </div>
          <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 0 }}>
            {ANNEX4_TITLE}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            考试：{data.exam.title} · 作弊 {data.summary.cheating} 人 · 不及格 {data.summary.failed} 人 · 缺考 {data.exam.closed ? `${data.summary.absent} 人` : '考试结束后统计'}
          </Typography.Paragraph>
          <Table
            size="small"
            bordered
            rowKey="personId"
            dataSource={data.items}
            loading={loading}
            data-testid="annex4-table"
            pagination={{ current: page, pageSize: 50, total: data.total, showSizeChanger: false, onChange: setPage, showTotal: (t) => `共 ${t} 人` }}
            locale={{ emptyText: <Empty description="没有作弊、不及格或缺考的人员" /> }}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '县（市、区）', dataIndex: 'county' },
              { title: '企业名称', dataIndex: 'enterprise' },
              { title: '人员类型', dataIndex: 'personType' },
              { title: '初考分数', dataIndex: 'initial', align: 'right', render: scoreCell },
              { title: '补考分数', dataIndex: 'retake', align: 'right', render: scoreCell },
              { title: '备注', dataIndex: 'remark' },
            ]}
          />
        </>
      )}
    </div>
  );
}

/**
 * 周通报 / 月报 / 附件3 / 附件4 (issue 11): from the oversight rollups; each exports a formatted xlsx
 * (shared/oversight/reportXlsx) and prints without the console chrome.
 */
export default function ReportsPage() {
  const q = readHashQuery();
  const [tab, setTab] = useState<Tab>(() => (TABS.some((t) => t.key === q.get('tab')) ? (q.get('tab') as Tab) : 'week'));
  const [region, setRegion] = useState<string | undefined>(() => q.get('region') || undefined);
  const [trail, setTrail] = useState<{ code?: string; name: string }[]>([]);
  const [current, setCurrent] = useState<string>('');
  const open = (code: string, name: string, from: string) => {
    setTrail((t) => [...t, { code: region, name: from }]);
    setCurrent(name);
    setRegion(code);
  };
  const back = (i: number) => {
    setRegion(trail[i].code);
    setCurrent(trail[i].name);
    setTrail((t) => t.slice(0, i));
  };
  return (
    <div data-testid="reports-page">
      <div className="no-print">
        <PageHeader title="统计报表" description="周通报、月报与专项行动附件3、附件4；数据来自实时汇总，每晚与原始记录核对" />
        {trail.length > 0 && (
          <Breadcrumb style={{ marginBottom: 8 }} items={[...trail.map((t, i) => ({ title: <Typography.Link onClick={() => back(i)}>{t.name}</Typography.Link> })), { title: current }]} data-testid="report-trail" />
        )}
      </div>
      <Tabs
        className="report-tabs"
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        destroyInactiveTabPane
        items={TABS.map((t) => ({
          key: t.key,
          label: t.label,
          children:
            t.key === 'week' || t.key === 'month' ? (
              <PeriodReportView kind={t.key} region={region} onRegion={open} />
            ) : t.key === 'annex3' ? (
              <Annex3View region={region} />
            ) : (
              <Annex4View region={region} />
            ),
        }))}
      />
    </div>
  );
}
