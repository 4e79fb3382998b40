import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Empty, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { ReconcileItem, ReconcileKind, ReconcilePage as Page } from '@shared/contracts/imports';
import { UNDERSTAFFED_MIN_INSURED, UNDERSTAFFED_RATIO } from '@shared/baselines';
import { exportSheetBytes } from '@shared/baselineSheet';
import { isoWeekKey, isoWeekRange } from '@shared/calendar';
import { INDUSTRIES, labelOf, type IndustryCode } from '@shared/taxonomy';
import { call, errorMessage } from '../../api';
import { useAccount } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { RegionCascader } from '../../components/RegionCascader';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { downloadBytes } from '../../download';
import { shortRegionName } from '../../format';
import { fmt, IndustrySelect, PeriodPicker, useDefaultPeriod } from './shared';

const PAGE = 50;
const EXPORT_PAGE = 200;

const KINDS: { key: ReconcileKind; label: string; hint: string }[] = [
  { key: 'unregistered', label: '未注册企业', hint: '在本期市场主体名单中、但尚未在平台注册的企业。' },
  {
    key: 'understaffed',
    label: '注册人数偏低',
    hint: `已注册企业中，在职注册人数低于本期社保参保人数 ${UNDERSTAFFED_RATIO * 100}% 的企业（参保不足 ${UNDERSTAFFED_MIN_INSURED} 人的企业不列入）。`,
  },
  { key: 'inactive', label: '本周无学习', hint: '已注册且有在职人员、但所选周内没有任何人学习的企业。' },
];

/** "2026-W48" → "2026年第48周（11.23–11.29）". */
function weekLabel(key: string): string {
  const { start, end } = isoWeekRange(key);
  const s = dayjs(start).utcOffset(480);
  const e = dayjs(end).utcOffset(480).subtract(1, 'day');
  return `${key.slice(0, 4)}年第${Number(key.slice(6))}周（${s.format('M.D')}–${e.format('M.D')}）`;
}

/**
 * 名单比对: three lists against the period's 基础名单 in the account's scope; cursor-paged (加载更多),
 * exported whole to xlsx in steps with progress.
 */
export default function ReconcilePage() {
  const account = useAccount();
  const { message } = App.useApp();
  const [period, setPeriod, periods] = useDefaultPeriod();
  const [kind, setKind] = useState<ReconcileKind>('unregistered');
  const [week, setWeek] = useState(() => isoWeekKey(new Date()));
  const [regionPath, setRegionPath] = useState<string[]>([]);
  const [industry, setIndustry] = useState<IndustryCode | undefined>();
  const [items, setItems] = useState<ReconcileItem[]>([]);
  const [page, setPage] = useState<Page | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const [exporting, setExporting] = useState<number | null>(null);
  const seq = useRef(0);
  const regionCode = regionPath[regionPath.length - 1];
  const input = useMemo(() => ({ kind, period, regionCode, industry, ...(kind === 'inactive' ? { week } : {}) }), [kind, period, regionCode, industry, week]);

  const load = useCallback(
    async (cursor: string | null) => {
      const mine = ++seq.current;
      setLoading(true);
      setError(null);
      try {
        const r = await call('imports', 'baselineReconcile', { ...input, pageSize: PAGE, ...(cursor ? { cursor } : {}) });
        if (mine !== seq.current) return;
        setItems((prev) => (cursor ? [...prev, ...r.items] : r.items));
        setPage(r);
      } catch (e) {
        if (mine !== seq.current) return;
        setError(errorMessage(e));
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    },
    [input],
  );

  useEffect(() => {
    if (!period) return;
    setItems([]);
    setPage(null);
    void load(null);
  }, [load, period, nonce]);

  async function exportAll() {
    setExporting(0);
    try {
      const rows: ReconcileItem[] = [];
      let cursor: string | null = null;
      do {
        const r: Page = await call('imports', 'baselineReconcile', { ...input, pageSize: EXPORT_PAGE, ...(cursor ? { cursor } : {}) });
        rows.push(...r.items);
        cursor = r.cursor;
        // Known total for the indexed list; otherwise the rows found so far.
        setExporting(r.total ? Math.min(99, Math.floor((rows.length / r.total) * 100)) : rows.length);
      } while (cursor);
      const k = KINDS.find((x) => x.key === kind)!;
      const header = ['统一社会信用代码', '企业名称', '所属区划', '行业', ...(kind === 'understaffed' ? ['参保人数', '在职注册人数', '注册比例'] : kind === 'inactive' ? ['在职注册人数'] : [])];
      const body = rows.map((r) => [
        r.creditCode,
        r.name,
        r.regionName,
        labelOf(INDUSTRIES, r.industry ?? ''),
        ...(kind === 'understaffed' ? [r.insured ?? 0, r.staff ?? 0, `${Math.round((r.ratio ?? 0) * 1000) / 10}%`] : kind === 'inactive' ? [r.staff ?? 0] : []),
      ]);
      const title = kind === 'inactive' ? `${k.label} ${weekLabel(week)}` : `${k.label} ${period}`;
      downloadBytes(exportSheetBytes(title, header, body, [22, 32, 24, 10, 10, 12, 10]), `名单比对-${k.label}-${kind === 'inactive' ? week : period}.xlsx`);
      message.success(`已导出 ${rows.length} 家`);
    } catch (e) {
      message.error(`导出失败：${errorMessage(e)}`);
    } finally {
      setExporting(null);
    }
  }

  const columns: ColumnsType<ReconcileItem> = [
    { title: '统一社会信用代码', dataIndex: 'creditCode', width: 190, render: (v: string) => <span className="mono">{v}</span> },
    { title: '企业名称', dataIndex: 'name', ellipsis: true },
    { title: '所属区划', dataIndex: 'regionName', width: 200, render: (v: string) => <span title={v}>{shortRegionName(v, account.regionName)}</span> },
    { title: '行业', dataIndex: 'industry', width: 90, render: (v: string | null) => labelOf(INDUSTRIES, v ?? '') || '—' },
    ...(kind === 'understaffed'
      ? [
          { title: '参保人数', dataIndex: 'insured', width: 100, align: 'right' as const, render: (v?: number) => fmt(v) },
          { title: '在职注册人数', dataIndex: 'staff', width: 120, align: 'right' as const, render: (v?: number) => fmt(v) },
          {
            title: '注册比例',
            dataIndex: 'ratio',
            width: 100,
            align: 'right' as const,
            render: (v?: number) => <Typography.Text type="danger">{Math.round((v ?? 0) * 1000) / 10}%</Typography.Text>,
          },
        ]
      : kind === 'inactive'
        ? [{ title: '在职注册人数', dataIndex: 'staff', width: 120, align: 'right' as const, render: (v?: number) => fmt(v) }]
        : []),
  ];

  const k = KINDS.find((x) => x.key === kind)!;
  const counted = !page ? (loading ? '加载中…' : '') : page.total !== undefined ? `共 ${fmt(page.total)} 家` : `已找到 ${fmt(items.length)} 家${page?.cursor ? '（未查完）' : ''}`;
  return (
    <>
      <PageHeader title="名单比对" description="以基础名单为底数，找出未注册、注册人数偏低和本周无学习的企业，可导出Excel督办。" />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap size="middle">
          {kind === 'inactive' ? (
            <span>
              学习周：
              <DatePicker
                picker="week"
                allowClear={false}
                value={dayjs(isoWeekRange(week).start)}
                onChange={(d) => d && setWeek(isoWeekKey(d.add(12, 'hour').toDate()))}
                format={() => weekLabel(week)}
                style={{ width: 230 }}
                data-testid="reconcile-week"
              />
            </span>
          ) : (
            <span>
              统计期：
              <PeriodPicker value={period} onChange={setPeriod} periods={periods} />
            </span>
          )}
          <RegionCascader account={account} value={regionPath} onChange={setRegionPath} style={{ width: 220 }} />
          <IndustrySelect account={account} value={industry} onChange={setIndustry} />
          <Button icon={<ReloadOutlined />} onClick={() => setNonce((n) => n + 1)}>
            刷新
          </Button>
        </Space>
      </Card>
      <Card
        size="small"
        styles={{ body: { paddingTop: 0 } }}
        extra={
          <Button icon={<FileExcelOutlined />} loading={exporting !== null} disabled={!items.length} onClick={() => void exportAll()} data-testid="reconcile-export">
            {exporting !== null ? (page?.total ? `导出中 ${exporting}%` : `导出中（已 ${exporting} 家）`) : '导出Excel'}
          </Button>
        }
        title={<Tabs activeKey={kind} onChange={(v) => setKind(v as ReconcileKind)} items={KINDS.map((x) => ({ key: x.key, label: x.label }))} data-testid="reconcile-tabs" style={{ marginBottom: -17 }} />}
      >
        <Alert type="info" showIcon message={k.hint} style={{ margin: '12px 0' }} />
        {error && <LoadErrorAlert what="名单比对" error={error} onRetry={() => setNonce((n) => n + 1)} />}
        <Table<ReconcileItem>
          rowKey="creditCode"
          size="middle"
          loading={loading && !items.length}
          columns={columns}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: <Empty description={error ? '加载失败' : kind === 'inactive' ? '所选周内没有符合条件的企业' : `${period} 没有符合条件的企业（或尚未导入基础名单）`} /> }}
          data-testid="reconcile-table"
        />
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginTop: 12 }}>
          <Typography.Text type="secondary" data-testid="reconcile-count" data-loaded={page && !loading ? kind : undefined}>
            {counted}
          </Typography.Text>
          {page?.cursor && (
            <Button loading={loading} onClick={() => void load(page.cursor)} data-testid="reconcile-more">
              加载更多
            </Button>
          )}
        </div>
      </Card>
    </>
  );
}
