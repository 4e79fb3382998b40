import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Button, Card, Empty, Progress, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { BellOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { OutputOf } from '@shared/contracts/define';
import type { CourseCategory, coursesContracts } from '@shared/contracts/courses';
import { errorMessage } from '../../api';
import { callLearning } from '../../learning';
import { readHashQuery, writeHashQuery } from '../../router';
import { PageHeader } from '../../components/PageHeader';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { CATEGORY_OPTIONS, CategoryTag } from '../courses/courseLabels';
import { CompletionDrawer } from './CompletionDrawer';
import { useRemind } from './useRemind';
import { KeywordInput } from '../../components/KeywordInput';

type CenterPage = OutputOf<(typeof coursesContracts)['courseCenter']>;
export type CenterRow = CenterPage['items'][number];

interface Query {
  keyword: string;
  category?: CourseCategory;
  page: number;
  pageSize: number;
}

function queryFromUrl(): Query {
  const q = readHashQuery();
  const n = (k: string, d: number) => (Number(q.get(k)) > 0 ? Math.floor(Number(q.get(k))) : d);
  const category = q.get('category') as CourseCategory | null;
  return { keyword: q.get('keyword') ?? '', category: CATEGORY_OPTIONS.some((o) => o.value === category) ? category! : undefined, page: n('page', 1), pageSize: Math.min(50, n('pageSize', 20)) };
}

export const percent = (done: number, total: number) => (total ? Math.round((done / total) * 100) : 0);

/** 课程中心 (enterprise admin): published courses that reach the enterprise, with completion counts. */
export default function CourseCenterPage() {
  const { message } = App.useApp();
  const [query, setQuery] = useState<Query>(queryFromUrl);
  const [keywordDraft, setKeywordDraft] = useState(query.keyword);
  const [data, setData] = useState<CenterPage | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const [viewing, setViewing] = useState<CenterRow | null>(null);
  const seq = useRef(0);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const filter = (patch: Partial<Query>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));
  const remind = useRemind();

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    writeHashQuery({ keyword: query.keyword, category: query.category, page: query.page === 1 ? undefined : query.page, pageSize: query.pageSize === 20 ? undefined : query.pageSize });
    callLearning('courseCenter', { keyword: query.keyword, category: query.category, page: query.page, pageSize: query.pageSize })
      .then((r) => mine === seq.current && setData(r))
      .catch((e) => mine === seq.current && (setData(null), setError(errorMessage(e))))
      .finally(() => mine === seq.current && setLoading(false));
  }, [query, nonce]);

  const columns: ColumnsType<CenterRow> = [
    {
      title: '课程',
      dataIndex: 'title',
      render: (v: string, row) => (
        <Space direction="vertical" size={2}>
          <a onClick={() => setViewing(row)} data-testid="center-title">
            {v}
          </a>
          <Space size={4}>
            <CategoryTag category={row.category} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.creditedHours} 学时 · {row.materialCount} 个资料
            </Typography.Text>
          </Space>
        </Space>
      ),
    },
    { title: '完成期限', dataIndex: 'dueDate', width: 110, render: (v: string | null) => v ?? <Typography.Text type="secondary">不限</Typography.Text> },
    { title: '应学', dataIndex: 'reached', width: 70, align: 'right' },
    { title: '已完成', dataIndex: 'done', width: 76, align: 'right', render: (v: number) => <Typography.Text type="success">{v}</Typography.Text> },
    { title: '学习中', dataIndex: 'inProgress', width: 76, align: 'right' },
    { title: '未开始', dataIndex: 'notStarted', width: 76, align: 'right', render: (v: number) => (v ? <Typography.Text type="warning">{v}</Typography.Text> : v) },
    {
      title: '完成率',
      key: 'rate',
      width: 160,
      render: (_: unknown, row) => <Progress percent={percent(row.done, row.reached)} size="small" status={row.reached && row.done === row.reached ? 'success' : 'normal'} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_: unknown, row) => (
        <Space size={0}>
          <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setViewing(row)} data-testid="center-view">
            完成情况
          </Button>
          <Tooltip title={row.done === row.reached ? '全部人员已完成' : '向未完成的人员发送微信提醒（每人每天最多一次）'}>
            <Button
              type="link"
              size="small"
              style={{ paddingInline: 4 }}
              icon={<BellOutlined />}
              disabled={row.reached === 0 || row.done === row.reached}
              onClick={() => remind({ courseId: row._id, title: row.title, notDone: row.reached - row.done })}
              data-testid="center-remind"
            >
              提醒
            </Button>
          </Tooltip>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title="课程中心" description="推送给本企业员工的课程及完成情况。点击“完成情况”按人员、部门查看并导出；“提醒”向未完成的人员发送微信订阅消息。" />
      <Card styles={{ body: { padding: '16px 16px 8px' } }}>
        <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
          <KeywordInput
            draft={keywordDraft}
            onDraftChange={setKeywordDraft}
            committed={query.keyword}
            onSearch={(keyword) => filter({ keyword })}
            placeholder="课程名称"
            width={240}
            testId="center-keyword"
          />
          <Select allowClear placeholder="全部分类" style={{ width: 160 }} options={CATEGORY_OPTIONS} value={query.category} onChange={(category?: CourseCategory) => filter({ category })} />
          <Button type="primary" icon={<SearchOutlined />} onClick={() => filter({ keyword: keywordDraft.trim() })}>
            查询
          </Button>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setKeywordDraft('');
              setQuery((q) => ({ keyword: '', page: 1, pageSize: q.pageSize }));
              message.destroy();
            }}
          >
            重置
          </Button>
        </Space>
        {error && <LoadErrorAlert what="课程中心" error={error} onRetry={reload} testId="center-error" />}
        <div data-testid="center-table">
          <Table<CenterRow>
            rowKey="_id"
            size="middle"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            scroll={{ x: 960 }}
            pagination={{ current: query.page, pageSize: query.pageSize, total: data?.total ?? 0, showTotal: (t) => `共 ${t} 门课程`, showSizeChanger: true, pageSizeOptions: [10, 20, 50] }}
            onChange={(p) => setQuery((q) => ({ ...q, page: p.pageSize !== q.pageSize ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? q.pageSize }))}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={error ? '加载失败' : query.keyword || query.category ? '没有符合条件的课程' : '暂无推送给本企业的课程'} /> }}
          />
        </div>
      </Card>
      {viewing && <CompletionDrawer course={viewing} onClose={() => setViewing(null)} onReminded={reload} />}
    </>
  );
}
