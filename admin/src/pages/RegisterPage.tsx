import { useState, type CSSProperties, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Col, Form, Input, Result, Row, Typography } from 'antd';
import { SafetyCertificateFilled } from '@ant-design/icons';
import { CloudError, fieldErrorsOf } from '@shared/client';
import { checkCreditCode, CREDIT_CODE_PROBLEM_ZH } from '@shared/creditCode';
import { isStrongPassword, PASSWORD_RULE_ZH } from '@shared/password';
import { call, errorMessage } from '../api';
import { navigate } from '../router';
import { NAVY, NAVY_DARK, PRIMARY } from '../theme';
import { EnterpriseFields, PERSON_NAME_RULE, PROFILE_FIELD_OF, toProfileInput, type EnterpriseFormValues } from '../components/EnterpriseFields';

interface Values extends EnterpriseFormValues {
  creditCode: string;
  creditCodeConfirmed?: boolean;
  admin: { username: string; displayName: string; phone?: string; password: string; confirm: string };
}

function Section({ index, title, children }: { index: number; title: string; children: ReactNode }) {
  return (
    <section style={{ marginBottom: 8 }}>
      <Typography.Title level={5} style={{ margin: '8px 0 16px', paddingInlineStart: 10, borderInlineStart: `3px solid ${PRIMARY}` }}>
        {index}. {title}
      </Typography.Title>
      {children}
    </section>
  );
}

/** Public enterprise registration by its first admin; success leads to the login page. */
export default function RegisterPage() {
  return (
    <AntApp>
      <RegisterForm />
    </AntApp>
  );
}

function RegisterForm() {
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ name: string; username: string; verified: boolean } | null>(null);
  const creditCode = Form.useWatch('creditCode', form) ?? '';
  const creditCheck = creditCode.trim() ? checkCreditCode(creditCode) : null;
  const checksumFails = creditCheck?.ok === false && creditCheck.problem === 'checksum';

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      const res = await call('org', 'registerEnterprise', {
        ...toProfileInput(v),
        creditCode: checkCreditCode(v.creditCode).value,
        creditCodeConfirmed: checksumFails && !!v.creditCodeConfirmed,
        admin: { username: v.admin.username.trim().toLowerCase(), displayName: v.admin.displayName.trim(), password: v.admin.password, phone: v.admin.phone?.trim() || undefined },
      });
      setDone({ name: v.name.trim(), username: res.account.username, verified: res.creditCodeVerified });
      window.scrollTo(0, 0);
    } catch (e) {
      setSubmitting(false);
      const fields = fieldErrorsOf(e);
      const list: { name: never; errors: string[] }[] = Object.entries(fields).map(([path, msg]) => ({ name: (PROFILE_FIELD_OF[path] ?? path).split('.') as never, errors: [msg] }));
      const code = e instanceof CloudError ? e.code : null;
      if (code === 'ENTERPRISE_EXISTS' || code === 'CREDIT_CODE_INVALID') list.push({ name: ['creditCode'] as never, errors: [errorMessage(e)] });
      if (code === 'USERNAME_TAKEN') list.push({ name: ['admin', 'username'] as never, errors: [errorMessage(e)] });
      if (code === 'REGION_INVALID') list.push({ name: ['regionPath'] as never, errors: [errorMessage(e)] });
      if (list.length) {
        form.setFields(list);
        form.scrollToField(list[0].name, { block: 'center' });
      }
      setError(errorMessage(e));
    }
  };

  return (
    <div style={styles.page}>
      <div style={styles.brand}>
        <SafetyCertificateFilled style={{ fontSize: 32, color: '#fff' }} />
        <div style={styles.brandName}>安学 · 安全生产全员培训管理平台</div>
      </div>
      <Card style={styles.card} styles={{ body: { padding: '28px 40px 16px' } }} data-testid="register-card">
        {done ? (
          <div data-testid="register-success">
            <Result
              status="success"
              title="企业注册成功"
              subTitle={
                <>
                  <div>
                    {done.name} 已登记，管理员账号 <Typography.Text strong>{done.username}</Typography.Text> 已开通，请使用注册时设置的密码登录。
                  </div>
                  {!done.verified && <div style={{ marginTop: 8 }}>统一社会信用代码已标记为“待核实”，将由属地监管部门核实。</div>}
                </>
              }
              extra={
                <Button type="primary" size="large" onClick={() => navigate('/login')} data-testid="register-go-login">
                  去登录
                </Button>
              }
            />
          </div>
        ) : (
          <>
            <Typography.Title level={3} style={{ marginTop: 0, textAlign: 'center' }}>
              企业注册
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 24 }}>
              由企业管理员填写。一个统一社会信用代码只能注册一家企业；注册后即可登录管理员工。
            </Typography.Paragraph>
            {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="register-error" closable onClose={() => setError(null)} />}
            <Form<Values>
              form={form}
              layout="vertical"
              onFinish={onFinish}
              onFinishFailed={({ errorFields }) => errorFields[0] && form.scrollToField(errorFields[0].name, { block: 'center' })}
              initialValues={{ involvesKeyAreas: false, keyAreas: [] }}
              scrollToFirstError={false}
              autoComplete="off"
            >
              <Section index={1} title="企业信息">
                <Form.Item
                  name="creditCode"
                  label="统一社会信用代码"
                  validateFirst
                  rules={[
                    { required: true, whitespace: true, message: '请输入统一社会信用代码' },
                    {
                      validator: (_, v: string) => {
                        const r = checkCreditCode(v ?? '');
                        return r.ok || r.problem === 'checksum' ? Promise.resolve() : Promise.reject(new Error(CREDIT_CODE_PROBLEM_ZH.format));
                      },
                    },
                    {
                      warningOnly: true,
                      validator: (_, v: string) => {
                        const r = checkCreditCode(v ?? '');
                        return !r.ok && r.problem === 'checksum' ? Promise.reject(new Error(CREDIT_CODE_PROBLEM_ZH.checksum)) : Promise.resolve();
                      },
                    },
                  ]}
                  extra={creditCheck?.ok ? <span style={{ color: '#389e0d' }}>✓ 代码格式和校验位正确</span> : '18位，见营业执照'}
                >
                  <Input maxLength={24} placeholder="例如 91370481MA3C4XXXXX" style={{ maxWidth: 360 }} className="mono" data-testid="register-credit-code" />
                </Form.Item>
                {checksumFails && (
                  <Form.Item
                    name="creditCodeConfirmed"
                    valuePropName="checked"
                    rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('请核对代码；如营业执照上确为此代码，请勾选确认'))) }]}
                    style={{ marginTop: -8 }}
                  >
                    <Checkbox data-testid="register-credit-code-confirm">营业执照上印制的代码即为此代码（提交后由属地监管部门核实）</Checkbox>
                  </Form.Item>
                )}
                <EnterpriseFields testIdPrefix="register" />
              </Section>
              <Section index={2} title="管理员账号">
                <Row gutter={24}>
                  <Col span={8}>
                    <Form.Item
                      name={['admin', 'username']}
                      label="用户名"
                      extra="4-32位字母、数字或下划线"
                      rules={[
                        { required: true, whitespace: true, message: '请输入用户名' },
                        { pattern: /^\s*[a-zA-Z][a-zA-Z0-9_]{3,31}\s*$/, message: '用户名为4-32位字母、数字或下划线，以字母开头' },
                      ]}
                    >
                      <Input maxLength={32} autoComplete="username" data-testid="register-username" />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name={['admin', 'displayName']} label="管理员姓名" rules={[{ required: true, whitespace: true, message: '请输入管理员姓名' }, PERSON_NAME_RULE]}>
                      <Input maxLength={30} data-testid="register-admin-name" />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name={['admin', 'phone']} label="管理员手机（选填）" rules={[{ pattern: /^\s*1\d{10}\s*$/, message: '请输入11位手机号码' }]}>
                      <Input maxLength={11} data-testid="register-admin-phone" />
                    </Form.Item>
                  </Col>
                </Row>
                <Row gutter={24}>
                  <Col span={12}>
                    <Form.Item
                      name={['admin', 'password']}
                      label="登录密码"
                      extra={PASSWORD_RULE_ZH}
                      rules={[
                        { required: true, message: '请设置登录密码' },
                        { validator: (_, v: string) => (!v || isStrongPassword(v) ? Promise.resolve() : Promise.reject(new Error(PASSWORD_RULE_ZH))) },
                      ]}
                    >
                      <Input.Password maxLength={32} autoComplete="new-password" data-testid="register-password" />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item
                      name={['admin', 'confirm']}
                      label="确认密码"
                      dependencies={[['admin', 'password']]}
                      rules={[
                        { required: true, message: '请再次输入密码' },
                        ({ getFieldValue }) => ({
                          validator: (_, v: string) => (!v || v === getFieldValue(['admin', 'password']) ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))),
                        }),
                      ]}
                    >
                      <Input.Password maxLength={32} autoComplete="new-password" data-testid="register-password-confirm" />
                    </Form.Item>
                  </Col>
                </Row>
              </Section>
              <Form.Item style={{ marginTop: 8, textAlign: 'center' }}>
                <Button type="primary" htmlType="submit" size="large" loading={submitting} style={{ minWidth: 200 }} data-testid="register-submit">
                  提交注册
                </Button>
                <div style={{ marginTop: 12 }}>
                  <Typography.Text type="secondary">已有账号？</Typography.Text>
                  <a href="#/login" style={{ marginInlineStart: 4 }} data-testid="register-login-link">
                    返回登录
                  </a>
                </div>
              </Form.Item>
            </Form>
          </>
        )}
      </Card>
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
    gap: 24,
    padding: '32px 24px',
    boxSizing: 'border-box',
    background: `linear-gradient(160deg, ${NAVY_DARK} 0%, ${NAVY} 55%, ${PRIMARY} 100%)`,
  },
  brand: { display: 'flex', alignItems: 'center', gap: 12, color: '#fff' },
  brandName: { fontSize: 22, fontWeight: 600, letterSpacing: 1 },
  card: { width: 920, maxWidth: '100%', borderRadius: 8, boxShadow: '0 12px 40px rgba(0,0,0,0.25)' },
  footer: { color: 'rgba(255,255,255,0.55)', fontSize: 12, letterSpacing: 1 },
} satisfies Record<string, CSSProperties>;
