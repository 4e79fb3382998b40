import { useState } from 'react';
import { App, Button, Card, Empty, Progress, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowLeftOutlined, DownloadOutlined, PlusOutlined, ReloadOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { QuestionRow } from '@shared/contracts/exam';
import type { Difficulty, QuestionStatus, QuestionType } from '@shared/exam/basics';
import { errorMessage } from '../../api';
import { callExam } from '../../exam';
import { navigate, readHashQuery, writeHashQuery } from '../../router';
import { PageHeader } from '../../components/PageHeader';
import { PageSpinner } from '../../components/PageSpinner';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { KeywordInput } from '../../components/KeywordInput';
import { useLatestLoad } from '../../components/useLatestLoad';
import { downloadBytes } from '../../components/download';
import { DIFFICULTY_OPTIONS, DifficultyTag, QUESTION_STATUS_OPTIONS, QuestionStatusTag, TYPE_OPTIONS, TypeTag } from './bankLabels';
import { QuestionDrawer } from './QuestionDrawer';
import { QuestionImportDialog } from './QuestionImportDialog';
import { bankTotal } from './BanksPage';

interface Query {
  keyword: string;
  type?: QuestionType;
  status?: QuestionStatus;
  difficulty?: Difficulty;
  page: number;
  pageSize: number;
}
const EXPORT_PAGE = 500;

function queryFromUrl(): Query {
  const q = readHashQuery();
  const n = (k: string, d: number) => (Number(q.get(k)) > 0 ? Math.floor(Number(q.get(k))) : d);
  const pick = <T extends string>(k: string, list: { value: T }[]) => list.find((o) => o.value === q.get(k))?.value;
  return { keyword: q.get('keyword') ?? '', type: pick('type', TYPE_OPTIONS), status: pick('status', QUESTION_STATUS_OPTIONS), difficulty: pick('difficulty', DIFFICULTY_OPTIONS), page: n('page', 1), pageSize: Math.min(100, n('pageSize', 20)) };
}

/** `#/banks/questions?bankId=…`: one bank's questions — filters, editor (new version on change), 启用/停用, import, export. */
export default function BankQuestionsPage() {
  const { message, modal } = App.useApp();
  const [bankId] = useState(() => readHashQuery().get('bankId') ?? '');
  const [query, setQuery] = useState<Query>(queryFromUrl);
  const [keywordDraft, setKeywordDraft] = useState(query.keyword);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState<number | null>(null);
  const filter = (patch: Partial<Query>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));

  const bank = useLatestLoad(async () => (await callExam('listBanks', { bankId, page: 1, pageSize: 1 })).items[0] ?? null, [bankId]);
  const list = useLatestLoad(() => {
    writeHashQuery({ bankId, keyword: query.keyword, type: query.type, status: query.status, difficulty: query.difficulty, page: query.page === 1 ? undefined : query.page, pageSize: query.pageSize === 20 ? undefined : query.pageSize });
    return callExam('listQuestions', { bankId, keyword: query.keyword, type: query.type, status: query.status, difficulty: query.difficulty, page: query.page, pageSize: query.pageSize });
  }, [bankId, query]);
  const reloadAll = () => {
    list.reload();
    bank.reload();
  };

  const setStatus = (row: QuestionRow, status: QuestionStatus) => {
    const run = async () => {
      try {
        await callExam('setQuestionStatus', { questionId: row._id, status });
        message.success(status === 'active' ? '试题已启用' : '试题已停用');
        reloadAll();
      } catch (e) {
        message.error(errorMessage(e));
      }
    };
    if (status === 'active') return void run();
    modal.confirm({
      title: '停用这道试题？',
      content: '停用后不再被抽到（已发布考试的试卷不受影响），已作答的记录保留；可随时重新启用。',
      okText: '停用',
      okButtonProps: { danger: true, ...{ 'data-testid': 'question-disable-confirm' } },
      cancelText: '取消',
      onOk: run,
    });
  };

  const exportXlsx = async () => {
    if (!bank.data) return;
    setExporting(0);
    try {
      let header: string[] = [];
      const rows: string[][] = [];
      for (let offset = 0; ; ) {
        const r = await callExam('exportQuestions', { bankId, offset, limit: EXPORT_PAGE });
        header = r.header;
        rows.push(...r.rows);
        offset += r.rows.length;
        setExporting(r.total ? offset / r.total : 1);
        if (r.done || r.rows.length === 0) break;
      }
      const { questionExportBytes } = await import('@shared/exam/questionSheet');
      downloadBytes(questionExportBytes(header, rows), `${bank.data.name}-试题-${dayjs().format('YYYYMMDD')}.xlsx`);
      message.success(`已导出 ${rows.length} 道题`);
    } catch (e) {
      message.error(`导出失败：${errorMessage(e)}`);
    } finally {
      setExporting(null);
    }
  };

  if (!bank.data)
    return bank.error || (!bank.loading && bank.data === null) ? (
      <>
        <PageHeader title="题库" extra={<Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/banks')}>返回题库列表</Button>} />
        <LoadErrorAlert what="题库" error={bank.error ?? '题库不存在或无权查看'} onRetry={bank.error ? bank.reload : undefined} testId="bank-load-error" />
      </>
    ) : (
      <PageSpinner />
    );

  const b = bank.data;
  const columns: ColumnsType<QuestionRow> = [
    {
      title: '题干',
      dataIndex: 'stem',
      render: (v: string, row) => (
        <Space direction="vertical" size={2} style={{ width: '100%' }}>
          <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, tooltip: v }}>
            <a onClick={() => setEditing(row._id)} data-testid="question-stem-link">
              {v}
            </a>
          </Typography.Paragraph>
          {row.tags.knowledgePoints.length > 0 && (
            <Space size={4} wrap>
              {row.tags.knowledgePoints.map((k) => (
                <Tag key={k} bordered={false} style={{ fontSize: 12 }}>
                  {k}
                </Tag>
              ))}
            </Space>
          )}
        </Space>
      ),
    },
    { title: '题型', dataIndex: 'type', width: 84, render: (v: QuestionType) => <TypeTag type={v} /> },
    { title: '难度', dataIndex: 'difficulty', width: 64, render: (v: Difficulty) => <DifficultyTag difficulty={v} /> },
    { title: '版本', dataIndex: 'version', width: 64, render: (v: number) => <span data-testid="question-version">第{v}版</span> },
    { title: '状态', dataIndex: 'status', width: 72, render: (v: QuestionStatus) => <QuestionStatusTag status={v} /> },
    { title: '更新时间', dataIndex: 'updatedAt', width: 140, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_, row) => (
        <Space size={0}>
          <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setEditing(row._id)} data-testid="question-edit">
            编辑
          </Button>
          {row.status === 'active' ? (
            <Button type="link" size="small" danger style={{ paddingInline: 4 }} onClick={() => setStatus(row, 'disabled')} data-testid="question-disable">
              停用
            </Button>
          ) : (
            <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setStatus(row, 'active')} data-testid="question-enable">
              启用
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const filtered = Boolean(query.keyword || query.type || query.status || query.difficulty);
  return (
    <>
      <PageHeader
        title={b.name}
        description={b.description || '单选、多选、判断题；修改试题生成新版本，停用的试题不再被抽到。'}
        extra={
          <Space>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/banks')} data-testid="bank-back">
              返回
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()} loading={exporting !== null} disabled={bankTotal(b) === 0 && !list.data?.total} data-testid="bank-export">
              导出
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="bank-import">
              批量导入
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="question-create">
              新增试题
            </Button>
          </Space>
        }
      />
      {exporting !== null && <Progress percent={Math.floor(exporting * 100)} size="small" style={{ marginBottom: 12 }} data-testid="export-progress" />}
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: '12px 24px' } }}>
        <Space size={48} data-testid="bank-counts" data-total={bankTotal(b)}>
          <Statistic title={<Tooltip title="停用的试题不计入">启用试题</Tooltip>} value={bankTotal(b)} suffix="道" />
          <Statistic title="单选题" value={b.counts.single} />
          <Statistic title="多选题" value={b.counts.multiple} />
          <Statistic title="判断题" value={b.counts.judge} />
          <Typography.Text type="secondary">创建单位：{b.owner.name}</Typography.Text>
        </Space>
      </Card>
      <Card styles={{ body: { padding: '16px 16px 8px' } }}>
        <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
          <KeywordInput draft={keywordDraft} onDraftChange={setKeywordDraft} committed={query.keyword} onSearch={(keyword) => filter({ keyword })} placeholder="题干关键词" width={240} testId="question-keyword" />
          <Select allowClear placeholder="全部题型" style={{ width: 120 }} options={TYPE_OPTIONS} value={query.type} onChange={(type?: QuestionType) => filter({ type })} data-testid="question-type-filter" />
          <Select allowClear placeholder="全部状态" style={{ width: 120 }} options={QUESTION_STATUS_OPTIONS} value={query.status} onChange={(status?: QuestionStatus) => filter({ status })} data-testid="question-status-filter" />
          <Select allowClear placeholder="全部难度" style={{ width: 120 }} options={DIFFICULTY_OPTIONS} value={query.difficulty} onChange={(difficulty?: Difficulty) => filter({ difficulty })} />
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
        {list.error && <LoadErrorAlert what="试题列表" error={list.error} onRetry={list.reload} testId="question-error" />}
        <div data-testid="question-table">
          <Table<QuestionRow>
            rowKey="_id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            scroll={{ x: 900 }}
            pagination={{ current: query.page, pageSize: query.pageSize, total: list.data?.total ?? 0, showTotal: (t) => `共 ${t} 道题`, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] }}
            onChange={(p) => setQuery((q) => ({ ...q, page: p.pageSize !== q.pageSize ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? q.pageSize }))}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={list.error ? '加载失败' : filtered ? '没有符合条件的试题' : '题库中还没有试题：点击“新增试题”或“批量导入”'} /> }}
          />
        </div>
      </Card>
      {editing && (
        <QuestionDrawer
          bankId={bankId}
          questionId={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reloadAll();
          }}
        />
      )}
      {importing && <QuestionImportDialog bankId={bankId} bankName={b.name} onClose={() => setImporting(false)} onImported={reloadAll} />}
    </>
  );
}
