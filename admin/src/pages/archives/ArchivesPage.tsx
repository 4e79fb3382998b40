import { useState } from 'react';
import { Card, Select, Space, Table, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import type { Paged } from '@shared/contracts/common';
import type { EnterpriseArchiveRow, PersonArchiveRow } from '@shared/contracts/oversight';
import { INDUSTRIES, POST_CATEGORIES, labelOf, type IndustryCode } from '@shared/taxonomy';
import { useAccount } from '../../auth';
import { PageHeader } from '../../components/PageHeader';
import { KeywordInput } from '../../components/KeywordInput';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { useLatestLoad } from '../../components/useLatestLoad';
import { CreditCodeStatusTag } from '../../components/EnterpriseDescriptions';
import { callOversight } from '../../oversight';
import { EnterpriseArchiveDrawer, PersonArchiveDrawer } from './ArchiveDrawers';

const STATUS_ZH: Record<PersonArchiveRow['status'], string> = { active: '在职', pending: '待审核', left: '离职' };

function EnterpriseTab() {
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState<{ keyword: string; industry?: IndustryCode; page: number; pageSize: number }>({ keyword: '', page: 1, pageSize: 20 });
  const [open, setOpen] = useState<string | null>(null);
  const { data, loading, error, reload } = useLatestLoad(() => callOversight('searchArchives', { kind: 'enterprise', ...q }) as Promise<Paged<EnterpriseArchiveRow>>, [q]);
  const columns: ColumnsType<EnterpriseArchiveRow> = [
    { title: '企业名称', dataIndex: 'name', render: (v: string, r) => <a onClick={() => setOpen(r._id)} data-testid="archive-enterprise-open">{v}</a> },
    { title: '统一社会信用代码', dataIndex: 'creditCode', width: 220, render: (v: string, r) => (<><span className="mono">{v}</span> {r.creditCodeStatus !== 'verified' && <CreditCodeStatusTag status={r.creditCodeStatus} />}</>) },
    { title: '所在地区', dataIndex: 'regionName', width: 220 },
    { title: '行业', dataIndex: 'industry', width: 100, render: (v: string) => labelOf(INDUSTRIES, v) },
    { title: '在册人数', dataIndex: 'staffCount', width: 90, align: 'right' },
    { title: '注册时间', dataIndex: 'createdAt', width: 120, render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <KeywordInput draft={draft} onDraftChange={setDraft} committed={q.keyword} onSearch={(keyword) => setQ({ ...q, keyword, page: 1 })} placeholder="企业名称或统一社会信用代码" width={280} testId="archive-enterprise-keyword" />
        <Select allowClear placeholder="全部行业" style={{ width: 140 }} value={q.industry} onChange={(industry) => setQ({ ...q, industry, page: 1 })} options={INDUSTRIES.map((i) => ({ value: i.code, label: i.label }))} />
      </Space>
      {error && <LoadErrorAlert what="企业档案" error={error} onRetry={reload} />}
      <Table
        rowKey="_id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        locale={{ emptyText: q.keyword ? '没有符合条件的企业' : '暂无企业' }}
        pagination={{ current: q.page, pageSize: q.pageSize, total: data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 家`, onChange: (page, pageSize) => setQ({ ...q, page, pageSize }) }}
        data-testid="archive-enterprise-table"
      />
      <EnterpriseArchiveDrawer enterpriseId={open} onClose={() => setOpen(null)} onPerson={() => undefined} />
    </>
  );
}

function PersonTab() {
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState<{ keyword: string; page: number; pageSize: number }>({ keyword: '', page: 1, pageSize: 20 });
  const [open, setOpen] = useState<string | null>(null);
  const { data, loading, error, reload } = useLatestLoad(() => callOversight('searchArchives', { kind: 'person', ...q }) as Promise<Paged<PersonArchiveRow>>, [q]);
  const columns: ColumnsType<PersonArchiveRow> = [
    { title: '姓名', dataIndex: 'name', width: 120, render: (v: string, r) => <a onClick={() => setOpen(r._id)} data-testid="archive-person-open">{v}</a> },
    { title: '身份证号', dataIndex: 'idMasked', width: 200, render: (v: string) => <span className="mono">{v}</span> },
    { title: '性别', dataIndex: 'gender', width: 70, render: (v: string) => (v === 'male' ? '男' : '女') },
    { title: '岗位类别', dataIndex: 'postCategory', width: 140, render: (v: string) => labelOf(POST_CATEGORIES, v) },
    { title: '所在企业', dataIndex: 'enterpriseName' },
    { title: '状态', dataIndex: 'status', width: 80, render: (v: PersonArchiveRow['status']) => <Tag color={v === 'active' ? 'green' : 'default'}>{STATUS_ZH[v]}</Tag> },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <KeywordInput draft={draft} onDraftChange={setDraft} committed={q.keyword} onSearch={(keyword) => setQ({ ...q, keyword, page: 1 })} placeholder="姓名或完整身份证号" width={280} testId="archive-person-keyword" />
      </Space>
      {error && <LoadErrorAlert what="人员档案" error={error} onRetry={reload} />}
      <Table
        rowKey="_id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        locale={{ emptyText: q.keyword ? '没有符合条件的人员（身份证号需输入完整18位）' : '暂无人员' }}
        pagination={{ current: q.page, pageSize: q.pageSize, total: data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 人`, onChange: (page, pageSize) => setQ({ ...q, page, pageSize }) }}
        data-testid="archive-person-table"
      />
      <PersonArchiveDrawer personId={open} onClose={() => setOpen(null)} />
    </>
  );
}

/** 档案查询: 企业档案 and 人员档案 (一人一档) in the caller's scope, with detail drawers. */
export default function ArchivesPage() {
  const account = useAccount();
  return (
    <>
      <PageHeader title="档案查询" description={account.role === 'enterpriseAdmin' ? '本企业的企业档案和在职人员的一人一档' : '辖区内企业的一企一档和在职人员的一人一档；身份证号仅显示脱敏号码，按完整号码查询'} />
      <Card>
        <Tabs items={[{ key: 'enterprise', label: '企业档案', children: <EnterpriseTab /> }, { key: 'person', label: '人员档案', children: <PersonTab /> }]} />
      </Card>
    </>
  );
}
