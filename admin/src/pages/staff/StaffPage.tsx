import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Popconfirm, Space, Table, Tabs, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import { CheckCircleFilled, EyeOutlined, PlusOutlined, ReloadOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import type { Paged } from '@shared/contracts/common';
import type { StaffRow } from '@shared/contracts/people';
import { EMPLOYMENT_TYPES, POST_CATEGORIES, labelOf } from '@shared/taxonomy';
import { call, errorMessage } from '../../api';
import { navigate, readHashQuery, writeHashQuery } from '../../router';
import dayjs from 'dayjs';
import { PageHeader } from '../../components/PageHeader';
import { CertificateTags } from '../../components/CertificateTags';
import { OneTimePasswordModal } from '../../components/OneTimePasswordModal';
import { buildDeptTree, deptSelectData, type DeptSelectNode } from '../../components/departments';
import { StaffFormDrawer, type StaffSaved } from './StaffFormDrawer';
import { LoadErrorAlert } from '../../components/LoadErrorAlert';
import { KeywordInput } from '../../components/KeywordInput';

type Status = 'active' | 'left';
type Sort = 'newest' | 'name';
interface Query {
  keyword: string;
  departmentId?: string;
  status: Status;
  sort: Sort;
  page: number;
  pageSize: number;
}

const STATUS_TABS: { key: Status; label: string }[] = [
  { key: 'active', label: '在职' },
  { key: 'left', label: '离职' },
];

const day = (v?: string) => (v ? dayjs(v).format('YYYY-MM-DD') : '—');

/** The list state from the URL (refresh and back keep tab, filters, sort and page). */
function queryFromUrl(): Query {
  const q = readHashQuery();
  const n = (k: string, d: number) => (Number(q.get(k)) > 0 ? Math.floor(Number(q.get(k))) : d);
  return {
    keyword: q.get('keyword') ?? '',
    departmentId: q.get('departmentId') || undefined,
    status: q.get('status') === 'left' ? 'left' : 'active',
    sort: q.get('sort') === 'name' ? 'name' : 'newest',
    page: n('page', 1),
    pageSize: Math.min(100, n('pageSize', 20)),
  };
}

const LEAVE_NOTICE = '离职只表示该员工离开本企业，不会删除其注册信息和培训档案，请谨慎操作';

/** 人员管理: the enterprise's staff, server-paged; add, edit, reset password, 离职. */
export default function StaffPage() {
  const { message, modal } = App.useApp();
  const [query, setQuery] = useState<Query>(queryFromUrl);
  const [keywordDraft, setKeywordDraft] = useState(query.keyword);
  const [data, setData] = useState<Paged<StaffRow> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const [departments, setDepartments] = useState<DeptSelectNode[]>([]);
  const [editing, setEditing] = useState<StaffRow | 'new' | null>(null);
  const [leaving, setLeaving] = useState<StaffRow | null>(null);
  const [viewing, setViewing] = useState<StaffRow | null>(null);
  const [password, setPassword] = useState<{ title: string; name: string; password: string } | null>(null);
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const seq = useRef(0);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const filter = (patch: Partial<Query>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    writeHashQuery({
      status: query.status === 'active' ? undefined : query.status,
      keyword: query.keyword,
      departmentId: query.departmentId,
      sort: query.sort === 'newest' ? undefined : query.sort,
      page: query.page === 1 ? undefined : query.page,
      pageSize: query.pageSize === 20 ? undefined : query.pageSize,
    });
    call('org', 'listStaff', {
      keyword: query.keyword,
      departmentId: query.departmentId,
      status: query.status,
      sort: query.sort,
      page: query.page,
      pageSize: query.pageSize,
    })
      .then((res) => mine === seq.current && setData(res))
      .catch((e) => {
        if (mine !== seq.current) return;
        setData(null);
        setError(errorMessage(e));
      })
      .finally(() => mine === seq.current && setLoading(false));
  }, [query, nonce]);

  useEffect(() => {
    call('org', 'listDepartments', {})
      .then(({ items }) => setDepartments(deptSelectData(buildDeptTree(items))))
      .catch(() => setDepartments([])); // the filter just stays empty; the table reports real failures
  }, []);

  const reveal = (row: StaffRow) =>
    modal.confirm({
      title: `查看 ${row.name} 的完整身份证号？`,
      content: '身份证号属于敏感个人信息，仅在核对身份时查看。本次查看将被记录（查看人、时间、对象）。',
      okText: '查看',
      cancelText: '取消',
      onOk: async () => {
        try {
          const { idNumber } = await call('org', 'revealIdNumber', { personId: row._id });
          setRevealed((r) => ({ ...r, [row._id]: idNumber }));
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  const resetPassword = async (row: StaffRow) => {
    try {
      const { oneTimePassword } = await call('org', 'resetStaffPassword', { personId: row._id });
      setPassword({ title: '密码已重置', name: row.name, password: oneTimePassword });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const onSaved = (r: StaffSaved) => {
    setEditing(null);
    if (r.kind === 'added') {
      if (r.initialPassword) setPassword({ title: '员工已添加', name: r.name, password: r.initialPassword });
      else message.success(`已添加 ${r.name}${r.existing ? '（该人员已在平台注册，沿用其原有登录密码）' : ''}`);
    }
    reload();
  };

  const columns: ColumnsType<StaffRow> = useMemo(
    () => [
      {
        title: '姓名',
        dataIndex: 'name',
        width: 84,
        fixed: 'left',
        // Newest first by default; the header switches to name order (server-sorted, so whole list).
        sorter: true,
        sortOrder: query.sort === 'name' ? ('ascend' as const) : null,
        sortDirections: ['ascend' as const],
        showSorterTooltip: { title: query.sort === 'name' ? '恢复按最新排序' : '按姓名排序' },
        render: (v: string, row: StaffRow) => (
          <>
            <Typography.Text strong>{v}</Typography.Text>
            {row.status !== 'active' && (
              <div>
                <Tag color={row.status === 'left' ? 'default' : 'gold'} style={{ marginTop: 2 }} data-testid="staff-status">
                  {row.status === 'left' ? '已离职' : '待审核'}
                </Tag>
              </div>
            )}
          </>
        ),
      },
      {
        title: '身份证号',
        dataIndex: 'idMasked',
        width: 176,
        render: (v: string, row: StaffRow) =>
          row.status === 'left' ? (
            <span className="mono">{v}</span>
          ) : revealed[row._id] ? (
            <Typography.Text className="mono" copyable={{ text: revealed[row._id], tooltips: ['复制', '已复制'] }} data-testid="staff-id-full">
              {revealed[row._id]}
            </Typography.Text>
          ) : (
            <Space size={4}>
              <span className="mono">{v}</span>
              <Tooltip title="查看完整号码">
                <Button type="text" size="small" icon={<EyeOutlined />} onClick={() => reveal(row)} aria-label="查看完整号码" data-testid="staff-reveal-id" />
              </Tooltip>
            </Space>
          ),
      },
      { title: '性别', dataIndex: 'gender', width: 52, render: (v: string) => (v === 'male' ? '男' : v === 'female' ? '女' : '—') },
      // Former staff are shown as they left: no current phone, certificates or binding.
      ...(query.status === 'left'
        ? []
        : [{ title: '手机', dataIndex: 'phone', width: 108, render: (v?: string) => (v ? <span className="mono">{v}</span> : <Typography.Text type="secondary">—</Typography.Text>) }]),
      { title: '部门', dataIndex: 'departmentName', width: 96, ellipsis: true, render: (v: string | null) => v || <Typography.Text type="secondary">未分配</Typography.Text> },
      // 用工形式 under 岗位分类: one column less keeps the table within 1280 px without scrolling.
      {
        title: '岗位 / 用工形式',
        dataIndex: 'postCategory',
        width: 120,
        render: (v: string, row: StaffRow) => (
          <>
            <div>{labelOf(POST_CATEGORIES, v)}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {labelOf(EMPLOYMENT_TYPES, row.employmentType)}
            </Typography.Text>
          </>
        ),
      },
      ...(query.status === 'left'
        ? [
            { title: '入职日期', dataIndex: 'joinedAt', width: 100, render: (v?: string) => day(v) },
            { title: '离职日期', dataIndex: 'leftAt', width: 100, render: (v?: string) => day(v) },
            { title: '离职原因', dataIndex: 'leftReason', width: 160, ellipsis: true, render: (v?: string) => v || <Typography.Text type="secondary">—</Typography.Text> },
          ]
        : [
            { title: '持证情况', dataIndex: 'certificates', width: 130, render: (v: StaffRow['certificates']) => <CertificateTags certificates={v} /> },
            {
              title: '微信绑定',
              dataIndex: 'bound',
              width: 72,
              render: (v: boolean) => (v ? <Tag icon={<CheckCircleFilled />} color="success" bordered={false}>已绑定</Tag> : <Typography.Text type="secondary">未绑定</Typography.Text>),
            },
          ]),
      // Former staff have nothing left to act on here: only 查看 (the record as they left).
      ...(query.status === 'left'
        ? [
            {
              title: '操作',
              key: 'actions',
              width: 64,
              fixed: 'right' as const,
              render: (_: unknown, row: StaffRow) => (
                <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setViewing(row)} data-testid="staff-view">
                  查看
                </Button>
              ),
            },
          ]
        : [
            {
              title: '操作',
              key: 'actions',
              width: 150,
              fixed: 'right' as const,
              render: (_: unknown, row: StaffRow) =>
                row.status === 'left' ? (
                  <Typography.Text type="secondary">—</Typography.Text>
                ) : (
                  <Space size={0}>
                    <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setEditing(row)} data-testid="staff-edit">
                      编辑
                    </Button>
                    <Popconfirm
                      title={`重置 ${row.name} 的登录密码？`}
                      description="将生成新的一次性密码，原密码立即失效。"
                      okText="重置"
                      cancelText="取消"
                      onConfirm={() => resetPassword(row)}
                    >
                      <Button type="link" size="small" style={{ paddingInline: 4 }} data-testid="staff-reset-password">
                        重置密码
                      </Button>
                    </Popconfirm>
                    <Button type="link" size="small" style={{ paddingInline: 4 }} danger onClick={() => setLeaving(row)} data-testid="staff-leave">
                      离职
                    </Button>
                  </Space>
                ),
            },
          ]),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [revealed, query.status, query.sort],
  );

  const pagination: TablePaginationConfig = {
    current: query.page,
    pageSize: query.pageSize,
    total: data?.total ?? 0,
    showTotal: (t) => `共 ${t} 人`,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showQuickJumper: true,
  };

  return (
    <>
      <PageHeader
        title="人员管理"
        description="本企业的从业人员（含劳务派遣、灵活用工）。员工用身份证号和密码登录小程序参加培训。"
        extra={
          <Space>
            <Button icon={<UploadOutlined />} onClick={() => navigate('/staff/import')} data-testid="staff-import">
              批量导入
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="staff-add">
              添加员工
            </Button>
          </Space>
        }
      />
      <Card styles={{ body: { padding: '4px 16px 8px' } }}>
        <Tabs
          activeKey={query.status}
          onChange={(k) => filter({ status: k as Status })}
          items={STATUS_TABS.map((t) => ({ key: t.key, label: <span data-testid={`staff-tab-${t.key}`}>{t.label}</span> }))}
        />
        <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
          <KeywordInput
            draft={keywordDraft}
            onDraftChange={setKeywordDraft}
            committed={query.keyword}
            onSearch={(keyword) => filter({ keyword })}
            placeholder="姓名/手机号/身份证号(或后4位)"
            width={260}
            testId="staff-keyword"
          />
          <TreeSelect
            allowClear
            treeData={departments}
            treeDefaultExpandAll
            placeholder="全部部门"
            style={{ width: 220 }}
            value={query.departmentId}
            onChange={(departmentId?: string) => filter({ departmentId })}
            notFoundContent="尚未设置部门"
            data-testid="staff-department-filter"
          />
          <Button type="primary" icon={<SearchOutlined />} onClick={() => filter({ keyword: keywordDraft.trim() })} data-testid="staff-search">
            查询
          </Button>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              setKeywordDraft('');
              setQuery((q) => ({ keyword: '', status: q.status, sort: q.sort, page: 1, pageSize: q.pageSize }));
            }}
            data-testid="staff-reset-filters"
          >
            重置
          </Button>
        </Space>
        {error && (
          <LoadErrorAlert what="人员列表" error={error} onRetry={reload} testId="staff-error" style={{ marginBottom: 16 }} />
        )}
        <div data-testid="staff-table">
          <Table<StaffRow>
            rowKey="_id"
            size="middle"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            pagination={pagination}
            onChange={(p, _f, sorter, extra) =>
              setQuery((q) => {
                if (extra.action === 'sort') {
                  const order = Array.isArray(sorter) ? sorter[0]?.order : sorter.order;
                  return { ...q, sort: order === 'ascend' ? 'name' : 'newest', page: 1 };
                }
                return { ...q, page: p.pageSize !== q.pageSize ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? q.pageSize };
              })
            }
            scroll={{ x: query.status === 'left' ? 964 : 988 }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={error ? '加载失败' : query.keyword || query.departmentId ? '没有符合条件的人员' : query.status === 'left' ? '暂无离职人员' : '暂无人员，可添加员工或批量导入'}
                />
              ),
            }}
          />
        </div>
      </Card>
      {editing && <StaffFormDrawer person={editing === 'new' ? null : editing} departments={departments} onClose={() => setEditing(null)} onSaved={onSaved} />}
      {viewing && (
        <Modal open title={`${viewing.name}（已离职）`} footer={null} onCancel={() => setViewing(null)} width={560} data-testid="staff-view-modal">
          <Descriptions bordered size="small" column={1} labelStyle={{ width: 110 }}>
            <Descriptions.Item label="身份证号">
              <span className="mono">{viewing.idMasked}</span>
            </Descriptions.Item>
            <Descriptions.Item label="性别">{viewing.gender === 'male' ? '男' : viewing.gender === 'female' ? '女' : '—'}</Descriptions.Item>
            <Descriptions.Item label="部门">{viewing.departmentName || '未分配'}</Descriptions.Item>
            <Descriptions.Item label="岗位分类">{labelOf(POST_CATEGORIES, viewing.postCategory)}</Descriptions.Item>
            <Descriptions.Item label="用工形式">{labelOf(EMPLOYMENT_TYPES, viewing.employmentType)}</Descriptions.Item>
            <Descriptions.Item label="入职日期">{day(viewing.joinedAt)}</Descriptions.Item>
            <Descriptions.Item label="离职日期">{day(viewing.leftAt)}</Descriptions.Item>
            <Descriptions.Item label="离职原因">{viewing.leftReason || '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
            以上为离职时的记录；其注册信息和培训档案仍保留在平台。
          </Typography.Paragraph>
        </Modal>
      )}
      {leaving && (
        <LeaveDialog
          person={leaving}
          onClose={() => setLeaving(null)}
          onDone={() => {
            message.success(`${leaving.name} 已办理离职`);
            setLeaving(null);
            reload();
          }}
        />
      )}
      {password && (
        <OneTimePasswordModal
          title={password.title}
          subject={
            <>
              员工 <Typography.Text strong>{password.name}</Typography.Text> 的登录密码（用身份证号登录小程序）：
            </>
          }
          password={password.password}
          onClose={() => setPassword(null)}
        />
      )}
    </>
  );
}

function LeaveDialog({ person, onClose, onDone }: { person: StaffRow; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason?: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const { reason } = v;
    setSaving(true);
    setError(null);
    try {
      await call('org', 'leaveStaff', { personId: person._id, reason: reason?.trim() || undefined });
      onDone();
    } catch (e) {
      setSaving(false);
      setError(errorMessage(e));
    }
  };
  return (
    <Modal
      open
      title={`为 ${person.name} 办理离职`}
      okText="确认离职"
      okButtonProps={{ danger: true, ...{ 'data-testid': 'staff-leave-confirm' } }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={480}
      data-testid="staff-leave-dialog"
    >
      <Alert type="warning" showIcon message={LEAVE_NOTICE} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="离职原因（选填）" rules={[{ max: 100, message: '不能超过100个字' }]}>
          <Input.TextArea rows={3} maxLength={100} showCount placeholder="例如 合同到期、个人原因" data-testid="staff-leave-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
