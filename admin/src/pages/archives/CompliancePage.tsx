import { useState } from 'react';
import { App as AntApp, Button, Card, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { exportSheetBytes } from '@shared/baselineSheet';
import type { ExpiringCertificateRow, HoursShortRow, TrainerComplianceRow } from '@shared/contracts/oversight';
import { INDUSTRIES, POST_CATEGORIES, SCALES, labelOf, type IndustryCode } from '@shared/taxonomy';
import { errorMessage } from '../../api';
import { downloadBytes } from '../../download';
import { PageHeader } from '../../components/PageHeader';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { useLatestLoad } from '../../components/useLatestLoad';
import { callOversight } from '../../oversight';

const EXPORT_PAGE = 200;
const EXPORT_MAX = 20_000;

/** Fetches every page (200 at a time, with progress) for an export. */
async function allPages<T>(fetch: (page: number) => Promise<{ items: T[]; total: number }>, progress: (done: number, total: number) => void): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const r = await fetch(page);
    out.push(...r.items);
    progress(out.length, r.total);
    if (r.items.length < EXPORT_PAGE || out.length >= Math.min(r.total, EXPORT_MAX)) return out;
  }
}

function useExport() {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (name: string, work: (progress: (d: number, t: number) => void) => Promise<Uint8Array>) => {
    setBusy('准备中…');
    try {
      downloadBytes(await work((d, t) => setBusy(`已读取 ${d} / ${t}`)), name);
      message.success('已导出');
    } catch (e) {
      message.error(`导出失败：${errorMessage(e)}`);
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

function TrainersTab() {
  const [q, setQ] = useState<{ industry?: IndustryCode; page: number; pageSize: number }>({ page: 1, pageSize: 20 });
  const { data, loading, error, reload } = useLatestLoad(() => callOversight('complianceList', { list: 'trainers', ...q }) as Promise<{ items: TrainerComplianceRow[]; total: number }>, [q]);
  const ex = useExport();
  const columns: ColumnsType<TrainerComplianceRow> = [
    { title: '企业名称', dataIndex: 'name' },
    { title: '所在地区', dataIndex: 'regionName', width: 220 },
    { title: '行业', dataIndex: 'industry', width: 100, render: (v: string) => labelOf(INDUSTRIES, v) },
    { title: '规模', dataIndex: 'scale', width: 90, render: (v: string) => labelOf(SCALES, v) },
    { title: '职工数', dataIndex: 'staff', width: 80, align: 'right' },
    { title: '内训师', dataIndex: 'trainers', width: 80, align: 'right' },
    { title: '应配', dataIndex: 'required', width: 70, align: 'right' },
    { title: '是否达标', dataIndex: 'meets', width: 100, render: (v: boolean) => (v ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>) },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder="全部行业" style={{ width: 140 }} value={q.industry} onChange={(industry) => setQ({ ...q, industry, page: 1 })} options={INDUSTRIES.map((i) => ({ value: i.code, label: i.label }))} />
        <Button icon={<DownloadOutlined />} loading={!!ex.busy} data-testid="export-trainers"
          onClick={() => ex.run('内训师配备情况.xlsx', async (p) => {
            const rows = await allPages((page) => callOversight('complianceList', { list: 'trainers', industry: q.industry, page, pageSize: EXPORT_PAGE }) as Promise<{ items: TrainerComplianceRow[]; total: number }>, p);
            return exportSheetBytes('内训师配备情况', ['企业名称', '所在地区', '行业', '规模', '职工数', '内训师', '应配', '是否达标', '配备要求'], rows.map((r) => [r.name, r.regionName, labelOf(INDUSTRIES, r.industry), labelOf(SCALES, r.scale), r.staff, r.trainers, r.required, r.meets ? '达标' : '未达标', r.rule]), [32, 28, 10, 10, 8, 8, 8, 10, 36]);
          })}>
          {ex.busy ?? '导出'}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">适用高危行业企业（不低于职工总数千分之五，且不少于3人）和其他规模以上企业（不低于千分之三）；内训师即岗位类别为“内训师”的在职人员，由企业管理员在人员管理中设置。</Typography.Paragraph>
      {error && <LoadErrorAlert what="内训师清单" error={error} onRetry={reload} />}
      <Table rowKey="enterpriseId" size="middle" loading={loading} columns={columns} dataSource={data?.items ?? []} locale={{ emptyText: '暂无适用企业' }}
        pagination={{ current: q.page, pageSize: q.pageSize, total: data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 家`, onChange: (page, pageSize) => setQ({ ...q, page, pageSize }) }} data-testid="trainers-table" />
    </>
  );
}

function ExpiringTab() {
  const [q, setQ] = useState<{ days: number; page: number; pageSize: number }>({ days: 90, page: 1, pageSize: 20 });
  const { data, loading, error, reload } = useLatestLoad(() => callOversight('complianceList', { list: 'expiring', ...q }) as Promise<{ items: ExpiringCertificateRow[]; total: number }>, [q]);
  const ex = useExport();
  const columns: ColumnsType<ExpiringCertificateRow> = [
    { title: '姓名', dataIndex: 'name', width: 110 },
    { title: '身份证号', dataIndex: 'idMasked', width: 200, render: (v: string) => <span className="mono">{v}</span> },
    { title: '所在企业', dataIndex: 'enterpriseName' },
    { title: '证书编号', dataIndex: 'certificateNumber', width: 180 },
    { title: '有效期至', dataIndex: 'expiresOn', width: 120 },
    { title: '剩余天数', dataIndex: 'daysLeft', width: 110, render: (v: number) => (v < 0 ? <Tag color="red">已过期 {-v} 天</Tag> : <Tag color={v <= 30 ? 'orange' : 'gold'}>{v} 天</Tag>) },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>
          有效期在 <InputNumber min={1} max={365} value={q.days} onChange={(v) => v && setQ({ ...q, days: v, page: 1 })} style={{ width: 80 }} /> 天内到期（含已过期）
        </span>
        <Button icon={<DownloadOutlined />} loading={!!ex.busy} data-testid="export-expiring"
          onClick={() => ex.run('特种作业人员证书到期台账.xlsx', async (p) => {
            const rows = await allPages((page) => callOversight('complianceList', { list: 'expiring', days: q.days, page, pageSize: EXPORT_PAGE }) as Promise<{ items: ExpiringCertificateRow[]; total: number }>, p);
            return exportSheetBytes(`特种作业人员证书到期台账（${q.days}天内）`, ['姓名', '身份证号', '所在企业', '证书编号', '有效期至', '剩余天数'], rows.map((r) => [r.name, r.idMasked, r.enterpriseName ?? '', r.certificateNumber, r.expiresOn, r.daysLeft]), [10, 22, 32, 22, 12, 10]);
          })}>
          {ex.busy ?? '导出'}
        </Button>
      </Space>
      {error && <LoadErrorAlert what="证书到期台账" error={error} onRetry={reload} />}
      <Table rowKey="personId" size="middle" loading={loading} columns={columns} dataSource={data?.items ?? []} locale={{ emptyText: '暂无即将到期的特种作业操作证' }}
        pagination={{ current: q.page, pageSize: q.pageSize, total: data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 人`, onChange: (page, pageSize) => setQ({ ...q, page, pageSize }) }} data-testid="expiring-table" />
    </>
  );
}

function HoursTab() {
  const [rows, setRows] = useState<HoursShortRow[]>([]);
  const [state, setState] = useState<{ cursor: string | null; scanned: number; done: boolean; loading: boolean; error: string | null }>({ cursor: null, scanned: 0, done: false, loading: false, error: null });
  const ex = useExport();
  const more = async () => {
    setState((s) => ({ ...s, loading: true, error: null }));
    try {
      const r = (await callOversight('complianceList', { list: 'hours', pageSize: 200, ...(state.cursor ? { cursor: state.cursor } : {}) })) as { items: HoursShortRow[]; scanned: number; nextCursor: string | null };
      setRows((x) => [...x, ...r.items]);
      setState((s) => ({ ...s, cursor: r.nextCursor, scanned: s.scanned + r.scanned, done: !r.nextCursor, loading: false }));
    } catch (e) {
      setState((s) => ({ ...s, loading: false, error: errorMessage(e) }));
    }
  };
  const columns: ColumnsType<HoursShortRow> = [
    { title: '姓名', dataIndex: 'name', width: 110 },
    { title: '身份证号', dataIndex: 'idMasked', width: 200, render: (v: string) => <span className="mono">{v}</span> },
    { title: '所在企业', dataIndex: 'enterpriseName' },
    { title: '岗位类别', dataIndex: 'postCategory', width: 140, render: (v: string) => labelOf(POST_CATEGORIES, v) },
    { title: '要求学时', dataIndex: 'required', width: 90 },
    { title: '在线', dataIndex: 'onlineHours', width: 80 },
    { title: '线下', dataIndex: 'offlineHours', width: 80 },
    { title: '差额', dataIndex: 'gap', width: 80, render: (v: number) => <Typography.Text type="danger">{v}</Typography.Text> },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={more} loading={state.loading} disabled={state.done} data-testid="hours-more">
          {state.scanned === 0 ? '开始核查' : state.done ? '已核查全部人员' : '继续核查下一批'}
        </Button>
        <Typography.Text type="secondary">已核查 {state.scanned} 人，学时不足 {rows.length} 人（本年度，按岗位要求）</Typography.Text>
        <Button icon={<DownloadOutlined />} disabled={!rows.length} loading={!!ex.busy}
          onClick={() => ex.run('学时不足人员名单.xlsx', async () => exportSheetBytes('学时不足人员名单', ['姓名', '身份证号', '所在企业', '岗位类别', '年度', '要求学时', '在线学时', '线下学时', '差额'], rows.map((r) => [r.name, r.idMasked, r.enterpriseName ?? '', labelOf(POST_CATEGORIES, r.postCategory), r.year, r.required, r.onlineHours, r.offlineHours, r.gap]), [10, 22, 32, 16, 8, 10, 10, 10, 8]))}>
          导出已核查结果
        </Button>
      </Space>
      {state.error && <LoadErrorAlert what="学时核查" error={state.error} onRetry={more} />}
      <Table rowKey="personId" size="middle" columns={columns} dataSource={rows} pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 人` }} locale={{ emptyText: state.scanned ? '已核查的人员学时均达标' : '点击“开始核查”，逐批核查辖区在职人员本年度学时' }} data-testid="hours-table" />
    </>
  );
}

/** 合规清单: 内训师配备, 特种作业人员证书到期, 学时不足 — in the caller's scope, exportable. */
export default function CompliancePage() {
  return (
    <>
      <PageHeader title="合规清单" description="内训师配备比例、特种作业人员证书到期台账、年度学时不足人员；导出为 Excel" />
      <Card>
        <Tabs items={[{ key: 'trainers', label: '内训师配备', children: <TrainersTab /> }, { key: 'expiring', label: '证书到期台账', children: <ExpiringTab /> }, { key: 'hours', label: '学时不足', children: <HoursTab /> }]} />
      </Card>
    </>
  );
}
