import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Card, Col, Empty, Progress, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, DownloadOutlined, FileExcelOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { BaselineItem, BaselineSummary } from '@shared/contracts/imports';
import { BASELINE_LIST_ZH, BASELINE_LISTS, type BaselineList } from '@shared/baselines';
import { exportSheetBytes } from '@shared/baselineSheet';
import { INDUSTRIES, labelOf, type IndustryCode } from '@shared/taxonomy';
import { call, errorMessage } from '../../api';
import { useAccount } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { RegionCascader } from '../../components/RegionCascader';
import { KeywordInput } from '../../components/KeywordInput';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { downloadBytes } from '../../download';
import { shortRegionName } from '../../format';
import { writeHashQuery } from '../../router';
import { BaselineImportDialog, downloadBaselineTemplate } from './BaselineImportDialog';
import { fmt, IndustrySelect, PeriodPicker, useDefaultPeriod } from './shared';

const EXPORT_PAGE = 100;

interface Filters {
  list: BaselineList;
  regionPath: string[];
  industry?: IndustryCode;
  keyword: string;
  page: number;
  pageSize: number;
}

/** 基础名单: the period's 市场主体名单 / 社保缴纳名单 in the account's region — totals, list, import, export. */
export default function BaselinesPage() {
  const account = useAccount();
  const { message, modal } = App.useApp();
  const [period, setPeriod, periods] = useDefaultPeriod();
  const [f, setF] = useState<Filters>({ list: 'market', regionPath: [], keyword: '', page: 1, pageSize: 20 });
  const [keywordDraft, setKeywordDraft] = useState('');
  const [data, setData] = useState<{ items: BaselineItem[]; total: number } | null>(null);
  const [summary, setSummary] = useState<BaselineSummary | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const [importOpen, setImportOpen] = useState(false);
  const [exporting, setExporting] = useState<number | null>(null);
  const seq = useRef(0);
  const regionCode = f.regionPath[f.regionPath.length - 1];

  useEffect(() => {
    if (!period) return;
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    writeHashQuery({ period });
    Promise.all([
      call('imports', 'listBaselines', { period, list: f.list, regionCode, industry: f.industry, keyword: f.keyword || undefined, page: f.page, pageSize: f.pageSize }),
      call('imports', 'baselineSummary', { period, regionCode, industry: f.industry }),
    ])
      .then(([list, sum]) => {
        if (mine !== seq.current) return;
        setData(list);
        setSummary(sum);
        setLoading(false);
      })
      .catch((e) => {
        if (mine !== seq.current) return;
        setData(null);
        setError(errorMessage(e));
        setLoading(false);
      });
  }, [period, f, regionCode, nonce]);

  const filter = (patch: Partial<Filters>) => setF((x) => ({ ...x, ...patch, page: 1 }));
  const reload = useCallback(() => setNonce((n) => n + 1), []);

  async function exportAll() {
    const total = data?.total ?? 0;
    if (!total) return;
    setExporting(0);
    try {
      const rows: BaselineItem[] = [];
      for (let page = 1; rows.length < total; page++) {
        const r = await call('imports', 'listBaselines', { period, list: f.list, regionCode, industry: f.industry, keyword: f.keyword || undefined, page, pageSize: EXPORT_PAGE });
        rows.push(...r.items);
        setExporting(Math.min(99, Math.floor((rows.length / total) * 100)));
        if (r.items.length < EXPORT_PAGE) break;
      }
      const insured = f.list === 'insured';
      const header = ['统一社会信用代码', '企业名称', '所属区划', '行业', ...(insured ? ['参保人数'] : []), '平台注册'];
      const body = rows.map((r) => [r.creditCode, r.name, r.regionName, labelOf(INDUSTRIES, r.industry ?? ''), ...(insured ? [r.insured ?? 0] : []), r.registered ? '已注册' : '未注册']);
      downloadBytes(exportSheetBytes(`${period} ${BASELINE_LIST_ZH[f.list]}`, header, body, [22, 32, 24, 10, ...(insured ? [10] : []), 10]), `${BASELINE_LIST_ZH[f.list]}-${period}-${dayjs().format('YYYYMMDD')}.xlsx`);
      message.success(`已导出 ${rows.length} 行`);
    } catch (e) {
      message.error(`导出失败：${errorMessage(e)}`);
    } finally {
      setExporting(null);
    }
  }

  // 清空: the list of the period in the filtered region / industry (never the keyword: it clears what the filters show, not a search).
  function confirmClear() {
    const where = [regionCode ? '所选区域' : account.regionName || '全部区域', f.industry ? labelOf(INDUSTRIES, f.industry) : ''].filter(Boolean).join('、');
    modal.confirm({
      title: `清空 ${period} 期${BASELINE_LIST_ZH[f.list]}？`,
      content: `将删除${where}范围内本期${BASELINE_LIST_ZH[f.list]}的全部数据，周通报的底数随之变化，删除后不可恢复（可重新导入）。`,
      okText: '确认清空',
      okButtonProps: { danger: true },
      cancelText: '取消',
      async onOk() {
        try {
          const r = await call('imports', 'baselineClear', { period, list: f.list, regionCode, industry: f.industry });
          message.success(`已清空 ${r.removed} 家`);
          reload();
        } catch (e) {
          message.error(`清空失败：${errorMessage(e)}`);
        }
      },
    });
  }

  const columns = useMemo<ColumnsType<BaselineItem>>(
    () => [
      { title: '统一社会信用代码', dataIndex: 'creditCode', width: 190, render: (v: string) => <span className="mono">{v}</span> },
      { title: '企业名称', dataIndex: 'name', ellipsis: true },
      { title: '所属区划', dataIndex: 'regionName', width: 180, render: (v: string) => <span title={v}>{shortRegionName(v, account.regionName)}</span> },
      { title: '行业', dataIndex: 'industry', width: 90, render: (v: string | null) => labelOf(INDUSTRIES, v ?? '') || '—' },
      ...(f.list === 'insured' ? [{ title: '参保人数', dataIndex: 'insured', width: 100, align: 'right' as const, render: (v: number | null) => fmt(v) }] : []),
      { title: '平台注册', dataIndex: 'registered', width: 96, render: (v: boolean) => (v ? <Tag color="success">已注册</Tag> : <Tag color="warning">未注册</Tag>) },
      { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
    ],
    [f.list, account.regionName],
  );

  const t = summary?.totals;
  return (
    <>
      <PageHeader
        title="基础名单"
        description="按月导入市场主体名单和社保缴纳名单，作为注册率、参保人员注册率等周调度周通报的底数。"
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} onClick={() => downloadBaselineTemplate(f.list)} data-testid="baseline-template-page">
              下载模板
            </Button>
            <Button type="primary" icon={<UploadOutlined />} onClick={() => setImportOpen(true)} disabled={!period} data-testid="baseline-import">
              导入{BASELINE_LIST_ZH[f.list]}
            </Button>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap size="middle">
          <span>
            统计期：
            <PeriodPicker value={period} onChange={(p) => { setPeriod(p); filter({}); }} periods={periods} />
          </span>
          <Segmented<BaselineList> value={f.list} onChange={(v) => filter({ list: v })} options={BASELINE_LISTS.map((l) => ({ value: l.code, label: l.label }))} data-testid="baseline-list" />
          <RegionCascader account={account} value={f.regionPath} onChange={(p) => filter({ regionPath: p })} style={{ width: 220 }} />
          <IndustrySelect account={account} value={f.industry} onChange={(v) => filter({ industry: v })} />
          <KeywordInput draft={keywordDraft} onDraftChange={setKeywordDraft} committed={f.keyword} onSearch={(k) => filter({ keyword: k })} placeholder="企业名称或信用代码" width={200} testId="baseline-keyword" />
          <Button icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
        </Space>
      </Card>
      <Row gutter={16} style={{ marginBottom: 16 }} data-testid="baseline-totals">
        <Col span={8}>
          <Card size="small" loading={loading && !summary}>
            <Statistic title="市场主体（家）" value={t?.enterprises ?? 0} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" loading={loading && !summary}>
            <Statistic title="社保缴纳企业（家）" value={t?.insuredEnterprises ?? 0} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" loading={loading && !summary}>
            <Statistic title="参保人数（人）" value={t?.insured ?? 0} />
          </Card>
        </Col>
      </Row>
      {error && <LoadErrorAlert what="基础名单" error={error} onRetry={reload} />}
      <Card
        size="small"
        title={`${period || '—'} ${BASELINE_LIST_ZH[f.list]}`}
        extra={
          exporting !== null ? (
            <div style={{ width: 200 }} data-testid="baseline-export-progress">
              <Progress percent={exporting} size="small" />
            </div>
          ) : (
            <Space>
              <Button icon={<FileExcelOutlined />} disabled={!data?.total} onClick={() => void exportAll()} data-testid="baseline-export">
                导出Excel
              </Button>
              <Button danger icon={<DeleteOutlined />} disabled={!data?.total || !!f.keyword} onClick={confirmClear} data-testid="baseline-clear">
                清空
              </Button>
            </Space>
          )
        }
      >
        <Table<BaselineItem>
          rowKey="_id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty description={error ? '加载失败' : `${period} 暂无${BASELINE_LIST_ZH[f.list]}，请点击右上角导入`} /> }}
          pagination={{
            current: f.page,
            pageSize: f.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (n) => `共 ${fmt(n)} 家`,
            onChange: (page, pageSize) => setF((x) => ({ ...x, page: pageSize === x.pageSize ? page : 1, pageSize })),
          }}
          data-testid="baseline-table"
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          社保缴纳名单的所属区划和行业取自同期市场主体名单；同一期同一企业重复导入会覆盖，不会重复。
        </Typography.Text>
      </Card>
      <BaselineImportDialog open={importOpen} period={period} list={f.list} onClose={() => setImportOpen(false)} onImported={reload} />
    </>
  );
}
