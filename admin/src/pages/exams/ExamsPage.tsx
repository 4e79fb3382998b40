import { useState } from 'react';
import { Button, Card, Empty, Segmented, Select, Space, Table, Tabs, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { ExamRow } from '@shared/contracts/exam';
import type { ExamKind } from '@shared/exam/attemptState';
import { useAccount } from '../../auth';
import { callExam } from '../../exam';
import { navigate, readHashQuery, writeHashQuery } from '../../router';
import { PageHeader } from '../../components/PageHeader';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { KeywordInput } from '../../components/KeywordInput';
import { useLatestLoad } from '../../components/useLatestLoad';
import { ExamStatusTag, KIND_OPTIONS, KindTag, TierTag } from './examLabels';
import { CancelExamDialog, PublishExamDialog } from './ExamDialogs';

type StatusFilter = 'all' | 'draft' | 'published' | 'cancelled';
/** mine: the exams the account organised; reaching: published exams pushed into its scope by others (read-only, results in its scope). */
type Scope = 'mine' | 'reaching';
interface Query {
  scope: Scope;
  status: StatusFilter;
  kind?: ExamKind;
  keyword: string;
  page: number;
  pageSize: number;
}
const TABS: { key: StatusFilter; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'draft', label: '草稿' },
  { key: 'published', label: '已发布' },
  { key: 'cancelled', label: '已取消' },
];
function queryFromUrl(): Query {
  const q = readHashQuery();
  const n = (k: string, d: number) => (Number(q.get(k)) > 0 ? Math.floor(Number(q.get(k))) : d);
  const status = q.get('status') as StatusFilter | null;
  return { scope: q.get('scope') === 'reaching' ? 'reaching' : 'mine', status: status && TABS.some((t) => t.key === status) ? status : 'all', kind: KIND_OPTIONS.find((o) => o.value === q.get('kind'))?.value, keyword: q.get('keyword') ?? '', page: n('page', 1), pageSize: Math.min(100, n('pageSize', 20)) };
}

export const examEditPath = (id: string) => `/exams/edit?id=${encodeURIComponent(id)}`;
export const examDetailPath = (id: string) => `/exams/${encodeURIComponent(id)}`;
const fmt = (s: string) => dayjs(s).format('YYYY-MM-DD HH:mm');

/** 考试管理 (组织考试): the exams the account organised (a regulator also those of lower levels in its region); 逢查必考 has its own page. */
export default function ExamsPage() {
  const account = useAccount();
  const [query, setQuery] = useState<Query>(queryFromUrl);
  const [keywordDraft, setKeywordDraft] = useState(query.keyword);
  const [publishing, setPublishing] = useState<ExamRow | null>(null);
  const [cancelling, setCancelling] = useState<ExamRow | null>(null);
  const filter = (patch: Partial<Query>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));
  const { data, loading, error, reload } = useLatestLoad(() => {
    writeHashQuery({ scope: query.scope === 'mine' ? undefined : query.scope, status: query.status === 'all' ? undefined : query.status, kind: query.kind, keyword: query.keyword, page: query.page === 1 ? undefined : query.page, pageSize: query.pageSize === 20 ? undefined : query.pageSize });
    // 下发给我的 lists published exams only; 逢查必考 exams for the own enterprise belong there too.
    if (query.scope === 'reaching') return callExam('listExams', { scope: 'reaching', status: 'published', kind: query.kind, keyword: query.keyword, page: query.page, pageSize: query.pageSize });
    return callExam('listExams', { status: query.status, kind: query.kind, keyword: query.keyword, spot: false, page: query.page, pageSize: query.pageSize });
  }, [query]);

  const reaching = query.scope === 'reaching';
  const canSeeReaching = account.role !== 'sysadmin';
  const open = (row: ExamRow) => navigate(row.status === 'draft' ? examEditPath(row._id) : examDetailPath(row._id));
  const columns: ColumnsType<ExamRow> = [
    {
      title: '考试',
      dataIndex: 'title',
      render: (v: string, row) => (
        <Space direction="vertical" size={2}>
          <a onClick={() => open(row)} data-testid="exam-title">
            {v}
          </a>
          <Space size={4}>
            <KindTag kind={row.kind} />
            <TierTag tier={row.tier} />
          </Space>
        </Space>
      ),
    },
    { title: '状态', key: 'status', width: 120, render: (_, row) => <ExamStatusTag exam={row} /> },
    {
      title: '考试时间',
      key: 'window',
      width: 190,
      render: (_, row) => (
        <Typography.Text style={{ fontSize: 12 }}>
          {fmt(row.opensAt)}
          <br />至 {fmt(row.closesAt)}
        </Typography.Text>
      ),
    },
    { title: '时长', dataIndex: 'durationMinutes', width: 80, render: (v: number) => `${v}分钟` },
    { title: '满分/及格', key: 'score', width: 90, render: (_, r) => `${r.fullScore}/${r.passScore}` },
    {
      title: <Tooltip title={reaching ? (account.role === 'enterpriseAdmin' ? '本企业的参考人数 / 已评分 / 合格' : '辖区内的参考人数 / 已评分 / 合格') : '参考人数 / 已评分 / 合格'}>参考 / 评分 / 合格</Tooltip>,
      key: 'counts',
      width: 130,
      align: 'right',
      render: (_, r) =>
        r.status === 'draft' ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <span>
            {r.started} / {r.graded} / <Typography.Text type="success">{r.passed}</Typography.Text>
          </span>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_, row) =>
        reaching ? (
          <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => navigate(examDetailPath(row._id))} data-testid="exam-detail">
            查看结果
          </Button>
        ) : (
          <Space size={0}>
            {row.status === 'draft' ? (
              <>
                <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => navigate(examEditPath(row._id))} data-testid="exam-edit">
                  编辑
                </Button>
                <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setPublishing(row)} data-testid="exam-publish">
                  发布
                </Button>
              </>
            ) : (
              <>
                <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => navigate(examDetailPath(row._id))} data-testid="exam-detail">
                  详情
                </Button>
                <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => navigate(examEditPath(row._id))}>
                  设置
                </Button>
              </>
            )}
            {row.status === 'published' && Date.parse(row.closesAt) > Date.now() && (
              <Button type="link" size="small" danger style={{ paddingInline: 4 }} onClick={() => setCancelling(row)} data-testid="exam-cancel">
                取消
              </Button>
            )}
          </Space>
        ),
    },
  ];

  const filtered = Boolean(query.keyword || query.kind);
  return (
    <>
      <PageHeader
        title="考试管理"
        description={
          account.role === 'enterpriseAdmin'
            ? '为本企业员工组织练习、模拟考试和正式考试：设置抽题规则、考试时间、补考和推送范围，发布后员工在小程序“考试”中参加。'
            : '组织管辖范围内的练习、模拟考试和正式考试：设置抽题规则、考试时间、补考和推送范围，发布前可预览覆盖人数。'
        }
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/exams/edit')} data-testid="exam-create">
            组织考试
          </Button>
        }
      />
      <Card styles={{ body: { padding: reaching ? '16px 16px 8px' : '4px 16px 8px' } }}>
        {canSeeReaching && (
          <Segmented<Scope>
            style={{ marginTop: reaching ? 0 : 12, marginBottom: reaching ? 16 : 0 }}
            value={query.scope}
            onChange={(scope) => setQuery((q) => ({ ...q, scope, status: 'all', page: 1 }))}
            options={[
              { value: 'mine', label: account.role === 'enterpriseAdmin' ? '本企业组织的' : '我组织的' },
              { value: 'reaching', label: '下发给我的' },
            ]}
            data-testid="exam-scope"
          />
        )}
        {!reaching && <Tabs activeKey={query.status} onChange={(k) => filter({ status: k as StatusFilter })} items={TABS.map((t) => ({ key: t.key, label: <span data-testid={`exam-tab-${t.key}`}>{t.label}</span> }))} />}
        <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
          <KeywordInput draft={keywordDraft} onDraftChange={setKeywordDraft} committed={query.keyword} onSearch={(keyword) => filter({ keyword })} placeholder="考试名称" width={240} testId="exam-keyword" />
          <Select allowClear placeholder="全部类型" style={{ width: 140 }} options={KIND_OPTIONS} value={query.kind} onChange={(kind?: ExamKind) => filter({ kind })} data-testid="exam-kind-filter" />
          <Button type="primary" icon={<SearchOutlined />} onClick={() => filter({ keyword: keywordDraft.trim() })}>
            查询
          </Button>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setKeywordDraft('');
              setQuery((q) => ({ scope: q.scope, status: q.status, keyword: '', page: 1, pageSize: q.pageSize }));
            }}
          >
            重置
          </Button>
        </Space>
        {error && <LoadErrorAlert what="考试列表" error={error} onRetry={reload} testId="exam-error" />}
        <div data-testid="exam-table">
          <Table<ExamRow>
            rowKey="_id"
            size="middle"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            scroll={{ x: 1000 }}
            pagination={{ current: query.page, pageSize: query.pageSize, total: data?.total ?? 0, showTotal: (t) => `共 ${t} 场考试`, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] }}
            onChange={(p) => setQuery((q) => ({ ...q, page: p.pageSize !== q.pageSize ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? q.pageSize }))}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={error ? '加载失败' : reaching && !filtered ? '暂无上级或其他单位下发的考试' : filtered ? '没有符合条件的考试' : query.status === 'all' ? '还没有考试，点击“组织考试”开始' : '暂无该状态的考试'} /> }}
          />
        </div>
      </Card>
      {publishing && (
        <PublishExamDialog
          exam={publishing}
          onClose={() => setPublishing(null)}
          onPublished={() => {
            setPublishing(null);
            reload();
          }}
        />
      )}
      {cancelling && (
        <CancelExamDialog
          exam={cancelling}
          onClose={() => setCancelling(null)}
          onCancelled={() => {
            setCancelling(null);
            reload();
          }}
        />
      )}
    </>
  );
}
