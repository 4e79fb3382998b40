import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Drawer, Empty, Form, Input, Modal, Popconfirm, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { Paged } from '@shared/contracts/common';
import type { EnterpriseDetail } from '@shared/contracts/org';
import type { StaffRow } from '@shared/contracts/people';
import { EMPLOYMENT_TYPES, POST_CATEGORIES, labelOf } from '@shared/taxonomy';
import { call, errorMessage } from '../api';
import { EnterpriseDescriptions } from '../components/EnterpriseDescriptions';
import { CertificateTags } from '../components/CertificateTags';
import { LoadErrorAlert } from '../components/LoadErrorAlert';

const staffColumns: ColumnsType<StaffRow> = [
  { title: '姓名', dataIndex: 'name', width: 90 },
  { title: '身份证号', dataIndex: 'idMasked', width: 170, render: (v: string) => <span className="mono">{v}</span> },
  { title: '性别', dataIndex: 'gender', width: 56, render: (v: string) => (v === 'male' ? '男' : '女') },
  { title: '部门', dataIndex: 'departmentName', width: 100, ellipsis: true, render: (v: string | null) => v || '—' },
  { title: '岗位分类', dataIndex: 'postCategory', width: 110, render: (v: string) => labelOf(POST_CATEGORIES, v) },
  { title: '用工形式', dataIndex: 'employmentType', width: 86, render: (v: string) => labelOf(EMPLOYMENT_TYPES, v) },
  { title: '持证情况', dataIndex: 'certificates', render: (v: StaffRow['certificates']) => <CertificateTags certificates={v} /> },
  { title: '微信', dataIndex: 'bound', width: 70, render: (v: boolean) => (v ? <Tag color="success" bordered={false}>已绑定</Tag> : <Typography.Text type="secondary">未绑定</Typography.Text>) },
];

/** A regulator's read-only view of one enterprise in scope: profile, credit-code verification, staff. */
export function EnterpriseDetailDrawer({ enterpriseId, onClose, onChanged }: { enterpriseId: string; onClose: () => void; onChanged?: () => void }) {
  const { message } = App.useApp();
  const [enterprise, setEnterprise] = useState<EnterpriseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [staff, setStaff] = useState<Paged<StaffRow> | null>(null);
  const [staffError, setStaffError] = useState<string | null>(null);
  const [staffLoading, setStaffLoading] = useState(true);
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const seq = useRef(0);

  const load = useCallback(() => {
    setError(null);
    call('org', 'getEnterprise', { enterpriseId })
      .then(({ enterprise }) => setEnterprise(enterprise))
      .catch((e) => setError(errorMessage(e)));
  }, [enterpriseId]);
  useEffect(load, [load]);

  useEffect(() => {
    const mine = ++seq.current;
    setStaffLoading(true);
    setStaffError(null);
    call('org', 'listStaff', { enterpriseId, status: 'active', ...page })
      .then((res) => mine === seq.current && setStaff(res))
      .catch((e) => mine === seq.current && setStaffError(errorMessage(e)))
      .finally(() => mine === seq.current && setStaffLoading(false));
  }, [enterpriseId, page]);

  const [recordingWrong, setRecordingWrong] = useState(false);
  const verify = async (result: 'verified' | 'wrong', note?: string) => {
    try {
      const res = await call('org', 'verifyCreditCode', { enterpriseId, result, note });
      setEnterprise(res.enterprise);
      message.success(result === 'verified' ? '已核实统一社会信用代码' : '已记录代码有误');
      onChanged?.();
      return true;
    } catch (e) {
      message.error(errorMessage(e));
      return false;
    }
  };

  return (
    <>
    {recordingWrong && (
      <WrongCodeDialog onCancel={() => setRecordingWrong(false)} onSubmit={async (note) => (await verify('wrong', note)) && setRecordingWrong(false)} />
    )}
    <Drawer open title={enterprise?.name ?? '企业详情'} width={960} onClose={onClose} destroyOnHidden data-testid="enterprise-detail-drawer">
      {error ? (
        <LoadErrorAlert what="企业信息" error={error} onRetry={load} />
      ) : !enterprise ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          {enterprise.creditCodeStatus === 'pending' && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message="统一社会信用代码待核实"
              description="该代码的校验位未通过，企业注册时确认与营业执照一致。请对照营业执照（或国家企业信用信息公示系统）核实。"
            />
          )}
          {enterprise.creditCodeStatus === 'wrong' && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              message="已记录统一社会信用代码有误"
              description={`核实意见：${enterprise.creditCodeNote || '—'}。企业更正前仍可再次核实。`}
              data-testid="credit-code-wrong-note"
            />
          )}
          <EnterpriseDescriptions
            enterprise={enterprise}
            creditCodeAction={
              enterprise.creditCodeStatus !== 'verified' && (
                <Space size={8}>
                  <Popconfirm
                    title="确认该代码与营业执照一致？"
                    description="核实后将取消“待核实”标记，操作会被记录。"
                    okText="核实通过"
                    cancelText="取消"
                    onConfirm={() => verify('verified')}
                  >
                    <Button size="small" type="primary" icon={<SafetyCertificateOutlined />} data-testid="verify-credit-code">
                      核实通过
                    </Button>
                  </Popconfirm>
                  {enterprise.creditCodeStatus === 'pending' && (
                    <Button size="small" danger onClick={() => setRecordingWrong(true)} data-testid="credit-code-record-wrong">
                      记录代码有误
                    </Button>
                  )}
                </Space>
              )
            }
          />
        </>
      )}
      <Typography.Title level={5} style={{ margin: '24px 0 12px' }}>
        在职员工{staff ? `（${staff.total} 人）` : ''}
      </Typography.Title>
      {staffError && <LoadErrorAlert what="员工列表" error={staffError} testId="enterprise-staff-error" style={{ marginBottom: 12 }} />}
      <div data-testid="enterprise-staff-table">
        <Table<StaffRow>
          rowKey="_id"
          size="small"
          columns={staffColumns}
          dataSource={staff?.items ?? []}
          loading={staffLoading}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: staff?.total ?? 0,
            showTotal: (t) => `共 ${t} 人`,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50],
          }}
          onChange={(p) => setPage((q) => ({ page: p.pageSize !== q.pageSize ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? q.pageSize }))}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={staffError ? '加载失败' : '暂无在职员工'} /> }}
        />
      </div>
    </Drawer>
    </>
  );
}

/** 记录代码有误: the note tells the enterprise what is wrong (required by the server too). */
function WrongCodeDialog({ onCancel, onSubmit }: { onCancel: () => void; onSubmit: (note: string) => Promise<unknown> }) {
  const [form] = Form.useForm<{ note: string }>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open
      title="记录统一社会信用代码有误"
      okText="记录"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={saving}
      maskClosable={false}
      destroyOnHidden
      onCancel={onCancel}
      onOk={async () => {
        const v = await form.validateFields().catch(() => null);
        if (!v) return;
        setSaving(true);
        await onSubmit(v.note.trim());
        setSaving(false);
      }}
      data-testid="credit-code-wrong-dialog"
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="note"
          label="核实情况说明"
          rules={[{ required: true, whitespace: true, message: '请填写核实情况说明' }]}
          extra="例如：与营业执照不符，请企业更正。企业管理员可看到此说明。"
        >
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="credit-code-wrong-note-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
