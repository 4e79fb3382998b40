import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Badge, Button, Card, Empty, Form, Input, Modal, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Paged } from '@shared/contracts/common';
import type { RequestRow } from '@shared/contracts/people';
import { CloudError } from '@shared/client';
import { POST_CATEGORIES, labelOf } from '@shared/taxonomy';
import { call, errorMessage } from '../api';
import { readHashQuery, writeHashQuery } from '../router';
import { PageHeader } from '../components/PageHeader';
import { CertificateTags } from '../components/CertificateTags';
import { notifyPendingChanged } from '../pending';
import { LoadErrorAlert } from '../components/LoadErrorAlert';

type Status = 'pending' | 'approved' | 'rejected' | 'all';
const TABS: { key: Status; label: string }[] = [
  { key: 'pending', label: '待审核' },
  { key: 'approved', label: '已通过' },
  { key: 'rejected', label: '已驳回' },
  { key: 'all', label: '全部' },
];

const TYPE_TAG: Record<RequestRow['type'], { text: string; color: string }> = {
  registration: { text: '注册申请', color: 'blue' },
  changeEmployer: { text: '更换企业', color: 'purple' },
  infoChange: { text: '信息变更', color: 'cyan' },
};
/** The confirmation names the request as the worker filed it. */
const REQUEST_NAME: Record<RequestRow['type'], string> = {
  registration: '注册申请',
  changeEmployer: '更换企业申请',
  infoChange: '信息变更申请',
};
const APPROVE_NOTE: Record<RequestRow['type'], string> = {
  registration: '通过后该员工成为本企业在职人员。',
  changeEmployer: '通过后该员工转入本企业，其原单位任职记录随即结束。',
  infoChange: '通过后该员工的岗位类别随即更新。',
};
const STATUS_TAG: Record<RequestRow['status'], { text: string; color: string }> = {
  pending: { text: '待审核', color: 'gold' },
  approved: { text: '已通过', color: 'success' },
  rejected: { text: '已驳回', color: 'error' },
  cancelled: { text: '已撤回', color: 'default' },
};

const time = (v?: string) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

/** 人员审核: workers' self-registrations and change-of-employer requests to this enterprise. */
export default function ApprovalsPage() {
  const { message } = App.useApp();
  // Tab and page live in the URL: refresh and back keep them.
  const [status, setStatus] = useState<Status>(() => {
    const v = readHashQuery().get('status');
    return TABS.some((t) => t.key === v) ? (v as Status) : 'pending';
  });
  const [page, setPage] = useState(() => {
    const q = readHashQuery();
    const n = (k: string, d: number) => (Number(q.get(k)) > 0 ? Math.floor(Number(q.get(k))) : d);
    return { page: n('page', 1), pageSize: Math.min(100, n('pageSize', 20)) };
  });
  const [data, setData] = useState<(Paged<RequestRow> & { pendingCount: number }) | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const [rejecting, setRejecting] = useState<RequestRow | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const seq = useRef(0);
  const reload = useCallback(() => setNonce((n) => n + 1), []);

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    writeHashQuery({
      status: status === 'pending' ? undefined : status,
      page: page.page === 1 ? undefined : page.page,
      pageSize: page.pageSize === 20 ? undefined : page.pageSize,
    });
    call('org', 'listRequests', { status, ...page })
      .then((res) => mine === seq.current && setData(res))
      .catch((e) => {
        if (mine !== seq.current) return;
        setData(null);
        setError(errorMessage(e));
      })
      .finally(() => mine === seq.current && setLoading(false));
  }, [status, page, nonce]);

  /** After any decision attempt: the list and the menu badge both refresh. */
  const decided = () => {
    notifyPendingChanged();
    reload();
  };

  const decide = async (row: RequestRow, decision: 'approve' | 'reject', reason?: string): Promise<boolean> => {
    setBusy(row._id);
    try {
      await call('org', 'decideRequest', { requestId: row._id, decision, reason });
      message.success(decision === 'approve' ? `已通过${row.personName}的${REQUEST_NAME[row.type]}` : `已驳回${row.personName}的${REQUEST_NAME[row.type]}`);
      decided();
      return true;
    } catch (e) {
      if (e instanceof CloudError && e.code === 'REQUEST_NOT_PENDING') {
        message.warning(errorMessage(e));
        decided();
        return true;
      }
      message.error(errorMessage(e));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const actions = (row: RequestRow) => (
    <Space size={0}>
      <Popconfirm
        title={`通过${row.personName}的${REQUEST_NAME[row.type]}？`}
        description={APPROVE_NOTE[row.type]}
        okText="通过"
        cancelText="取消"
        onConfirm={() => decide(row, 'approve')}
      >
        <Button type="link" size="small" loading={busy === row._id} data-testid="request-approve">
          通过
        </Button>
      </Popconfirm>
      <Button type="link" size="small" danger disabled={busy === row._id} onClick={() => setRejecting(row)} data-testid="request-reject">
        驳回
      </Button>
    </Space>
  );

  const result = (row: RequestRow) => (
    <div style={{ lineHeight: 1.6 }}>
      <Tag color={STATUS_TAG[row.status].color}>{STATUS_TAG[row.status].text}</Tag>
      {row.decidedAt && (
        <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
          {time(row.decidedAt)}
          {row.decidedByName ? ` · ${row.decidedByName}` : ''}
        </div>
      )}
      {row.status === 'rejected' && row.reason && (
        <div style={{ fontSize: 12 }} title={row.reason}>
          原因：{row.reason}
        </div>
      )}
    </div>
  );

  const columns: ColumnsType<RequestRow> = [
    { title: '姓名', dataIndex: 'personName', width: 96, fixed: 'left', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: '身份证号', dataIndex: 'idMasked', width: 170, render: (v: string) => <span className="mono">{v}</span> },
    {
      title: '类型',
      dataIndex: 'type',
      width: 88,
      render: (v: RequestRow['type']) => (
        <Tag color={TYPE_TAG[v].color} bordered={false}>
          {TYPE_TAG[v].text}
        </Tag>
      ),
    },
    {
      title: '原单位',
      dataIndex: 'fromEnterpriseName',
      width: 150,
      ellipsis: true,
      render: (v: string | null | undefined, row) => (row.type === 'changeEmployer' && v ? v : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: '岗位分类',
      dataIndex: 'postCategory',
      width: 140,
      render: (v: string, row) =>
        row.type === 'infoChange' && row.previousPostCategory ? (
          <span data-testid="request-post-change">
            岗位类别：{labelOf(POST_CATEGORIES, row.previousPostCategory)} → {labelOf(POST_CATEGORIES, v)}
          </span>
        ) : (
          labelOf(POST_CATEGORIES, v)
        ),
    },
    { title: '持证情况', dataIndex: 'certificates', width: 140, render: (v: RequestRow['certificates']) => <CertificateTags certificates={v} /> },
    { title: '申请时间', dataIndex: 'createdAt', width: 136, render: time },
    // The pending tab acts; the others show the outcome (and still act on a pending row under 全部).
    status === 'pending'
      ? { title: '操作', key: 'actions', width: 128, fixed: 'right', render: (_: unknown, row) => actions(row) }
      : { title: '处理结果', key: 'result', width: 220, fixed: 'right', render: (_: unknown, row) => (row.status === 'pending' ? actions(row) : result(row)) },
  ];

  const pagination: TablePaginationConfig = {
    current: page.page,
    pageSize: page.pageSize,
    total: data?.total ?? 0,
    showTotal: (t) => `共 ${t} 条`,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
  };

  return (
    <>
      <PageHeader
        title="人员审核"
        description="员工在小程序中自行注册或申请转入本企业，经管理员审核通过后成为本企业人员。"
        extra={
          <Button icon={<ReloadOutlined />} onClick={decided}>
            刷新
          </Button>
        }
      />
      <Card styles={{ body: { padding: '4px 16px 8px' } }}>
        <Tabs
          activeKey={status}
          onChange={(k) => {
            setStatus(k as Status);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          items={TABS.map((t) => ({
            key: t.key,
            label: (
              <span data-testid={`request-tab-${t.key}`}>
                {t.label}
                {t.key === 'pending' && !!data?.pendingCount && <Badge count={data.pendingCount} size="small" style={{ marginInlineStart: 6 }} />}
              </span>
            ),
          }))}
        />
        {error && (
          <LoadErrorAlert what="申请列表" error={error} onRetry={reload} style={{ marginBottom: 16 }} />
        )}
        <div data-testid="request-table">
          <Table<RequestRow>
            rowKey="_id"
            size="middle"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            pagination={pagination}
            onChange={(p) => setPage((q) => ({ page: p.pageSize !== q.pageSize ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? q.pageSize }))}
            scroll={{ x: status === 'pending' ? 1020 : 1112 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={error ? '加载失败' : status === 'pending' ? '没有待审核的申请' : '暂无记录'} /> }}
          />
        </div>
      </Card>
      {rejecting && (
        <RejectDialog
          request={rejecting}
          onClose={() => setRejecting(null)}
          onSubmit={async (reason) => {
            if (await decide(rejecting, 'reject', reason)) setRejecting(null);
          }}
        />
      )}
    </>
  );
}

function RejectDialog({ request, onClose, onSubmit }: { request: RequestRow; onClose: () => void; onSubmit: (reason: string) => Promise<void> }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open
      title={`驳回${request.personName}的${REQUEST_NAME[request.type]}`}
      okText="确认驳回"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={saving}
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields().catch(() => null);
        if (!v) return;
        const { reason } = v;
        setSaving(true);
        await onSubmit(reason.trim());
        setSaving(false);
      }}
      destroyOnHidden
      width={480}
      data-testid="request-reject-dialog"
    >
      <Typography.Paragraph type="secondary">驳回原因将告知申请人，请写清需要更正的内容。</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label="驳回原因"
          rules={[
            { required: true, whitespace: true, message: '请填写驳回原因' },
            { max: 100, message: '不能超过100个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={100} showCount autoFocus placeholder="例如 非本企业员工、岗位信息有误" data-testid="request-reject-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
