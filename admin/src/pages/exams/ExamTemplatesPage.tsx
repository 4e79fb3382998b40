import { useState } from 'react';
import { App, Button, Card, Checkbox, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { ExamTemplate } from '@shared/contracts/exam';
import { QUESTION_TYPE_ZH } from '@shared/exam/basics';
import { INDUSTRIES, labelOf, type IndustryCode } from '@shared/taxonomy';
import { errorMessage } from '../../api';
import { callExam } from '../../exam';
import { navigate, readHashQuery, writeHashQuery } from '../../router';
import { PageHeader } from '../../components/PageHeader';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { KeywordInput } from '../../components/KeywordInput';
import { INDUSTRY_OPTIONS } from '../../components/options';
import { useLatestLoad } from '../../components/useLatestLoad';
import { TemplateDrawer } from './TemplateDrawer';

interface Query {
  keyword: string;
  industry?: IndustryCode;
  includeArchived: boolean;
  page: number;
  pageSize: number;
}
function queryFromUrl(): Query {
  const q = readHashQuery();
  const n = (k: string, d: number) => (Number(q.get(k)) > 0 ? Math.floor(Number(q.get(k))) : d);
  const industry = q.get('industry') as IndustryCode | null;
  return { keyword: q.get('keyword') ?? '', industry: industry && INDUSTRY_OPTIONS.some((o) => o.value === industry) ? industry : undefined, includeArchived: q.get('archived') === '1', page: n('page', 1), pageSize: Math.min(100, n('pageSize', 20)) };
}

/** 考试模板: saved drawing rules per industry, reused when organising exams. */
export default function ExamTemplatesPage() {
  const { message, modal } = App.useApp();
  const [query, setQuery] = useState<Query>(queryFromUrl);
  const [keywordDraft, setKeywordDraft] = useState(query.keyword);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const filter = (patch: Partial<Query>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));
  const { data, loading, error, reload } = useLatestLoad(() => {
    writeHashQuery({ keyword: query.keyword, industry: query.industry, archived: query.includeArchived ? 1 : undefined, page: query.page === 1 ? undefined : query.page, pageSize: query.pageSize === 20 ? undefined : query.pageSize });
    return callExam('listExamTemplates', { keyword: query.keyword, industry: query.industry, includeArchived: query.includeArchived, page: query.page, pageSize: query.pageSize });
  }, [query]);

  const archive = (t: ExamTemplate, archived: boolean) => {
    const run = async () => {
      try {
        await callExam('archiveExamTemplate', { templateId: t._id, archived });
        message.success(archived ? '模板已停用' : '模板已恢复');
        reload();
      } catch (e) {
        message.error(errorMessage(e));
      }
    };
    if (!archived) return void run();
    modal.confirm({ title: `停用模板“${t.name}”？`, content: '停用后组织考试时不再能选择它；已用它组织的考试不受影响（规则已复制到考试中）。', okText: '停用', okButtonProps: { danger: true }, cancelText: '取消', onOk: run });
  };

  const columns: ColumnsType<ExamTemplate> = [
    {
      title: '模板',
      dataIndex: 'name',
      render: (v: string, t) => (
        <Space direction="vertical" size={2}>
          <a onClick={() => setEditing(t._id)} data-testid="template-name-link">
            {v}
          </a>
          <Space size={4}>
            <Tag>{t.industry ? labelOf(INDUSTRIES, t.industry) : '通用'}</Tag>
            {t.archived && <Tag color="default">已停用</Tag>}
          </Space>
        </Space>
      ),
    },
    {
      title: '抽题规则',
      key: 'rule',
      render: (_, t) => (
        <Typography.Text type="secondary">
          {t.rule.sections.map((s) => `${s.title || QUESTION_TYPE_ZH[s.type]} ${s.count}题×${s.scorePerQuestion}分`).join('；')}
        </Typography.Text>
      ),
    },
    { title: '满分 / 及格', key: 'score', width: 110, render: (_, t) => `${t.fullScore} / ${t.passScore}` },
    { title: '时长', dataIndex: 'durationMinutes', width: 90, render: (v: number) => `${v} 分钟` },
    { title: '创建单位', key: 'owner', width: 160, render: (_, t) => t.owner.name },
    { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      fixed: 'right',
      render: (_, t) => (
        <Space size={0}>
          <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setEditing(t._id)}>
            编辑
          </Button>
          {!t.archived && (
            <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => navigate(`/exams/edit?templateId=${encodeURIComponent(t._id)}`)} data-testid="template-use">
              用此模板组织考试
            </Button>
          )}
          <Button type="link" size="small" danger={!t.archived} style={{ paddingInline: 4 }} onClick={() => archive(t, !t.archived)}>
            {t.archived ? '恢复' : '停用'}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="考试模板"
        description="按行业保存抽题规则、满分、及格分和时长，组织考试时直接选用；修改模板不影响已组织的考试。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="template-create">
            新建模板
          </Button>
        }
      />
      <Card styles={{ body: { padding: '16px 16px 8px' } }}>
        <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
          <KeywordInput draft={keywordDraft} onDraftChange={setKeywordDraft} committed={query.keyword} onSearch={(keyword) => filter({ keyword })} placeholder="模板名称" width={240} testId="template-keyword" />
          <Select allowClear showSearch optionFilterProp="label" placeholder="全部行业" style={{ width: 180 }} options={INDUSTRY_OPTIONS} value={query.industry} onChange={(industry?: IndustryCode) => filter({ industry })} />
          <Checkbox checked={query.includeArchived} onChange={(e) => filter({ includeArchived: e.target.checked })}>
            显示已停用
          </Checkbox>
          <Button type="primary" icon={<SearchOutlined />} onClick={() => filter({ keyword: keywordDraft.trim() })}>
            查询
          </Button>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setKeywordDraft('');
              setQuery((q) => ({ keyword: '', includeArchived: false, page: 1, pageSize: q.pageSize }));
            }}
          >
            重置
          </Button>
        </Space>
        {error && <LoadErrorAlert what="模板列表" error={error} onRetry={reload} />}
        <div data-testid="template-table">
          <Table<ExamTemplate>
            rowKey="_id"
            size="middle"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            scroll={{ x: 1100 }}
            pagination={{ current: query.page, pageSize: query.pageSize, total: data?.total ?? 0, showTotal: (t) => `共 ${t} 个模板`, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] }}
            onChange={(p) => setQuery((q) => ({ ...q, page: p.pageSize !== q.pageSize ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? q.pageSize }))}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={error ? '加载失败' : '还没有考试模板，点击“新建模板”开始'} /> }}
          />
        </div>
      </Card>
      {editing && (
        <TemplateDrawer
          templateId={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </>
  );
}
