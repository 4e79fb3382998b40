import { useState } from 'react';
import { Card, Empty, Select, Space, Switch, Table, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckCircleFilled, InfoCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Paged } from '@shared/contracts/common';
import type { HoursRow } from '@shared/contracts/courses';
import { POST_CATEGORIES, labelOf } from '@shared/taxonomy';
import { callLearning } from '../../learning';
import { readHashQuery, writeHashQuery } from '../../router';
import { PageHeader } from '../../components/PageHeader';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { recentYears } from './OfflineTrainingPage';
import { useDepartmentOptions, useLatestLoad } from '../../components/useLatestLoad';

const KIND_ZH = { initial: '岗前初训', annual: '年度再培训' } as const;

/** "6 / 8": done against required, red when short. */
function Part({ done, required, gap }: { done: number; required: number; gap: number }) {
  return (
    <span>
      <Typography.Text type={gap > 0 ? 'danger' : 'success'} strong>
        {done}
      </Typography.Text>
      <Typography.Text type="secondary"> / {required}</Typography.Text>
    </span>
  );
}

/**
 * 学时台账 (enterprise admin): per person per year, online + offline hours against the post
 * category's statutory requirement (initial in the year of joining, annual afterwards), gap highlighted.
 */
export default function HoursReportPage() {
  const [year, setYear] = useState(() => Number(readHashQuery().get('year')) || dayjs().year());
  const [onlyGaps, setOnlyGaps] = useState(() => readHashQuery().get('gaps') === '1');
  const [departmentId, setDepartmentId] = useState<string | undefined>(() => readHashQuery().get('departmentId') || undefined);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const departments = useDepartmentOptions();

  const { data, loading, error, reload } = useLatestLoad<Paged<HoursRow>>(
    () => {
      writeHashQuery({ year: year === dayjs().year() ? undefined : year, gaps: onlyGaps ? 1 : undefined, departmentId });
      return callLearning('hoursReport', { year, onlyGaps, departmentId, page, pageSize });
    },
    [year, onlyGaps, departmentId, page, pageSize],
  );

  const columns: ColumnsType<HoursRow> = [
    { title: '姓名', dataIndex: 'name', width: 100 },
    { title: '部门', dataIndex: 'departmentName', width: 130, render: (v: string | null) => v || <Typography.Text type="secondary">未分配</Typography.Text> },
    { title: '岗位', dataIndex: 'postCategory', width: 130, render: (v: string) => labelOf(POST_CATEGORIES, v) },
    {
      title: '培训类型',
      key: 'kind',
      width: 120,
      render: (_: unknown, r) => (
        <span>
          {KIND_ZH[r.requirement.kind]} <Typography.Text type="secondary">{r.requirement.total}学时</Typography.Text>
        </span>
      ),
    },
    { title: '线上（已完成 / 应完成）', key: 'online', width: 170, align: 'center', render: (_: unknown, r) => <Part done={r.onlineHours} required={r.requirement.online} gap={r.onlineGap} /> },
    { title: '线下（已完成 / 应完成）', key: 'offline', width: 170, align: 'center', render: (_: unknown, r) => <Part done={r.offlineHours} required={r.requirement.offline} gap={r.offlineGap} /> },
    {
      title: '差额',
      dataIndex: 'gap',
      width: 150,
      render: (gap: number, r) =>
        r.met ? (
          <Tag icon={<CheckCircleFilled />} color="success" bordered={false}>
            已达标
          </Tag>
        ) : (
          <Tooltip title={[r.onlineGap ? `线上差 ${r.onlineGap}` : '', r.offlineGap ? `线下差 ${r.offlineGap}` : ''].filter(Boolean).join('，')}>
            <Tag color="error" bordered={false} data-testid="hours-gap">
              差 {gap} 学时
            </Tag>
          </Tooltip>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="学时台账"
        description={
          <span>
            每名在职人员本年度的线上、线下学时与岗位要求对照。入职当年按岗前初训要求，之后按年度再培训要求；线上学时不能替代线下学时。
            <Tooltip title="主要负责人、安全管理人员初训32学时、每年再培训12学时；高危行业及一般从业人员按《生产经营单位安全培训规定》执行。">
              <InfoCircleOutlined style={{ marginLeft: 6 }} />
            </Tooltip>
          </span>
        }
      />
      <Card styles={{ body: { padding: '16px 16px 8px' } }}>
        <Space wrap size={[16, 12]} style={{ marginBottom: 16 }}>
          <Space>
            <span>年度</span>
            <Select value={year} style={{ width: 120 }} options={recentYears().map((y) => ({ value: y, label: `${y}年` }))} onChange={(y: number) => (setYear(y), setPage(1))} data-testid="hours-year" />
          </Space>
          <TreeSelect allowClear treeData={departments} treeDefaultExpandAll placeholder="全部部门" style={{ width: 200 }} value={departmentId} onChange={(v?: string) => (setDepartmentId(v), setPage(1))} notFoundContent="尚未设置部门" />
          <Space>
            <Switch checked={onlyGaps} onChange={(v) => (setOnlyGaps(v), setPage(1))} data-testid="hours-only-gaps" />
            <span>只看未达标</span>
          </Space>
        </Space>
        {error && <LoadErrorAlert what="学时台账" error={error} onRetry={reload} testId="hours-error" />}
        <div data-testid="hours-table">
          <Table<HoursRow>
            rowKey="personId"
            size="middle"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            scroll={{ x: 980 }}
            rowClassName={(r) => (r.met ? '' : 'row-gap')}
            pagination={{ current: page, pageSize, total: data?.total ?? 0, showTotal: (t) => `共 ${t} 人`, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] }}
            onChange={(p) => {
              setPageSize(p.pageSize ?? pageSize);
              setPage(p.pageSize !== pageSize ? 1 : (p.current ?? 1));
            }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={error ? '加载失败' : onlyGaps ? '全部人员已达标' : '暂无在职人员'} /> }}
          />
        </div>
      </Card>
    </>
  );
}
