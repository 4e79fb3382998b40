import type { ReactNode } from 'react';
import { Alert, Button, Modal, Typography } from 'antd';

/**
 * Shows an initial or reset password exactly once (the server keeps only its hash): large, copyable,
 * with who must change it. Closing needs a deliberate click, not a stray mask click.
 */
export function OneTimePasswordModal({
  title,
  subject,
  password,
  hint = '请告知员工，首次登录需修改',
  onClose,
}: {
  title: string;
  subject?: ReactNode;
  password: string;
  hint?: string;
  onClose: () => void;
}) {
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      maskClosable={false}
      width={460}
      footer={
        <Button type="primary" onClick={onClose} data-testid="one-time-password-close">
          我已记下
        </Button>
      }
      data-testid="one-time-password-modal"
    >
      {subject && <div style={{ marginBottom: 12 }}>{subject}</div>}
      <div style={{ background: '#f3f6fb', border: '1px solid #d6e0f0', borderRadius: 6, padding: '14px 16px', textAlign: 'center' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          初始密码
        </Typography.Text>
        <Typography.Paragraph
          copyable={{ text: password, tooltips: ['复制', '已复制'] }}
          style={{ margin: '4px 0 0', fontSize: 22, fontWeight: 600, letterSpacing: 2 }}
          className="mono"
          data-testid="one-time-password"
        >
          {password}
        </Typography.Paragraph>
      </div>
      <Alert type="warning" showIcon style={{ marginTop: 16 }} message={hint} description="此密码仅显示一次，关闭后无法再次查看；如遗忘可再次重置。" />
    </Modal>
  );
}
