import { lazy, Suspense, useEffect, useState } from 'react';
import { App, Button, Layout, Popconfirm, Tag } from 'antd';
import { KeyOutlined, LogoutOutlined, SafetyCertificateFilled, UserOutlined } from '@ant-design/icons';
import type { AccountView } from '@shared/contracts/identity';
import { useAuth } from '../auth';
import { saveSession } from '../api';
import { roleLabel, scopeLabel } from '../format';

const ChangePasswordModal = lazy(() => import('../components/ChangePasswordModal'));

/** Product name on the left; who is signed in (name, role, scope) and logout on the right. */
export function ConsoleHeader({ account }: { account: AccountView }) {
  const { logout, refresh } = useAuth();
  const { message } = App.useApp();
  // An account still on its initial password is asked to change it straight away.
  const [changingPassword, setChangingPassword] = useState(!!account.mustChangePassword);
  // …also when a later call is refused with PASSWORD_CHANGE_REQUIRED (auth marks the account).
  useEffect(() => {
    if (account.mustChangePassword) setChangingPassword(true);
  }, [account.mustChangePassword]);
  const name = account.displayName || account.username;
  const role = roleLabel(account);
  // "滕州市应急管理局" already names its region; repeat the scope only when it adds something.
  const scope = scopeLabel(account);
  const showScope = !!scope && !name.includes(scope);
  return (
    <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, borderBottom: '1px solid rgba(255,255,255,0.08)' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 10, color: '#fff', flex: 'none' }}>
        <SafetyCertificateFilled style={{ fontSize: 24 }} />
        <span style={{ fontSize: 18, fontWeight: 600, letterSpacing: 1, whiteSpace: 'nowrap' }}>安学 · 安全生产全员培训管理平台</span>
      </div>
      <div style={{ flex: 1 }} />
      <div style={{ display: 'flex', alignItems: 'center', gap: 10, minWidth: 0, color: 'rgba(255,255,255,0.9)', lineHeight: 1.4 }} data-testid="account-info">
        <UserOutlined />
        <span style={{ color: '#fff', fontWeight: 600, whiteSpace: 'nowrap' }} data-testid="account-name">
          {name}
        </span>
        {role !== name && (
          <Tag color="blue" bordered={false} style={{ marginInlineEnd: 0 }} data-testid="account-role">
            {role}
          </Tag>
        )}
        {showScope && (
          <span
            style={{ color: 'rgba(255,255,255,0.75)', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 320 }}
            title={scope}
            data-testid="account-scope"
          >
            {scope}
          </span>
        )}
        <Button
          type="text"
          icon={<KeyOutlined />}
          style={{ color: 'rgba(255,255,255,0.9)', marginInlineStart: 6 }}
          onClick={() => setChangingPassword(true)}
          data-testid="change-password"
        >
          修改密码
        </Button>
        {changingPassword && (
          <Suspense fallback={null}>
            <ChangePasswordModal
              forced={!!account.mustChangePassword}
              onCancel={() => !account.mustChangePassword && setChangingPassword(false)}
              onChanged={(session) => {
                setChangingPassword(false);
                if (session) {
                  // Other sessions ended; this browser continues on the fresh session.
                  saveSession(session);
                  message.success('密码已修改');
                  refresh().catch(() => undefined);
                } else logout('密码已修改，请使用新密码重新登录');
              }}
            />
          </Suspense>
        )}
        <Popconfirm title="确定退出登录吗？" okText="退出" cancelText="取消" placement="bottomRight" onConfirm={() => logout()}>
          <Button type="text" icon={<LogoutOutlined />} style={{ color: 'rgba(255,255,255,0.9)' }} data-testid="logout">
            退出登录
          </Button>
        </Popconfirm>
      </div>
    </Layout.Header>
  );
}
