import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { EnterpriseRow } from '@shared/contracts/org';
import type { Paged } from '@shared/contracts/common';
import { INDUSTRIES, KEY_AREAS, SCALES, SUPERVISION_TYPES, labelOf, type IndustryCode } from '@shared/taxonomy';
import { call, errorMessage } from '../api';
import { useAccount } from '../auth';
import { PageHeader } from '../components/PageHeader';
import { shortRegionName } from '../format';
import { RegionCascader } from '../components/RegionCascader';
import { EnterpriseDetailDrawer } from './EnterpriseDetailDrawer';
import { CreditCodeStatusTag } from '../components/EnterpriseDescriptions';
import { readHashQuery, writeHashQuery } from '../router';
import type { CreditCodeStatus } from '@shared/contracts/org';
import { LoadErrorAlert } from '../components/LoadErrorAlert';
import { KeywordInput } from '../components/KeywordInput';

interface Query {
  keyword: string;
  regionPath: string[];
  industry?: IndustryCode;
  creditCodeStatus?: CreditCodeStatus;
  page: number;
  pageSize: number;
}

const CREDIT_CODE_FILTER: { value: CreditCodeStatus; label: string }[] = [
  { value: 'pending', label: '待核实' },
  { value: 'wrong', label: '代码有误' },
  { value: 'verified', label: '已核实' },
];

/** Columns; region names drop the part every row shares (the regulator's own region). */
const columnsFor = (scopeName: string | undefined, open: (id: string) => void): ColumnsType<EnterpriseRow> => [
  {
    title: '企业名称',
    dataIndex: 'name',
    fixed: 'left',
    width: 176,
    render: (v: string, row) => (
      <a onClick={() => open(row._id)} style={{ color: 'inherit' }}>
        {v}
      </a>
    ),
  },
  {
    title: '统一社会信用代码',
    dataIndex: 'creditCode',
    width: 176,
    render: (v: string, row) => (
      <>
        <span className="mono">{v}</span>
        {row.creditCodeStatus !== 'verified' && (
          <div>
            <CreditCodeStatusTag status={row.creditCodeStatus} />
          </div>
        )}
      </>
    ),
  },
  {
    title: '所属区域',
    dataIndex: 'regionName',
    width: 128,
    render: (v: string) => <span title={v}>{shortRegionName(v, scopeName)}</span>,
  },
  { title: '行业', dataIndex: 'industry', width: 72, render: (v: string) => labelOf(INDUSTRIES, v) },
  {
    title: '监管类型',
    dataIndex: 'supervisionType',
    width: 100,
    // The header already says 监管类型: "应急管理部门监管" → "应急管理部门" keeps the row on one line.
    render: (v: string) => labelOf(SUPERVISION_TYPES, v).replace(/监管$/, ''),
  },
  { title: '规模', dataIndex: 'scale', width: 72, render: (v: string) => labelOf(SCALES, v) },
  {
    title: '重点监管领域',
    dataIndex: 'keyAreas',
    width: 136,
    render: (v: string[] | undefined) =>
      v?.length ? (
        <Space size={[0, 4]} wrap>
          {v.map((c) => (
            <Tag key={c} color="orange">
              {labelOf(KEY_AREAS, c)}
            </Tag>
          ))}
        </Space>
      ) : (
        <Typography.Text type="secondary">—</Typography.Text>
      ),
  },
  { title: '员工数', dataIndex: 'staffCount', width: 60, align: 'right', render: (v: number) => (v ?? 0).toLocaleString('zh-CN') },
  {
    title: '联系人',
    dataIndex: 'contactName',
    width: 96,
    render: (name: string, row) => (
      <>
        <div>{name || '—'}</div>
        {row.contactPhone && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.contactPhone}
          </Typography.Text>
        )}
      </>
    ),
  },
  { title: '注册时间', dataIndex: 'createdAt', width: 92, render: (v: string) => (v ? dayjs(v).format('YYYY-MM-DD') : '—') },
  {
    title: '操作',
    key: 'actions',
    fixed: 'right',
    width: 60,
    render: (_: unknown, row) => (
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => open(row._id)} data-testid="enterprise-detail">
        详情
      </Button>
    ),
  },
];

/** Regulators' and sysadmins' enterprise register: server-side paging, filtered within scope. */
export default function EnterprisesPage() {
  const account = useAccount();
  // Filters and page live in the URL: refresh and back keep them.
  const [query, setQuery] = useState<Query>(() => {
    const q = readHashQuery();
    const n = (k: string, d: number) => (Number(q.get(k)) > 0 ? Math.floor(Number(q.get(k))) : d);
    const status = q.get('creditCodeStatus');
    const industry = q.get('industry');
    return {
      keyword: q.get('keyword') ?? '',
      regionPath: q.get('region')?.split('.').filter(Boolean) ?? [],
      industry: INDUSTRIES.some((i) => i.code === industry) ? (industry as IndustryCode) : undefined,
      creditCodeStatus: CREDIT_CODE_FILTER.some((o) => o.value === status) ? (status as CreditCodeStatus) : undefined,
      page: n('page', 1),
      pageSize: Math.min(100, n('pageSize', 20)),
    };
  });
  const [keywordDraft, setKeywordDraft] = useState(query.keyword);
  const [data, setData] = useState<Paged<EnterpriseRow> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [reloadNonce, setReloadNonce] = useState(0);
  const seq = useRef(0); // only the latest request may update the table

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    writeHashQuery({
      keyword: query.keyword,
      region: query.regionPath.join('.'),
      industry: query.industry,
      creditCodeStatus: query.creditCodeStatus,
      page: query.page === 1 ? undefined : query.page,
      pageSize: query.pageSize === 20 ? undefined : query.pageSize,
    });
    call('org', 'listEnterprises', {
      keyword: query.keyword,
      regionCode: query.regionPath[query.regionPath.length - 1],
      industry: query.industry,
      creditCodeStatus: query.creditCodeStatus,
      page: query.page,
      pageSize: query.pageSize,
    })
      .then((res) => {
        if (mine !== seq.current) return;
        setData(res);
        setLoading(false);
      })
      .catch((e) => {
        if (mine !== seq.current) return;
        setData(null);
        setError(errorMessage(e));
        setLoading(false);
      });
  }, [query, reloadNonce]);

  const [detailId, setDetailId] = useState<string | null>(null);
  const columns = useMemo(() => columnsFor(account.regionName, setDetailId), [account.regionName]);
  const retry = useCallback(() => setReloadNonce((n) => n + 1), []);
  // Any filter change starts again at page 1 (keeping the chosen page size).
  const filter = (patch: Partial<Query>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));

  const reset = () => {
    setKeywordDraft('');
    setQuery((q) => ({ keyword: '', regionPath: [], page: 1, pageSize: q.pageSize }));
  };

  // A regulator limited to some industries can only filter among those.
  const industryOptions = INDUSTRIES.filter((i) => !account.industries?.length || account.industries.includes(i.code)).map((i) => ({
    value: i.code,
    label: i.label,
  }));

  const pagination: TablePaginationConfig = {
    current: query.page,
    pageSize: query.pageSize,
    total: data?.total ?? 0,
    showTotal: (t) => `共 ${t} 家`,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showQuickJumper: true,
  };

  return (
    <>
      <PageHeader title="企业档案" description="管辖范围内的生产经营单位，按统一社会信用代码唯一登记。" />
      <Card styles={{ body: { padding: '16px 16px 8px' } }}>
        <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
          <KeywordInput
            draft={keywordDraft}
            onDraftChange={setKeywordDraft}
            committed={query.keyword}
            onSearch={(keyword) => filter({ keyword })}
            placeholder="企业名称或统一社会信用代码"
            width={280}
            testId="enterprise-keyword"
          />
          <RegionCascader account={account} value={query.regionPath} onChange={(regionPath) => filter({ regionPath })} style={{ width: 260 }} />
          <Select<IndustryCode>
            allowClear
            placeholder="全部行业"
            style={{ width: 160 }}
            options={industryOptions}
            value={query.industry}
            onChange={(industry) => filter({ industry })}
            data-testid="enterprise-industry"
          />
          <Select<CreditCodeStatus>
            allowClear
            placeholder="信用代码核实：全部"
            style={{ width: 180 }}
            options={CREDIT_CODE_FILTER}
            value={query.creditCodeStatus}
            onChange={(creditCodeStatus) => filter({ creditCodeStatus })}
            data-testid="enterprise-credit-code-filter"
          />
          <Button type="primary" icon={<SearchOutlined />} onClick={() => filter({ keyword: keywordDraft.trim() })} data-testid="enterprise-search">
            查询
          </Button>
          <Button icon={<ReloadOutlined />} onClick={reset}>
            重置
          </Button>
        </Space>
        {error && (
          <LoadErrorAlert what="企业列表" error={error} onRetry={retry} testId="enterprise-error" style={{ marginBottom: 16 }} />
        )}
        <div data-testid="enterprise-table">
          <Table<EnterpriseRow>
            rowKey="_id"
            size="middle"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            pagination={pagination}
            onChange={(p) => setQuery((q) => ({ ...q, page: p.pageSize !== q.pageSize ? 1 : p.current ?? 1, pageSize: p.pageSize ?? q.pageSize }))}
            scroll={{ x: 1168 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={error ? '加载失败' : '暂无企业数据'} /> }}
          />
        </div>
      </Card>
      {detailId && <EnterpriseDetailDrawer enterpriseId={detailId} onClose={() => setDetailId(null)} onChanged={retry} />}
    </>
  );
}
