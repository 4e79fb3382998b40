import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { fieldErrorsOf } from '@shared/client';
import { isStrongPassword, PASSWORD_RULE_ZH } from '@shared/password';
import { CloudError } from '@shared/client';
import { call, errorMessage } from '../api';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * 修改密码 for the signed-in console account. The change ends the account's sessions; when the
 * server hands back a fresh session for this browser, `onChanged` gets it, otherwise sign in again.
 * `forced`: the account still has its initial password (no cancel).
 */
export default function ChangePasswordModal({
  onCancel,
  onChanged,
  forced = false,
}: {
  onCancel: () => void;
  onChanged: (session: { token: string; expiresAt: string } | null) => void;
  forced?: boolean;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setSaving(true);
    setError(null);
    try {
      const res = await call('identity', 'consoleChangePassword', { oldPassword: v.oldPassword, newPassword: v.newPassword });
      onChanged(res.token ? { token: res.token, expiresAt: res.expiresAt ?? '' } : null);
    } catch (e) {
      setSaving(false);
      const fields = fieldErrorsOf(e);
      if (e instanceof CloudError && e.code === 'PASSWORD_MISMATCH') form.setFields([{ name: 'oldPassword', errors: [e.message] }]);
      else if (Object.keys(fields).length)
        form.setFields(
          (['oldPassword', 'newPassword'] as const).filter((k) => fields[k]).map((k) => ({ name: k, errors: [fields[k]] })),
        );
      else setError(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title={forced ? '请修改初始密码' : '修改密码'}
      okText="确认修改"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onCancel}
      closable={!forced}
      keyboard={!forced}
      cancelButtonProps={forced ? { style: { display: 'none' } } : undefined}
      destroyOnHidden
      maskClosable={false}
      width={440}
      data-testid="change-password-modal"
    >
      <Alert
        type={forced ? 'warning' : 'info'}
        showIcon
        message={forced ? '您的账号仍在使用初始密码，为保障账号安全，请先设置新密码。' : '修改后，该账号在其他设备上的登录将失效。'}
        style={{ marginBottom: 16 }}
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark={false} onValuesChange={() => error && setError(null)}>
        <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
          <Input.Password autoComplete="current-password" maxLength={128} data-testid="old-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra={PASSWORD_RULE_ZH}
          rules={[
            { required: true, message: '请输入新密码' },
            { validator: (_, v: string) => (!v || isStrongPassword(v) ? Promise.resolve() : Promise.reject(new Error(PASSWORD_RULE_ZH))) },
            ({ getFieldValue }) => ({
              validator: (_, v: string) => (!v || v !== getFieldValue('oldPassword') ? Promise.resolve() : Promise.reject(new Error('新密码不能与原密码相同'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={32} data-testid="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, v: string) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={32} data-testid="confirm-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
