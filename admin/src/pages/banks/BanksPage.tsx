import { useState } from 'react';
import { App, Button, Card, Empty, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { CloudError } from '@shared/client';
import type { BankRow } from '@shared/contracts/exam';
import { INDUSTRIES, labelOf, type IndustryCode } from '@shared/taxonomy';
import { errorMessage } from '../../api';
import { callExam } from '../../exam';
import { navigate, readHashQuery, writeHashQuery } from '../../router';
import { PageHeader } from '../../components/PageHeader';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { KeywordInput } from '../../components/KeywordInput';
import { INDUSTRY_OPTIONS } from '../../components/options';
import { useLatestLoad } from '../../components/useLatestLoad';
import { BankFormModal } from './BankFormModal';

interface Query {
  keyword: string;
  industry?: IndustryCode;
  page: number;
  pageSize: number;
}

function queryFromUrl(): Query {
  const q = readHashQuery();
  const n = (k: string, d: number) => (Number(q.get(k)) > 0 ? Math.floor(Number(q.get(k))) : d);
  const industry = q.get('industry') as IndustryCode | null;
  return { keyword: q.get('keyword') ?? '', industry: industry && INDUSTRY_OPTIONS.some((o) => o.value === industry) ? industry : undefined, page: n('page', 1), pageSize: Math.min(100, n('pageSize', 20)) };
}

export const bankTotal = (b: Pick<BankRow, 'counts'>) => b.counts.single + b.counts.multiple + b.counts.judge;
export const questionsPath = (bankId: string) => `/banks/questions?bankId=${encodeURIComponent(bankId)}`;

/** 题库管理: the banks the account manages (a regulator also those of lower levels in its region). */
export default function BanksPage() {
  const { message, modal } = App.useApp();
  const [query, setQuery] = useState<Query>(queryFromUrl);
  const [keywordDraft, setKeywordDraft] = useState(query.keyword);
  const [editing, setEditing] = useState<BankRow | 'new' | null>(null);
  const filter = (patch: Partial<Query>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));

  const { data, loading, error, reload } = useLatestLoad(() => {
    writeHashQuery({ keyword: query.keyword, industry: query.industry, page: query.page === 1 ? undefined : query.page, pageSize: query.pageSize === 20 ? undefined : query.pageSize });
    return callExam('listBanks', { keyword: query.keyword, industry: query.industry, page: query.page, pageSize: query.pageSize });
  }, [query]);

  const remove = (row: BankRow) =>
    modal.confirm({
      title: `删除题库“${row.name}”？`,
      content: '只能删除没有试题的题库，删除后不可恢复。',
      okText: '删除',
      okButtonProps: { danger: true, ...{ 'data-testid': 'bank-delete-confirm' } },
      cancelText: '取消',
      onOk: async () => {
        try {
          await callExam('deleteBank', { bankId: row._id });
          message.success('题库已删除');
          reload();
        } catch (e) {
          if (e instanceof CloudError && e.code === 'QUESTION_BANK_NOT_EMPTY') {
            modal.warning({
              title: '题库中仍有试题，不能删除',
              content: (
                <div data-testid="bank-not-empty">
                  “{row.name}”中还有试题。为保证已有考试记录可追溯，试题不能删除，只能停用；停用的试题不再被抽到。不再使用的题库可保留，不在抽题规则中选择它即可。
                </div>
              ),
              okText: '知道了',
            });
          } else message.error(errorMessage(e));
        }
      },
    });

  const columns: ColumnsType<BankRow> = [
    {
      title: '题库',
      dataIndex: 'name',
      render: (v: string, row) => (
        <Space direction="vertical" size={2}>
          <a onClick={() => navigate(questionsPath(row._id))} data-testid="bank-name-link">
            {v}
          </a>
          <Space size={4} wrap>
            {row.courseId ? <Tag color="geekblue" bordered={false}>课程题库</Tag> : <Tag bordered={false}>行业题库</Tag>}
            {row.industries.length ? row.industries.map((i) => <Tag key={i}>{labelOf(INDUSTRIES, i)}</Tag>) : <Tag>通用</Tag>}
          </Space>
          {row.description && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: row.description }}>
              {row.description}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '单选题', key: 'single', width: 80, align: 'right', render: (_, r) => r.counts.single },
    { title: '多选题', key: 'multiple', width: 80, align: 'right', render: (_, r) => r.counts.multiple },
    { title: '判断题', key: 'judge', width: 80, align: 'right', render: (_, r) => r.counts.judge },
    {
      title: <Tooltip title="当前启用的试题">合计</Tooltip>,
      key: 'total',
      width: 80,
      align: 'right',
      render: (_, r) => (
        <Typography.Text strong data-testid="bank-total">
          {bankTotal(r)}
        </Typography.Text>
      ),
    },
    { title: '创建单位', key: 'owner', width: 180, render: (_, r) => <Typography.Text ellipsis={{ tooltip: r.owner.name }}>{r.owner.name}</Typography.Text> },
    { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
    {
      title: '操作',
      key: 'actions',
      width: 180,
      fixed: 'right',
      render: (_, row) => (
        <Space size={0}>
          <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => navigate(questionsPath(row._id))} data-testid="bank-questions">
            管理试题
          </Button>
          <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setEditing(row)} data-testid="bank-edit">
            编辑
          </Button>
          <Button type="link" size="small" danger style={{ paddingInline: 4 }} onClick={() => remove(row)} data-testid="bank-delete">
            删除
          </Button>
        </Space>
      ),
    },
  ];

  const filtered = Boolean(query.keyword || query.industry);
  return (
    <>
      <PageHeader
        title="题库管理"
        description="维护单选、多选、判断题；可批量导入（Excel）和导出。修改试题会生成新版本，已作答的考试保留作答时的版本。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="bank-create">
            新建题库
          </Button>
        }
      />
      <Card styles={{ body: { padding: '16px 16px 8px' } }}>
        <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
          <KeywordInput draft={keywordDraft} onDraftChange={setKeywordDraft} committed={query.keyword} onSearch={(keyword) => filter({ keyword })} placeholder="题库名称" width={240} testId="bank-keyword" />
          <Select allowClear showSearch optionFilterProp="label" placeholder="全部行业" style={{ width: 180 }} options={INDUSTRY_OPTIONS} value={query.industry} onChange={(industry?: IndustryCode) => filter({ industry })} data-testid="bank-industry" />
          <Button type="primary" icon={<SearchOutlined />} onClick={() => filter({ keyword: keywordDraft.trim() })}>
            查询
          </Button>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setKeywordDraft('');
              setQuery((q) => ({ keyword: '', page: 1, pageSize: q.pageSize }));
            }}
          >
            重置
          </Button>
        </Space>
        {error && <LoadErrorAlert what="题库列表" error={error} onRetry={reload} testId="bank-error" />}
        <div data-testid="bank-table">
          <Table<BankRow>
            rowKey="_id"
            size="middle"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            scroll={{ x: 1000 }}
            pagination={{ current: query.page, pageSize: query.pageSize, total: data?.total ?? 0, showTotal: (t) => `共 ${t} 个题库`, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] }}
            onChange={(p) => setQuery((q) => ({ ...q, page: p.pageSize !== q.pageSize ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? q.pageSize }))}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={error ? '加载失败' : filtered ? '没有符合条件的题库' : '还没有题库，点击“新建题库”开始'} /> }}
          />
        </div>
      </Card>
      {editing && (
        <BankFormModal
          bank={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(b) => {
            const created = editing === 'new';
            setEditing(null);
            if (created) navigate(questionsPath(b._id));
            else reload();
          }}
        />
      )}
    </>
  );
}
