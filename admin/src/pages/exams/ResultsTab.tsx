import { lazy, Suspense, useState } from 'react';
import { App, Button, Col, Empty, Row, Select, Space, Table, TreeSelect, Typography } from 'antd';
import { DownloadOutlined, FileSearchOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { ExamDetail, ResultRow } from '@shared/contracts/exam';
import { PERSON_OUTCOME_ZH, type PersonOutcome } from '@shared/exam/attemptState';
import { POST_CATEGORIES, labelOf } from '@shared/taxonomy';
import { errorMessage } from '../../api';
import { useAccount } from '../../auth';
import { callExam, type ExamOutput } from '../../exam';
import { downloadBytes } from '../../download';
import { useDepartmentOptions, useLatestLoad } from '../../components/useLatestLoad';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { KeywordInput } from '../../components/KeywordInput';
import { RegionCascader } from '../../components/RegionCascader';
import { EnterpriseSelect } from '../../components/EnterpriseSelect';
import { dateTime, OUTCOME_COLOR, OUTCOME_ORDER, OutcomeTag, points, ratio } from './resultLabels';
import { AttemptDrawer } from './AttemptDrawer';

const OutcomeChart = lazy(() => import('./OutcomeChart'));

type OutcomeFilter = PersonOutcome | 'all';
const EXPORT_PAGE = 100;

/** The filters an export repeats page by page. */
interface Filters {
  outcome: OutcomeFilter;
  regionCode?: string;
  enterpriseId?: string;
  departmentId?: string;
  keyword: string;
}

/** Only the departments of the admin's own enterprise: a regulator filters by region and enterprise instead. */
function DepartmentFilter({ value, onChange }: { value?: string; onChange(v?: string): void }) {
  const departments = useDepartmentOptions();
  return (
    <TreeSelect
      allowClear
      treeData={departments}
      treeDefaultExpandAll
      placeholder="全部部门"
      style={{ width: 180 }}
      value={value}
      onChange={(v?: string) => onChange(v)}
      notFoundContent="尚未设置部门"
      data-testid="results-department"
    />
  );
}

/**
 * 考试结果: everyone the exam targets in the viewer's scope with the outcome (缺考 derived after the
 * window closes), summary cards and a ring, filters, the best attempt's paper, 作弊, xlsx export.
 */
export default function ResultsTab({ exam, onChanged }: { exam: ExamDetail; onChanged(): void }) {
  const account = useAccount();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<Filters>({ outcome: 'all', keyword: '' });
  const [regionPath, setRegionPath] = useState<string[]>([]);
  const [keywordDraft, setKeywordDraft] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [attemptId, setAttemptId] = useState<string | null>(null);
  const [exporting, setExporting] = useState<number | null>(null);
  const filter = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  const query = (f: Filters, p: number, size: number) => ({ examId: exam._id, ...f, page: p, pageSize: size });
  const { data, loading, error, reload } = useLatestLoad<ExamOutput<'examResults'>>(() => callExam('examResults', query(filters, page, pageSize)), [exam._id, filters, page, pageSize]);
  const summary = data?.summary;
  const inScope = summary ? Object.values(summary).reduce((a, b) => a + b, 0) : 0;

  /** Every row of the current filter, page by page with progress, then the sheet (SheetJS loaded only now). */
  const exportXlsx = async () => {
    setExporting(0);
    try {
      const rows: ResultRow[] = [];
      for (let p = 1; ; p++) {
        const r = await callExam('examResults', query(filters, p, EXPORT_PAGE));
        rows.push(...r.items);
        setExporting(r.total ? Math.min(1, rows.length / r.total) : 1);
        if (rows.length >= r.total || r.items.length < EXPORT_PAGE) break;
      }
      const { resultsSheetBytes } = await import('@shared/exam/examSheets');
      downloadBytes(resultsSheetBytes(exam.title, rows), `${exam.title}-考试结果-${dayjs().format('YYYYMMDD')}.xlsx`);
      message.success(`已导出 ${rows.length} 人`);
    } catch (e) {
      message.error(`导出失败：${errorMessage(e)}`);
    } finally {
      setExporting(null);
    }
  };

  const regulatorView = account.role !== 'enterpriseAdmin';
  const filtered = filters.outcome !== 'all' || filters.regionCode || filters.enterpriseId || filters.departmentId || filters.keyword;

  return (
    <div data-testid="exam-results">
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col flex="1 1 0">
          <Row gutter={[8, 8]}>
            {OUTCOME_ORDER.map((o) => (
              <Col key={o} span={6}>
                <button
                  type="button"
                  className="outcome-card"
                  onClick={() => filter({ outcome: filters.outcome === o ? 'all' : o })}
                  style={{
                    width: '100%',
                    textAlign: 'left',
                    cursor: 'pointer',
                    background: filters.outcome === o ? '#f0f5ff' : '#fff',
                    border: `1px solid ${filters.outcome === o ? '#1a56b0' : '#f0f0f0'}`,
                    borderLeft: `4px solid ${OUTCOME_COLOR[o]}`,
                    borderRadius: 4,
                    padding: '6px 10px',
                  }}
                  data-testid={`summary-${o}`}
                >
                  <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{PERSON_OUTCOME_ZH[o]}</div>
                  <div style={{ fontSize: 20, fontWeight: 600 }}>
                    {summary ? summary[o] : '—'}
                    <span style={{ fontSize: 12, fontWeight: 400, marginLeft: 6, color: 'rgba(0,0,0,0.45)' }}>{summary ? ratio(summary[o], inScope) : ''}</span>
                  </div>
                </button>
              </Col>
            ))}
          </Row>
        </Col>
        <Col flex="0 0 340px">
          <Suspense fallback={<div style={{ height: 180 }} />}>{summary && <OutcomeChart summary={summary} onPick={(o) => filter({ outcome: o })} />}</Suspense>
        </Col>
      </Row>

      <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start', marginBottom: 12 }}>
        <Space wrap size={[12, 12]} style={{ flex: 1, minWidth: 0 }}>
          <Select<OutcomeFilter>
            value={filters.outcome}
            onChange={(v) => filter({ outcome: v })}
            options={[{ value: 'all', label: '全部结果' }, ...OUTCOME_ORDER.map((o) => ({ value: o, label: PERSON_OUTCOME_ZH[o] }))]}
            style={{ width: 120 }}
            data-testid="results-outcome"
          />
          {regulatorView && (
            <>
              <RegionCascader
                account={account}
                value={regionPath}
                onChange={(p) => {
                  setRegionPath(p);
                  filter({ regionCode: p[p.length - 1] });
                }}
                style={{ width: 200 }}
              />
              <EnterpriseSelect value={filters.enterpriseId} onChange={(id) => filter({ enterpriseId: id })} placeholder="全部企业" style={{ width: 200 }} testId="results-enterprise" />
            </>
          )}
          {!regulatorView && <DepartmentFilter value={filters.departmentId} onChange={(v) => filter({ departmentId: v })} />}
          <KeywordInput
            draft={keywordDraft}
            onDraftChange={setKeywordDraft}
            committed={filters.keyword}
            onSearch={(k) => filter({ keyword: k })}
            placeholder="姓名/身份证号后4位"
            width={200}
            testId="results-keyword"
          />
        </Space>
        <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()} loading={exporting !== null} disabled={!data?.total} data-testid="results-export">
          {exporting !== null ? `导出中 ${Math.floor(exporting * 100)}%` : '导出Excel'}
        </Button>
      </div>

      {error && <LoadErrorAlert what="考试结果" error={error} onRetry={reload} testId="results-error" />}
      <Table<ResultRow>
        rowKey="personId"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize, total: data?.total ?? 0, showTotal: (t) => `共 ${t} 人`, showSizeChanger: true, pageSizeOptions: [20, 50, 100] }}
        onChange={(p) => {
          setPageSize(p.pageSize ?? pageSize);
          setPage(p.pageSize !== pageSize ? 1 : (p.current ?? 1));
        }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 96 },
          { title: '身份证号', dataIndex: 'idMasked', width: 176, render: (v: string) => <span className="mono">{v}</span> },
          ...(regulatorView ? [{ title: '企业', dataIndex: 'enterpriseName', ellipsis: true, render: (v: string | null) => v || '—' }] : []),
          { title: '部门', dataIndex: 'departmentName', width: 110, ellipsis: true, render: (v: string | null) => v || <Typography.Text type="secondary">未分配</Typography.Text> },
          { title: '岗位', dataIndex: 'postCategory', width: 120, render: (v: string) => labelOf(POST_CATEGORIES, v) },
          {
            title: '结果',
            dataIndex: 'outcome',
            width: 90,
            render: (v: PersonOutcome, r) => (
              <span title={r.cheating ? `作弊：${r.cheating.reason}` : undefined}>
                <OutcomeTag outcome={v} />
              </span>
            ),
          },
          { title: '成绩', dataIndex: 'score', width: 70, align: 'right', render: (v: number | null) => <span data-testid="result-score">{points(v)}</span> },
          { title: '次数', dataIndex: 'attempts', width: 56, align: 'right' },
          { title: '交卷时间', dataIndex: 'lastSubmittedAt', width: 140, render: (v: string | null) => dateTime(v) },
          { title: '来源', dataIndex: 'source', width: 80, render: (v: ResultRow['source']) => (v === 'uploaded' ? '线下上传' : '线上') },
          {
            title: '操作',
            key: 'op',
            width: 80,
            fixed: 'right',
            render: (_: unknown, r) =>
              r.bestAttemptId ? (
                <Button type="link" size="small" icon={<FileSearchOutlined />} onClick={() => setAttemptId(r.bestAttemptId)} data-testid="result-attempt">
                  答卷
                </Button>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
        ]}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={error ? '加载失败' : filtered ? '没有符合条件的人员' : '暂无考试对象'} /> }}
        data-testid="results-table"
      />
      {attemptId && (
        <AttemptDrawer
          attemptId={attemptId}
          exam={exam}
          onClose={() => setAttemptId(null)}
          onMarked={() => {
            reload();
            onChanged();
          }}
        />
      )}
    </div>
  );
}
