import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { App as AntApp, Layout, Menu } from 'antd';
import { BankOutlined, ShopOutlined } from '@ant-design/icons';
import type { AccountView } from '@shared/contracts/identity';
import { navigate } from '../router';
import { routesFor, type RouteDef } from '../routes';
import { PageSpinner } from '../components/PageSpinner';
import { ConsoleHeader } from './ConsoleHeader';

const ICONS: Record<RouteDef['icon'], ReactNode> = {
  enterprises: <BankOutlined />,
  myEnterprise: <ShopOutlined />,
};

/** Signed-in chrome: navy header with the account, collapsible side menu, and the current page. */
export default function ConsoleLayout({ account, path }: { account: AccountView; path: string }) {
  const [collapsed, setCollapsed] = useState(false);
  const routes = routesFor(account.role);
  const current = routes.find((r) => r.path === path);

  useEffect(() => {
    document.title = current ? `${current.title} - 安学` : '安学 · 安全生产全员培训管理平台';
  }, [current]);

  const Page = current?.component;
  // antd's App (message/modal hooks) lives here, not in main.tsx, to keep it out of the first load.
  return (
    <AntApp>
      <Layout style={{ minHeight: '100vh' }}>
        <ConsoleHeader account={account} />
        <Layout>
          <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} data-testid="side-menu">
            <Menu
              theme="dark"
              mode="inline"
              selectedKeys={current ? [current.path] : []}
              items={routes.map((r) => ({ key: r.path, icon: ICONS[r.icon], label: r.title }))}
              onClick={({ key }) => navigate(key)}
              style={{ borderInlineEnd: 0, paddingTop: 8 }}
            />
          </Layout.Sider>
          <Layout.Content style={{ padding: 16, minWidth: 0 }}>
            {/* The App redirects unknown paths; until then show the spinner rather than a blank page. */}
            <Suspense fallback={<PageSpinner />}>{Page ? <Page /> : <PageSpinner />}</Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </AntApp>
  );
}
