import { Space, Typography } from 'antd';
import { QrSvg } from '../../components/QrSvg';
import { dateTime } from './resultLabels';

/**
 * The code workers type or scan in the mini-program (我的考试 → 逢查必考): big characters for a
 * phone held up in a workshop, and the QR of the server's `qrText`.
 */
export function SpotCodeCard({ code, qrText, title, enterpriseName, closesAt }: { code: string; qrText: string; title: string; enterpriseName?: string | null; closesAt?: string }) {
  return (
    <div style={{ display: 'flex', gap: 32, alignItems: 'center', justifyContent: 'center', padding: '8px 0' }} data-testid="spot-code-card">
      <QrSvg text={qrText} size={220} testId="spot-qr" />
      <Space direction="vertical" size={4}>
        <Typography.Text type="secondary">{title}</Typography.Text>
        {enterpriseName && <Typography.Text strong>{enterpriseName}</Typography.Text>}
        <Typography.Text type="secondary" style={{ marginTop: 8 }}>
          考试码
        </Typography.Text>
        <div className="mono" style={{ fontSize: 56, fontWeight: 700, letterSpacing: 12, lineHeight: 1.1, color: '#0b2a5b' }} data-testid="spot-code">
          {code}
        </div>
        <Typography.Text type="secondary">员工在小程序“考试”页扫码或输入考试码参加（仅限本企业在职员工）</Typography.Text>
        {closesAt && <Typography.Text type="secondary">有效期至 {dateTime(closesAt)}</Typography.Text>}
      </Space>
    </div>
  );
}
