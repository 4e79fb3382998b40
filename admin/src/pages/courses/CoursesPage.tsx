import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Button, Card, Empty, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined, SearchOutlined, StarFilled } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Paged } from '@shared/contracts/common';
import type { CourseCategory, CourseRow } from '@shared/contracts/courses';
import { errorMessage } from '../../api';
import { callLearning } from '../../learning';
import { navigate, readHashQuery, writeHashQuery } from '../../router';
import { PageHeader } from '../../components/PageHeader';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { useAccount } from '../../auth';
import { CATEGORY_OPTIONS, CategoryTag, StatusTag } from './courseLabels';
import { PublishDialog } from './PublishDialog';
import { RatingsModal } from './RatingsModal';
import { KeywordInput } from '../../components/KeywordInput';

type StatusFilter = 'all' | 'draft' | 'published' | 'unpublished';
interface Query {
  status: StatusFilter;
  category?: CourseCategory;
  keyword: string;
  page: number;
  pageSize: number;
}
const TABS: { key: StatusFilter; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'draft', label: '草稿' },
  { key: 'published', label: '已发布' },
  { key: 'unpublished', label: '已下架' },
];

function queryFromUrl(): Query {
  const q = readHashQuery();
  const n = (k: string, d: number) => (Number(q.get(k)) > 0 ? Math.floor(Number(q.get(k))) : d);
  const status = q.get('status') as StatusFilter | null;
  const category = q.get('category') as CourseCategory | null;
  return {
    status: status && TABS.some((t) => t.key === status) ? status : 'all',
    category: category && CATEGORY_OPTIONS.some((o) => o.value === category) ? category : undefined,
    keyword: q.get('keyword') ?? '',
    page: n('page', 1),
    pageSize: Math.min(100, n('pageSize', 20)),
  };
}

/** 课程管理: the publisher's courses (a regulator also sees those of lower levels in its region). */
export default function CoursesPage() {
  const account = useAccount();
  const { message, modal } = App.useApp();
  const [query, setQuery] = useState<Query>(queryFromUrl);
  const [keywordDraft, setKeywordDraft] = useState(query.keyword);
  const [data, setData] = useState<Paged<CourseRow> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const [publishing, setPublishing] = useState<CourseRow | null>(null);
  const [ratings, setRatings] = useState<CourseRow | null>(null);
  const seq = useRef(0);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const filter = (patch: Partial<Query>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    writeHashQuery({
      status: query.status === 'all' ? undefined : query.status,
      category: query.category,
      keyword: query.keyword,
      page: query.page === 1 ? undefined : query.page,
      pageSize: query.pageSize === 20 ? undefined : query.pageSize,
    });
    callLearning('listCourses', { status: query.status, category: query.category, keyword: query.keyword, page: query.page, pageSize: query.pageSize })
      .then((res) => mine === seq.current && setData(res))
      .catch((e) => mine === seq.current && (setData(null), setError(errorMessage(e))))
      .finally(() => mine === seq.current && setLoading(false));
  }, [query, nonce]);

  const unpublish = (row: CourseRow) =>
    modal.confirm({
      title: `下架“${row.title}”？`,
      content: '下架后学员的任务列表中不再显示该课程，已完成的学习记录和学时保留。下架的课程可创建新版本后重新发布。',
      okText: '下架',
      okButtonProps: { danger: true, ...{ 'data-testid': 'course-unpublish-confirm' } },
      cancelText: '取消',
      onOk: async () => {
        try {
          await callLearning('unpublishCourse', { courseId: row._id });
          message.success('课程已下架');
          reload();
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  const newVersion = (row: CourseRow) =>
    modal.confirm({
      title: `为“${row.title}”创建新版本？`,
      content: `将复制当前内容生成第 ${row.version + 1} 版草稿，修改后发布；发布新版本时旧版本自动下架，已有学习记录保留在旧版本。`,
      okText: '创建新版本',
      cancelText: '取消',
      onOk: async () => {
        try {
          const { course } = await callLearning('newCourseVersion', { courseId: row._id });
          message.success(`已创建第 ${course.version} 版草稿`);
          navigate(`/courses/edit?id=${encodeURIComponent(course._id)}`);
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  const columns: ColumnsType<CourseRow> = [
    {
      title: '课程',
      dataIndex: 'title',
      render: (v: string, row) => (
        <Space direction="vertical" size={2}>
          <a onClick={() => navigate(`/courses/edit?id=${encodeURIComponent(row._id)}`)} data-testid="course-title">
            {v}
          </a>
          <Space size={4}>
            <CategoryTag category={row.category} />
            {row.version > 1 && <Tag bordered={false}>第{row.version}版</Tag>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.materialCount} 个资料
            </Typography.Text>
          </Space>
        </Space>
      ),
    },
    { title: '学时', dataIndex: 'creditedHours', width: 70, align: 'right' },
    { title: '状态', dataIndex: 'status', width: 84, render: (v: CourseRow['status']) => <StatusTag status={v} /> },
    {
      title: '学习 / 完成',
      key: 'learners',
      width: 120,
      align: 'right',
      render: (_: unknown, row) => (
        <Tooltip title={row.learners ? `完成率 ${Math.round((row.completions / row.learners) * 100)}%` : '暂无学习记录'}>
          <span>
            {row.learners} / <Typography.Text type="success">{row.completions}</Typography.Text>
          </span>
        </Tooltip>
      ),
    },
    {
      title: '评分',
      key: 'rating',
      width: 110,
      render: (_: unknown, row) =>
        row.rating.count ? (
          <a onClick={() => setRatings(row)} data-testid="course-rating">
            <StarFilled style={{ color: '#fadb14' }} /> {row.rating.average?.toFixed(1)}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              （{row.rating.count}）
            </Typography.Text>
          </a>
        ) : (
          <Typography.Text type="secondary">暂无评价</Typography.Text>
        ),
    },
    { title: '截止日期', dataIndex: 'dueDate', width: 110, render: (v: string | null) => v ?? <Typography.Text type="secondary">不限</Typography.Text> },
    { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
    {
      title: '操作',
      key: 'actions',
      width: 190,
      fixed: 'right',
      render: (_: unknown, row) => (
        <Space size={0}>
          <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => navigate(`/courses/edit?id=${encodeURIComponent(row._id)}`)} data-testid="course-edit">
            {row.status === 'draft' ? '编辑' : '查看'}
          </Button>
          {row.status === 'draft' && (
            <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setPublishing(row)} data-testid="course-publish">
              发布
            </Button>
          )}
          {row.status === 'published' && (
            <Button type="link" size="small" danger style={{ paddingInline: 4 }} onClick={() => unpublish(row)} data-testid="course-unpublish">
              下架
            </Button>
          )}
          {row.status !== 'draft' && (
            <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => newVersion(row)} data-testid="course-new-version">
              新版本
            </Button>
          )}
          {row.status !== 'draft' && (
            <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setRatings(row)} data-testid="course-ratings">
              评价
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const filtered = Boolean(query.keyword || query.category);
  return (
    <>
      <PageHeader
        title="课程管理"
        description={
          account.role === 'enterpriseAdmin'
            ? '为本企业员工制作培训课程：设置学习资料和推送范围，发布后员工在小程序“学习”中看到。'
            : '制作并向管辖范围内的企业和人员推送培训课程。发布前可预览覆盖人数；发布只写入课程本身，之后新入职的人员也会自动收到。'
        }
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/courses/edit')} data-testid="course-create">
            新建课程
          </Button>
        }
      />
      <Card styles={{ body: { padding: '4px 16px 8px' } }}>
        <Tabs activeKey={query.status} onChange={(k) => filter({ status: k as StatusFilter })} items={TABS.map((t) => ({ key: t.key, label: <span data-testid={`course-tab-${t.key}`}>{t.label}</span> }))} />
        <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
          <KeywordInput
            draft={keywordDraft}
            onDraftChange={setKeywordDraft}
            committed={query.keyword}
            onSearch={(keyword) => filter({ keyword })}
            placeholder="课程名称"
            width={240}
            testId="course-keyword"
          />
          <Select allowClear placeholder="全部分类" style={{ width: 160 }} options={CATEGORY_OPTIONS} value={query.category} onChange={(category?: CourseCategory) => filter({ category })} data-testid="course-category" />
          <Button type="primary" icon={<SearchOutlined />} onClick={() => filter({ keyword: keywordDraft.trim() })}>
            查询
          </Button>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setKeywordDraft('');
              setQuery((q) => ({ status: q.status, keyword: '', page: 1, pageSize: q.pageSize }));
            }}
          >
            重置
          </Button>
        </Space>
        {error && <LoadErrorAlert what="课程列表" error={error} onRetry={reload} testId="course-error" />}
        <div data-testid="course-table">
          <Table<CourseRow>
            rowKey="_id"
            size="middle"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            scroll={{ x: 1000 }}
            pagination={{
              current: query.page,
              pageSize: query.pageSize,
              total: data?.total ?? 0,
              showTotal: (t) => `共 ${t} 门课程`,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
            }}
            onChange={(p) => setQuery((q) => ({ ...q, page: p.pageSize !== q.pageSize ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? q.pageSize }))}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={error ? '加载失败' : filtered ? '没有符合条件的课程' : query.status === 'all' ? '还没有课程，点击“新建课程”开始' : '暂无该状态的课程'}
                />
              ),
            }}
          />
        </div>
      </Card>
      {publishing && (
        <PublishDialog
          courseId={publishing._id}
          title={publishing.title}
          onClose={() => setPublishing(null)}
          onPublished={() => {
            setPublishing(null);
            reload();
          }}
        />
      )}
      {ratings && <RatingsModal courseId={ratings._id} title={ratings.title} onClose={() => setRatings(null)} />}
    </>
  );
}
