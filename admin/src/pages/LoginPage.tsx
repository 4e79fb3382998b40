import { useState, type CSSProperties } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyCertificateFilled, UserOutlined } from '@ant-design/icons';
import { fieldErrorsOf } from '@shared/client';
import { useAuth } from '../auth';
import { errorMessage } from '../api';
import { NAVY, NAVY_DARK, PRIMARY } from '../theme';

interface LoginForm {
  username: string;
  password: string;
}

/** Console sign-in for regulators, enterprise admins and sysadmins. */
export default function LoginPage({ notice }: { notice?: string }) {
  const { login } = useAuth();
  const [form] = Form.useForm<LoginForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFinish = async ({ username, password }: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (e) {
      const fields = fieldErrorsOf(e);
      const fieldList = (['username', 'password'] as const).filter((k) => fields[k]).map((k) => ({ name: k, errors: [fields[k]] }));
      if (fieldList.length) form.setFields(fieldList);
      else setError(errorMessage(e));
      form.setFieldValue('password', '');
      setSubmitting(false);
    }
  };

  return (
    <div style={styles.page}>
      <div style={styles.brand}>
        <SafetyCertificateFilled style={{ fontSize: 40, color: '#fff' }} />
        <div>
          <div style={styles.brandName}>安学 · 安全生产全员培训管理平台</div>
          <div style={styles.brandSub}>监管部门与企业管理员工作台</div>
        </div>
      </div>
      <div style={styles.card}>
        <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 24, textAlign: 'center' }}>
          账号登录
        </Typography.Title>
        {notice && !error && <Alert type="warning" showIcon message={notice} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<LoginForm> form={form} size="large" onFinish={onFinish} onValuesChange={() => error && setError(null)} autoComplete="on">
          <Form.Item name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }, { max: 64, message: '用户名不能超过64个字符' }]}>
            <Input prefix={<UserOutlined />} placeholder="用户名" autoComplete="username" autoFocus maxLength={64} />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, message: '请输入密码' }, { max: 128, message: '密码不能超过128个字符' }]}>
            <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              登录
            </Button>
          </Form.Item>
        </Form>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          账号由上级监管部门或系统管理员开通；连续多次输错密码将临时锁定。
        </Typography.Text>
        <div style={{ marginTop: 16, paddingTop: 12, borderTop: '1px solid #f0f0f0', textAlign: 'center', fontSize: 13 }}>
          <Typography.Text type="secondary">企业尚未登记？</Typography.Text>
          <a href="#/register" data-testid="login-register-link" style={{ marginInlineStart: 4 }}>
            企业注册
          </a>
        </div>
      </div>
      <div style={styles.footer}>安全生产全员培训 · 依法培训 · 持证上岗</div>
    </div>
  );
}

const styles = {
  page: {
    minHeight: '100vh',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: 28,
    padding: 24,
    boxSizing: 'border-box',
    background: `linear-gradient(160deg, ${NAVY_DARK} 0%, ${NAVY} 55%, ${PRIMARY} 100%)`,
  },
  brand: { display: 'flex', alignItems: 'center', gap: 14, color: '#fff' },
  brandName: { fontSize: 26, fontWeight: 600, letterSpacing: 1 },
  brandSub: { fontSize: 14, opacity: 0.75, marginTop: 4, letterSpacing: 2 },
  card: {
    width: 400,
    maxWidth: '100%',
    boxSizing: 'border-box',
    background: '#fff',
    borderRadius: 8,
    padding: '32px 36px 24px',
    boxShadow: '0 12px 40px rgba(0,0,0,0.25)',
  },
  footer: { color: 'rgba(255,255,255,0.55)', fontSize: 12, letterSpacing: 1 },
} satisfies Record<string, CSSProperties>;
