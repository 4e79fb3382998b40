import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Radio, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Paged } from '@shared/contracts/common';
import type { AccountView } from '@shared/contracts/identity';
import { fieldErrorsOf } from '@shared/client';
import { INDUSTRIES, labelOf, type IndustryCode } from '@shared/taxonomy';
import { call, errorMessage } from '../api';
import { readHashQuery, writeHashQuery } from '../router';
import { useAccount } from '../auth';
import { roleLabel, scopeLabel } from '../format';
import { PageHeader } from '../components/PageHeader';
import { RegionPicker } from '../components/RegionPicker';
import { OneTimePasswordModal } from '../components/OneTimePasswordModal';
import { LoadErrorAlert } from '../components/LoadErrorAlert';
import { useGuardedClose } from '../components/guardedClose';

type Row = AccountView & { status: 'active' | 'disabled'; createdAt: string };

/** 账号管理: console accounts the caller may see and create (its subtree / its enterprise). */
export default function AccountsPage() {
  const me = useAccount();
  const { message } = App.useApp();
  // Filters and page live in the URL: refresh and back keep them.
  const [query, setQuery] = useState(() => {
    const q = readHashQuery();
    const n = (k: string, d: number) => (Number(q.get(k)) > 0 ? Math.floor(Number(q.get(k))) : d);
    return { keyword: q.get('keyword') ?? '', page: n('page', 1), pageSize: Math.min(100, n('pageSize', 20)) };
  });
  const [keywordDraft, setKeywordDraft] = useState(query.keyword);
  const [data, setData] = useState<Paged<Row> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ account: AccountView; password: string } | null>(null);
  const [reset, setReset] = useState<{ account: Row; password: string } | null>(null);
  const [resetting, setResetting] = useState<string | null>(null);
  const seq = useRef(0);
  const reload = useCallback(() => setNonce((n) => n + 1), []);

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    writeHashQuery({ keyword: query.keyword, page: query.page === 1 ? undefined : query.page, pageSize: query.pageSize === 20 ? undefined : query.pageSize });
    call('identity', 'listAccounts', query)
      .then((res) => mine === seq.current && setData(res))
      .catch((e) => {
        if (mine !== seq.current) return;
        setData(null);
        setError(errorMessage(e));
      })
      .finally(() => mine === seq.current && setLoading(false));
  }, [query, nonce]);

  const setStatus = async (row: Row, status: 'active' | 'disabled') => {
    try {
      await call('identity', 'setAccountStatus', { accountId: row._id, status });
      message.success(status === 'disabled' ? `已停用 ${row.username}` : `已启用 ${row.username}`);
      reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  // The list holds only accounts the caller may manage (its subtree / its enterprise), so every row
  // but its own may be reset; the server checks the same rule as setAccountStatus.
  const resetPassword = async (row: Row) => {
    setResetting(row._id);
    try {
      const { oneTimePassword } = await call('identity', 'resetAccountPassword', { accountId: row._id });
      setReset({ account: row, password: oneTimePassword });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setResetting(null);
    }
  };

  const columns: ColumnsType<Row> = [
    { title: '用户名', dataIndex: 'username', width: 150, render: (v: string) => <span className="mono">{v}</span> },
    { title: '名称', dataIndex: 'displayName', width: 180, ellipsis: true },
    { title: '角色', key: 'role', width: 156, render: (_: unknown, r) => <Tag color={r.role === 'sysadmin' ? 'red' : r.role === 'regulator' ? 'blue' : 'cyan'} bordered={false}>{roleLabel(r)}</Tag> },
    { title: '管辖范围 / 所属企业', key: 'scope', ellipsis: true, render: (_: unknown, r) => scopeLabel(r) || '—' },
    {
      title: '行业限制',
      dataIndex: 'industries',
      width: 130,
      render: (v: IndustryCode[] | undefined, r) =>
        r.role !== 'regulator' ? <Typography.Text type="secondary">—</Typography.Text> : v?.length ? v.map((c) => labelOf(INDUSTRIES, c)).join('、') : '全部行业',
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 80,
      render: (v: Row['status']) => (v === 'active' ? <Tag color="success">正常</Tag> : <Tag color="default">已停用</Tag>),
    },
    { title: '创建时间', dataIndex: 'createdAt', width: 110, render: (v: string) => (v ? dayjs(v).format('YYYY-MM-DD') : '—') },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_: unknown, r) =>
        r._id === me._id ? (
          <Typography.Text type="secondary">当前账号</Typography.Text>
        ) : (
          <Space size={0}>
            <Popconfirm
              title={`重置账号 ${r.username} 的密码？`}
              description="将生成新的一次性密码，原密码立即失效，该账号已有的登录随即退出。"
              okText="重置"
              cancelText="取消"
              onConfirm={() => resetPassword(r)}
            >
              <Button type="link" size="small" loading={resetting === r._id} data-testid="account-reset-password">
                重置密码
              </Button>
            </Popconfirm>
            {r.status === 'active' ? (
              <Popconfirm
                title={`停用账号 ${r.username}？`}
                description="停用后该账号立即退出且无法登录，可随时重新启用。"
                okText="停用"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() => setStatus(r, 'disabled')}
              >
                <Button type="link" size="small" danger data-testid="account-disable">
                  停用
                </Button>
              </Popconfirm>
            ) : (
              <Popconfirm title={`启用账号 ${r.username}？`} okText="启用" cancelText="取消" onConfirm={() => setStatus(r, 'active')}>
                <Button type="link" size="small" data-testid="account-enable">
                  启用
                </Button>
              </Popconfirm>
            )}
          </Space>
        ),
    },
  ];

  const pagination: TablePaginationConfig = {
    current: query.page,
    pageSize: query.pageSize,
    total: data?.total ?? 0,
    showTotal: (t) => `共 ${t} 个`,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
  };

  const description =
    me.role === 'enterpriseAdmin'
      ? '本企业的管理员账号。一家企业可以有多名管理员。'
      : me.role === 'regulator'
        ? '可为下级区域开通监管账号，或为管辖范围内的企业开通管理员账号。'
        : '全部控制台账号。';

  return (
    <>
      <PageHeader
        title="账号管理"
        description={description}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="account-create">
            新建账号
          </Button>
        }
      />
      <Card styles={{ body: { padding: '16px 16px 8px' } }}>
        <Space wrap size={[12, 12]} style={{ marginBottom: 16 }}>
          <Input
            allowClear
            prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
            placeholder="用户名或名称"
            style={{ width: 260 }}
            maxLength={50}
            value={keywordDraft}
            onChange={(e) => {
              setKeywordDraft(e.target.value);
              if (!e.target.value && query.keyword) setQuery((q) => ({ ...q, keyword: '', page: 1 }));
            }}
            onPressEnter={() => setQuery((q) => ({ ...q, keyword: keywordDraft.trim(), page: 1 }))}
            data-testid="account-keyword"
          />
          <Button type="primary" icon={<SearchOutlined />} onClick={() => setQuery((q) => ({ ...q, keyword: keywordDraft.trim(), page: 1 }))}>
            查询
          </Button>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
        </Space>
        {error && (
          <LoadErrorAlert what="账号列表" error={error} onRetry={reload} style={{ marginBottom: 16 }} />
        )}
        <div data-testid="account-table">
          <Table<Row>
            rowKey="_id"
            size="middle"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            pagination={pagination}
            onChange={(p) => setQuery((q) => ({ ...q, page: p.pageSize !== q.pageSize ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? q.pageSize }))}
            scroll={{ x: 1100 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={error ? '加载失败' : '暂无账号'} /> }}
          />
        </div>
      </Card>
      {creating && (
        <CreateAccountDialog
          me={me}
          onClose={() => setCreating(false)}
          onCreated={(account, password) => {
            setCreating(false);
            setCreated({ account, password });
            reload();
          }}
        />
      )}
      {created && (
        <OneTimePasswordModal
          title="账号已创建"
          subject={
            <>
              账号 <Typography.Text strong className="mono">{created.account.username}</Typography.Text>（{created.account.displayName}）的初始密码：
            </>
          }
          password={created.password}
          hint="请告知账号使用人，首次登录后请及时修改密码"
          onClose={() => setCreated(null)}
        />
      )}
      {reset && (
        <OneTimePasswordModal
          title="密码已重置"
          subject={
            <>
              账号 <Typography.Text strong className="mono">{reset.account.username}</Typography.Text>（{reset.account.displayName}）的新密码：
            </>
          }
          password={reset.password}
          hint="请告知账号使用人，登录后须修改密码"
          onClose={() => setReset(null)}
        />
      )}
    </>
  );
}

interface CreateValues {
  kind: 'regulator' | 'enterpriseAdmin';
  username: string;
  displayName: string;
  regionPath?: string[];
  industries?: IndustryCode[];
  enterpriseId?: string;
}

function CreateAccountDialog({ me, onClose, onCreated }: { me: AccountView; onClose: () => void; onCreated: (a: AccountView, password: string) => void }) {
  const [form] = Form.useForm<CreateValues>();
  const guardedClose = useGuardedClose(form, onClose);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A town-level regulator has no lower level to create; it can still open enterprise admins.
  const canCreateRegulator = me.role === 'sysadmin' || (me.role === 'regulator' && me.regionLevel !== 'town');
  const kind = Form.useWatch('kind', form) ?? (me.role === 'enterpriseAdmin' ? 'enterpriseAdmin' : canCreateRegulator ? 'regulator' : 'enterpriseAdmin');
  const industryOptions = INDUSTRIES.filter((i) => !me.industries?.length || me.industries.includes(i.code)).map((i) => ({ value: i.code, label: i.label }));

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      const isRegulator = me.role !== 'enterpriseAdmin' && v.kind === 'regulator';
      const res = await call('identity', 'createAccount', {
        username: v.username.trim().toLowerCase(),
        displayName: v.displayName.trim(),
        role: isRegulator ? 'regulator' : 'enterpriseAdmin',
        regionCode: isRegulator ? v.regionPath?.[v.regionPath.length - 1] : undefined,
        industries: isRegulator && v.industries?.length ? v.industries : undefined,
        enterpriseId: me.role !== 'enterpriseAdmin' && !isRegulator ? v.enterpriseId : undefined,
      });
      onCreated(res.account, res.initialPassword);
    } catch (e) {
      setSaving(false);
      const fields = fieldErrorsOf(e);
      const code = (e as { code?: string }).code;
      if (code === 'USERNAME_TAKEN') form.setFields([{ name: 'username', errors: [errorMessage(e)] }]);
      else if (Object.keys(fields).length)
        form.setFields(Object.entries(fields).map(([k, msg]) => ({ name: (k === 'regionCode' ? 'regionPath' : k) as never, errors: [msg] })));
      else setError(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title="新建账号"
      okText="创建"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={guardedClose}
      destroyOnHidden
      maskClosable={false}
      width={560}
      data-testid="account-create-dialog"
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ kind }}>
        {me.role === 'enterpriseAdmin' ? (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`将为“${me.enterpriseName ?? '本企业'}”新增一名企业管理员，与您拥有相同权限。`} />
        ) : (
          <Form.Item name="kind" label="账号类型">
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                ...(canCreateRegulator ? [{ value: 'regulator', label: me.role === 'sysadmin' ? '监管账号' : '下级监管账号' }] : []),
                { value: 'enterpriseAdmin', label: '企业管理员' },
              ]}
              data-testid="account-kind"
            />
          </Form.Item>
        )}
        {me.role !== 'enterpriseAdmin' && kind === 'regulator' && (
          <>
            <Form.Item
              name="regionPath"
              label="管辖区域"
              rules={[{ required: true, type: 'array', min: 1, message: '请选择管辖区域' }]}
              extra={me.role === 'regulator' ? `只能选择 ${me.regionName ?? '本辖区'} 以下的区域；可选到任意一级` : '可选到任意一级（省、市、区县、乡镇）'}
            >
              <RegionPicker rootCode={me.role === 'regulator' ? me.regionCode : undefined} changeOnSelect placeholder="请选择区域" testId="account-region" />
            </Form.Item>
            <Form.Item name="industries" label="行业限制（选填）" extra={me.industries?.length ? '只能在本账号的行业范围内选择' : '不选则可查看该区域全部行业'}>
              <Select mode="multiple" allowClear options={industryOptions} placeholder={me.industries?.length ? '本账号的全部行业' : '全部行业'} />
            </Form.Item>
          </>
        )}
        {me.role !== 'enterpriseAdmin' && kind === 'enterpriseAdmin' && (
          <Form.Item name="enterpriseId" label="所属企业" rules={[{ required: true, message: '请选择企业' }]}>
            <EnterprisePicker />
          </Form.Item>
        )}
        <Form.Item
          name="username"
          label="用户名"
          extra="4-32位小写字母、数字或下划线，以字母开头；用于登录"
          rules={[
            { required: true, whitespace: true, message: '请输入用户名' },
            { pattern: /^\s*[a-zA-Z][a-zA-Z0-9_]{3,31}\s*$/, message: '用户名为4-32位字母、数字或下划线，以字母开头' },
          ]}
        >
          <Input maxLength={32} autoComplete="off" data-testid="account-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={kind === 'regulator' && me.role !== 'enterpriseAdmin' ? '单位名称' : '姓名'}
          rules={[
            { required: true, whitespace: true, message: '请填写名称' },
            { min: 2, max: 40, message: '名称为2-40个字' },
          ]}
        >
          <Input maxLength={40} placeholder={kind === 'regulator' && me.role !== 'enterpriseAdmin' ? '例如 滕州市应急管理局' : ''} data-testid="account-display-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Enterprise search within the caller's scope (org.listEnterprises), for opening an admin account. */
function EnterprisePicker({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const search = useCallback((keyword: string) => {
    const mine = ++seq.current;
    setLoading(true);
    call('org', 'listEnterprises', { keyword, page: 1, pageSize: 20 })
      .then(({ items }) => mine === seq.current && setOptions(items.map((e) => ({ value: e._id, label: `${e.name}（${e.creditCode}）` }))))
      .catch(() => mine === seq.current && setOptions([]))
      .finally(() => mine === seq.current && setLoading(false));
  }, []);
  useEffect(() => search(''), [search]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={(k) => {
        clearTimeout(timer.current);
        timer.current = setTimeout(() => search(k.trim()), 300);
      }}
      options={options}
      placeholder="输入企业名称或统一社会信用代码搜索"
      notFoundContent={loading ? <Spin size="small" /> : '管辖范围内没有匹配的企业'}
      data-testid="account-enterprise"
    />
  );
}
