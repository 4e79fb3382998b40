import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { App as AntApp, Badge, Layout, Menu } from 'antd';
import { ApartmentOutlined, AuditOutlined, BankOutlined, BarChartOutlined, CloudUploadOutlined, DashboardOutlined, DatabaseOutlined, DiffOutlined, FieldTimeOutlined, FileDoneOutlined, FormOutlined, FundProjectionScreenOutlined, ProfileOutlined, QrcodeOutlined, ReadOutlined, ScheduleOutlined, ShopOutlined, TeamOutlined, TrophyOutlined, UserSwitchOutlined } from '@ant-design/icons';
import type { AccountView } from '@shared/contracts/identity';
import { navigate } from '../router';
import { findRoute, routesFor, type RouteDef } from '../routes';
import { PageSpinner } from '../components/PageSpinner';
import { usePendingCount } from '../pending';
import { ConsoleHeader } from './ConsoleHeader';

const ICONS: Record<RouteDef['icon'], ReactNode> = {
  dashboard: <DashboardOutlined />,
  enterprises: <BankOutlined />,
  myEnterprise: <ShopOutlined />,
  departments: <ApartmentOutlined />,
  staff: <TeamOutlined />,
  approvals: <AuditOutlined />,
  accounts: <UserSwitchOutlined />,
  courses: <ReadOutlined />,
  courseCenter: <FundProjectionScreenOutlined />,
  offline: <ScheduleOutlined />,
  hours: <FieldTimeOutlined />,
  exams: <FileDoneOutlined />,
  spotExams: <QrcodeOutlined />,
  scoreUpload: <CloudUploadOutlined />,
  banks: <DatabaseOutlined />,
  examTemplates: <FormOutlined />,
  baselines: <ProfileOutlined />,
  reconcile: <DiffOutlined />,
  archives: <ProfileOutlined />,
  reports: <BarChartOutlined />,
  compliance: <AuditOutlined />,
  todos: <ScheduleOutlined />,
  rankings: <TrophyOutlined />,
};

/** Signed-in chrome: navy header with the account, collapsible side menu, and the current page. */
export default function ConsoleLayout({ account, path }: { account: AccountView; path: string }) {
  const [collapsed, setCollapsed] = useState(false);
  const routes = routesFor(account.role);
  const current = findRoute(routes, path);
  const pending = usePendingCount(account.role === 'enterpriseAdmin', path);

  useEffect(() => {
    document.title = current ? `${current.title} - 安学` : '安学 · 安全生产全员培训管理平台';
  }, [current]);

  const Page = current?.component;
  const label = (r: RouteDef): ReactNode =>
    r.path === '/approvals' ? (
      <span style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'space-between', width: '100%', gap: 8 }}>
        {r.title}
        <Badge count={pending} size="small" overflowCount={99} style={{ boxShadow: 'none' }} data-testid="approvals-badge" />
      </span>
    ) : (
      r.title
    );
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
              selectedKeys={current ? [current.menuKey ?? current.path] : []}
              items={routes
                .filter((r) => !r.menuKey && !r.path.includes(':'))
                .map((r) => ({
                  key: r.path,
                  icon: collapsed && r.path === '/approvals' && pending ? <Badge dot offset={[-2, 2]}>{ICONS[r.icon]}</Badge> : ICONS[r.icon],
                  label: label(r),
                  'data-testid': `menu-${r.path.slice(1)}`,
                }))}
              onClick={({ key }) => navigate(key)}
              style={{ borderInlineEnd: 0, paddingTop: 8 }}
            />
          </Layout.Sider>
          <Layout.Content style={{ padding: 16, minWidth: 0 }}>
            {/* The App redirects unknown paths; until then show the spinner rather than a blank page. */}
            {/* Keyed by the initial-password state: once changed, the page reloads what it may have been refused. */}
            <Suspense fallback={<PageSpinner />}>{Page ? <Page key={account.mustChangePassword ? 'initial-password' : 'ready'} /> : <PageSpinner />}</Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </AntApp>
  );
}
