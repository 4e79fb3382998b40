import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, Result, Spin, Table, Tag, Typography } from 'antd';
import { SafetyCertificateFilled, SearchOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { CertificateView } from '@shared/contracts/learning';
import { errorMessage } from '../api';
import { callLearning } from '../learning';
import { readHashQuery, writeHashQuery } from '../router';
import { NAVY, NAVY_DARK } from '../theme';

type Verified = { status: 'valid' | 'revoked' | 'notFound'; certificate?: Omit<CertificateView, '_id' | 'status'> };

const CODE_RE = /^[0-9A-Z]{8}$/;
const normalise = (s: string) => s.replace(/[\s-]/g, '').toUpperCase();
const day = (v: string) => dayjs(v).format('YYYY年M月D日');

/**
 * `#/verify?code=XXXXXXXX`: anyone (no login) checks a 学时证明 by its 8-character code, from the
 * QR code or typed in. Shows only what the certificate itself shows: masked identity, courses, hours.
 */
export default function VerifyPage() {
  const [code, setCode] = useState(() => normalise(readHashQuery().get('code') ?? ''));
  const [draft, setDraft] = useState(code);
  const [result, setResult] = useState<{ code: string; data: Verified } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    document.title = '学时证明查验 - 安学';
  }, []);

  useEffect(() => {
    writeHashQuery({ code });
    if (!CODE_RE.test(code)) return;
    let alive = true;
    setLoading(true);
    setError(null);
    callLearning('verifyCertificate', { code }, { public: true })
      .then((data) => alive && setResult({ code, data }))
      .catch((e) => alive && (setResult(null), setError(errorMessage(e))))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [code, nonce]);

  const submit = () => {
    const c = normalise(draft);
    setDraft(c);
    if (c === code) setNonce((n) => n + 1);
    else setCode(c);
  };
  const draftInvalid = draft !== '' && !CODE_RE.test(normalise(draft));

  return (
    <div style={{ minHeight: '100vh', background: `linear-gradient(180deg, ${NAVY_DARK} 0, ${NAVY} 220px, #f0f2f5 220px)` }}>
      <div style={{ maxWidth: 880, margin: '0 auto', padding: '32px 24px 48px' }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 14, color: '#fff', marginBottom: 24 }}>
          <SafetyCertificateFilled style={{ fontSize: 36 }} />
          <div>
            <div style={{ fontSize: 22, fontWeight: 600, letterSpacing: 1 }}>学时证明查验</div>
            <div style={{ opacity: 0.75, marginTop: 2 }}>安学 · 安全生产全员培训管理平台</div>
          </div>
        </div>
        <div style={{ background: '#fff', borderRadius: 8, padding: 24, boxShadow: '0 6px 24px rgba(8,31,69,0.12)' }}>
          <Form layout="inline" onFinish={submit} style={{ rowGap: 8 }}>
            <Form.Item
              label="证明编号"
              validateStatus={draftInvalid ? 'error' : undefined}
              help={draftInvalid ? '证明编号为8位字母或数字' : undefined}
              style={{ flex: 1, minWidth: 320 }}
            >
              <Input
                size="large"
                value={draft}
                onChange={(e) => setDraft(e.target.value.toUpperCase())}
                maxLength={12}
                placeholder="学时证明上的8位编号，如 7KQ2M9XD"
                className="mono"
                allowClear
                autoFocus={!code}
                data-testid="verify-code"
              />
            </Form.Item>
            <Form.Item style={{ marginInlineEnd: 0 }}>
              <Button type="primary" size="large" htmlType="submit" icon={<SearchOutlined />} disabled={!CODE_RE.test(normalise(draft))} loading={loading} data-testid="verify-submit">
                查验
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
            扫描学时证明上的二维码会自动填入编号。查验结果只显示证明上的信息，身份证号已脱敏。
          </Typography.Paragraph>
          <div style={{ marginTop: 16 }} data-testid="verify-result">
            {loading && !result ? (
              <div style={{ textAlign: 'center', padding: 48 }}>
                <Spin />
              </div>
            ) : error ? (
              <Alert
                type="error"
                showIcon
                message="查验失败"
                description={error}
                action={
                  <Button size="small" danger onClick={() => setNonce((n) => n + 1)}>
                    重试
                  </Button>
                }
                data-testid="verify-error"
              />
            ) : result ? (
              <VerifyResult code={result.code} data={result.data} />
            ) : (
              <Result status="info" icon={<SafetyCertificateFilled style={{ color: '#8fa3c4' }} />} title="请输入证明编号" subTitle="输入8位编号后点击查验" />
            )}
          </div>
        </div>
      </div>
    </div>
  );
}

function VerifyResult({ code, data }: { code: string; data: Verified }) {
  if (data.status === 'notFound' || !data.certificate)
    return (
      <div data-status="notFound">
        <Result
          status="error"
          title={<span data-testid="verify-status">未找到该学时证明</span>}
          subTitle={`编号 ${code} 不存在。请核对编号是否输入正确；如证明由他人提供，该证明可能不真实。`}
        />
      </div>
    );
  const c = data.certificate;
  const valid = data.status === 'valid';
  return (
    <div data-status={data.status}>
      <Result
        status={valid ? 'success' : 'warning'}
        title={<span data-testid="verify-status">{valid ? '学时证明有效' : '该学时证明已撤销'}</span>}
        subTitle={valid ? `编号 ${code}，由 ${c.issuer} 于 ${day(c.issuedAt)} 出具` : `编号 ${code} 已被出具单位撤销，不能作为培训学时的证明`}
        style={{ padding: '16px 0 8px' }}
      />
      <Descriptions bordered size="small" column={2} labelStyle={{ width: 120 }}>
        <Descriptions.Item label="姓名">{c.name}</Descriptions.Item>
        <Descriptions.Item label="身份证号">
          <span className="mono">{c.idMasked}</span>
        </Descriptions.Item>
        <Descriptions.Item label="线上学时">
          <Typography.Text strong>{c.onlineHours}</Typography.Text> 学时
        </Descriptions.Item>
        <Descriptions.Item label="培训期间">
          {day(c.from)} 至 {day(c.to)}
        </Descriptions.Item>
        <Descriptions.Item label="出具单位">{c.issuer}</Descriptions.Item>
        <Descriptions.Item label="状态">{valid ? <Tag color="success">有效</Tag> : <Tag color="warning">已撤销</Tag>}</Descriptions.Item>
      </Descriptions>
      <Table
        style={{ marginTop: 16 }}
        size="small"
        bordered
        rowKey={(r) => `${r.title}|${r.completedAt}`}
        pagination={c.courses.length > 10 ? { pageSize: 10, size: 'small' } : false}
        dataSource={c.courses}
        columns={[
          { title: '已完成课程', dataIndex: 'title' },
          { title: '学时', dataIndex: 'creditedHours', width: 90 },
          { title: '完成日期', dataIndex: 'completedAt', width: 140, render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
        ]}
        data-testid="verify-courses"
      />
    </div>
  );
}
