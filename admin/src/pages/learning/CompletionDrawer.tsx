import { useState } from 'react';
import { App, Button, Drawer, Empty, Input, Progress, Segmented, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { BellOutlined, DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { OutputOf } from '@shared/contracts/define';
import type { CompletionRow, CompletionStatus, coursesContracts } from '@shared/contracts/courses';
import { POST_CATEGORIES, labelOf } from '@shared/taxonomy';
import { formatStudyTime } from '@shared/learning/materialDefaults';
import { errorMessage } from '../../api';
import { downloadBytes } from '../../download';
import { callLearning } from '../../learning';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import type { CenterRow } from './CourseCenterPage';
import { percent } from './CourseCenterPage';
import { useRemind } from './useRemind';
import { useDepartmentOptions, useLatestLoad } from '../../components/useLatestLoad';

type Completion = OutputOf<(typeof coursesContracts)['courseCompletion']>;
type StatusFilter = CompletionStatus | 'all';
const STATUS_ZH: Record<CompletionStatus, string> = { done: '已完成', inProgress: '学习中', notStarted: '未开始' };
const STATUS_COLOR: Record<CompletionStatus, string> = { done: 'success', inProgress: 'processing', notStarted: 'default' };
const EXPORT_PAGE = 100;

/** One course's completion per employee and per department; filter, export (.xlsx), 提醒. */
export function CompletionDrawer({ course, onClose, onReminded }: { course: CenterRow; onClose(): void; onReminded(): void }) {
  const { message } = App.useApp();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const [keyword, setKeyword] = useState('');
  const [keywordDraft, setKeywordDraft] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const departments = useDepartmentOptions();
  const [exporting, setExporting] = useState<number | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const remind = useRemind();

  const { data, loading, error, reload } = useLatestLoad<Completion>(
    () => callLearning('courseCompletion', { courseId: course._id, status, departmentId, keyword, page, pageSize }),
    [course._id, status, departmentId, keyword, page, pageSize],
  );

  /** Every row of the current filter, page by page, then the sheet (xlsx code loaded only now). */
  const exportXlsx = async () => {
    setExporting(0);
    try {
      const rows: CompletionRow[] = [];
      for (let p = 1; ; p++) {
        const r = await callLearning('courseCompletion', { courseId: course._id, status, departmentId, keyword, page: p, pageSize: EXPORT_PAGE });
        rows.push(...r.items);
        setExporting(r.total ? rows.length / r.total : 1);
        if (rows.length >= r.total || r.items.length < EXPORT_PAGE) break;
      }
      const { completionSheetBytes } = await import('@shared/learning/completionSheet');
      downloadBytes(completionSheetBytes(course.title, rows), `${course.title}-完成情况-${dayjs().format('YYYYMMDD')}.xlsx`);
      message.success(`已导出 ${rows.length} 人`);
    } catch (e) {
      message.error(`导出失败：${errorMessage(e)}`);
    } finally {
      setExporting(null);
    }
  };

  const filterChanged = () => {
    setPage(1);
    setSelected([]);
  };

  return (
    <Drawer
      open
      width={1040}
      onClose={onClose}
      title={`完成情况 · ${course.title}`}
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()} loading={exporting !== null} disabled={!data?.total} data-testid="completion-export">
            {exporting !== null ? `导出中 ${Math.floor(exporting * 100)}%` : '导出Excel'}
          </Button>
          <Button
            type="primary"
            icon={<BellOutlined />}
            disabled={course.done === course.reached && !selected.length}
            onClick={() =>
              remind({
                courseId: course._id,
                title: course.title,
                notDone: course.reached - course.done,
                personIds: selected.length ? selected : undefined,
                onDone: () => {
                  setSelected([]);
                  onReminded();
                },
              })
            }
            data-testid="completion-remind"
          >
            {selected.length ? `提醒所选（${selected.length}）` : '提醒未完成'}
          </Button>
        </Space>
      }
      data-testid="completion-drawer"
    >
      <Space size={24} style={{ marginBottom: 16 }}>
        <span>
          应学 <Typography.Text strong>{course.reached}</Typography.Text> 人
        </span>
        <span>
          已完成 <Typography.Text type="success" strong>{course.done}</Typography.Text>
        </span>
        <span>
          学习中 <Typography.Text strong>{course.inProgress}</Typography.Text>
        </span>
        <span>
          未开始 <Typography.Text type="warning" strong>{course.notStarted}</Typography.Text>
        </span>
        <Progress percent={percent(course.done, course.reached)} size="small" style={{ width: 200, margin: 0 }} />
      </Space>
      {data && data.departments.length > 0 && (
        <Table
          size="small"
          bordered
          style={{ marginBottom: 16 }}
          rowKey={(d) => d.departmentId ?? '-'}
          dataSource={data.departments}
          pagination={data.departments.length > 8 ? { pageSize: 8, size: 'small' } : false}
          title={() => <Typography.Text strong>按部门</Typography.Text>}
          onRow={(d) => ({ onClick: () => d.departmentId && (setDepartmentId(d.departmentId), filterChanged()), style: { cursor: d.departmentId ? 'pointer' : undefined } })}
          columns={[
            { title: '部门', dataIndex: 'name', render: (v: string, d) => v || (d.departmentId ? v : '未分配部门') },
            { title: '已完成', dataIndex: 'done', width: 90, align: 'right' },
            { title: '学习中', dataIndex: 'inProgress', width: 90, align: 'right' },
            { title: '未开始', dataIndex: 'notStarted', width: 90, align: 'right' },
            { title: '完成率', key: 'rate', width: 180, render: (_: unknown, d) => <Progress percent={percent(d.done, d.done + d.inProgress + d.notStarted)} size="small" /> },
          ]}
          data-testid="completion-departments"
        />
      )}
      <Space wrap size={[12, 12]} style={{ marginBottom: 12 }}>
        <Segmented<StatusFilter>
          value={status}
          onChange={(v) => {
            setStatus(v);
            filterChanged();
          }}
          options={[
            { value: 'all', label: '全部' },
            { value: 'notStarted', label: '未开始' },
            { value: 'inProgress', label: '学习中' },
            { value: 'done', label: '已完成' },
          ]}
          data-testid="completion-status"
        />
        <TreeSelect
          allowClear
          treeData={departments}
          treeDefaultExpandAll
          placeholder="全部部门"
          style={{ width: 200 }}
          value={departmentId}
          onChange={(v?: string) => {
            setDepartmentId(v);
            filterChanged();
          }}
          notFoundContent="尚未设置部门"
        />
        <Input
          allowClear
          prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
          placeholder="姓名/身份证号后4位"
          style={{ width: 200 }}
          maxLength={50}
          value={keywordDraft}
          onChange={(e) => {
            setKeywordDraft(e.target.value);
            if (!e.target.value && keyword) (setKeyword(''), filterChanged());
          }}
          onPressEnter={() => (setKeyword(keywordDraft.trim()), filterChanged())}
        />
      </Space>
      {error && <LoadErrorAlert what="完成情况" error={error} onRetry={reload} />}
      <Table<CompletionRow>
        rowKey="personId"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), preserveSelectedRowKeys: true, getCheckboxProps: (r) => ({ disabled: r.status === 'done' }) }}
        pagination={{ current: page, pageSize, total: data?.total ?? 0, showTotal: (t) => `共 ${t} 人`, showSizeChanger: true, pageSizeOptions: [20, 50, 100] }}
        onChange={(p) => {
          setPageSize(p.pageSize ?? pageSize);
          setPage(p.pageSize !== pageSize ? 1 : (p.current ?? 1));
        }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100 },
          { title: '身份证号', dataIndex: 'idMasked', width: 180, render: (v: string) => <span className="mono">{v}</span> },
          { title: '部门', dataIndex: 'departmentName', width: 120, render: (v: string | null) => v || <Typography.Text type="secondary">未分配</Typography.Text> },
          { title: '岗位', dataIndex: 'postCategory', width: 120, render: (v: string) => labelOf(POST_CATEGORIES, v) },
          { title: '状态', dataIndex: 'status', width: 84, render: (v: CompletionStatus) => <Tag color={STATUS_COLOR[v]} bordered={false}>{STATUS_ZH[v]}</Tag> },
          { title: '进度', dataIndex: 'progress', width: 150, render: (v: number) => <Progress percent={Math.round(v * 100)} size="small" /> },
          { title: '已学时长', dataIndex: 'creditedSeconds', width: 100, render: (v: number) => (v ? formatStudyTime(v) : '—') },
          { title: '完成时间', dataIndex: 'completedAt', width: 110, render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD') : '—') },
        ]}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={error ? '加载失败' : status !== 'all' || departmentId || keyword ? '没有符合条件的人员' : '该课程暂未覆盖本企业的在职人员'} /> }}
        data-testid="completion-table"
      />
    </Drawer>
  );
}
