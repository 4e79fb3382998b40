import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Skeleton, Space } from 'antd';
import { EditOutlined, ReloadOutlined } from '@ant-design/icons';
import type { EnterpriseDetail } from '@shared/contracts/org';
import { fieldErrorsOf } from '@shared/client';
import { call, errorMessage } from '../api';
import { PageHeader } from '../components/PageHeader';
import { EnterpriseDescriptions } from '../components/EnterpriseDescriptions';
import { EnterpriseFields, fromEnterprise, PROFILE_FIELD_OF, toProfileInput, type EnterpriseFormValues } from '../components/EnterpriseFields';
import { useGuardedClose } from '../components/guardedClose';

/** Enterprise admins' landing page: the enterprise profile, editable. */
export default function MyEnterprisePage() {
  const [enterprise, setEnterprise] = useState<EnterpriseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [editing, setEditing] = useState(false);

  const load = useCallback(() => {
    setLoading(true);
    setError(null);
    call('org', 'getEnterprise', {})
      .then(({ enterprise }) => setEnterprise(enterprise))
      .catch((e) => setError(errorMessage(e)))
      .finally(() => setLoading(false));
  }, []);
  useEffect(load, [load]);

  return (
    <>
      <PageHeader
        title="本企业"
        description="企业登记信息。安全监管类型、行业类型和重点监管领域决定企业接收的培训与考试任务。"
        extra={
          enterprise && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="enterprise-edit">
              编辑
            </Button>
          )
        }
      />
      <Card data-testid="my-enterprise-card">
        {error ? (
          <Alert
            type="error"
            showIcon
            message="企业信息加载失败"
            description={error}
            action={
              <Button size="small" danger icon={<ReloadOutlined />} onClick={load}>
                重试
              </Button>
            }
          />
        ) : loading && !enterprise ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : enterprise ? (
          <EnterpriseDescriptions enterprise={enterprise} />
        ) : null}
      </Card>
      {editing && enterprise && (
        <EditEnterpriseDrawer
          enterprise={enterprise}
          onClose={() => setEditing(false)}
          onSaved={(e) => {
            setEnterprise(e);
            setEditing(false);
          }}
        />
      )}
    </>
  );
}

function EditEnterpriseDrawer({ enterprise, onClose, onSaved }: { enterprise: EnterpriseDetail; onClose: () => void; onSaved: (e: EnterpriseDetail) => void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const guardedClose = useGuardedClose(form, onClose);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const next = toProfileInput(v);
    const before = toProfileInput(fromEnterprise(enterprise));
    // Send only what changed: the audit log then names exactly the edited fields.
    const patch = Object.fromEntries(Object.entries(next).filter(([k, val]) => JSON.stringify(val) !== JSON.stringify(before[k as keyof typeof before])));
    if (!Object.keys(patch).length) {
      message.info('没有修改任何内容');
      onClose();
      return;
    }
    const targetingChanged = ['supervisionType', 'industry', 'keyAreas'].some((k) => k in patch);
    if (targetingChanged) {
      const ok = await modal.confirm({
        title: '确认修改监管属性？',
        content: '修改安全监管类型、行业类型或重点监管领域，将改变本企业接收的培训与考试任务（此后推送按新属性匹配）。修改会被记录。',
        okText: '确认修改',
        cancelText: '再看看',
      });
      if (!ok) return;
    }
    setSaving(true);
    setError(null);
    try {
      const { enterprise: saved } = await call('org', 'updateEnterprise', patch);
      message.success('企业信息已保存');
      onSaved(saved);
    } catch (e) {
      setSaving(false);
      const fields = Object.entries(fieldErrorsOf(e));
      if (fields.length) form.setFields(fields.map(([path, msg]) => ({ name: (PROFILE_FIELD_OF[path] ?? path) as never, errors: [msg] })));
      else setError(errorMessage(e));
    }
  };

  return (
    <Drawer
      open
      title="编辑企业信息"
      width={760}
      onClose={guardedClose}
      maskClosable={false}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={guardedClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={save} data-testid="enterprise-save">
            保存
          </Button>
        </Space>
      }
      data-testid="enterprise-edit-drawer"
    >
      <Alert type="info" showIcon message="统一社会信用代码不可修改；如登记有误请联系属地监管部门。" style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={fromEnterprise(enterprise)}>
        <EnterpriseFields testIdPrefix="edit" />
      </Form>
    </Drawer>
  );
}
