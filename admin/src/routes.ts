import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { ConsoleRole } from '@shared/contracts/identity';
import { matchPath } from '@shared/hashPath';

/** The console's pages. The menu shows exactly the entries whose roles include the account's role. */
export interface RouteDef {
  /** Exact, or with `:name` segments matching one non-empty segment each (`/exams/:examId`). */
  path: string;
  title: string;
  /** Key into the layout's icon map (icons stay out of the first-load chunk). */
  icon: 'dashboard' | 'enterprises' | 'myEnterprise' | 'departments' | 'staff' | 'approvals' | 'accounts' | 'courses' | 'courseCenter' | 'offline' | 'hours' | 'exams' | 'spotExams' | 'scoreUpload' | 'banks' | 'examTemplates' | 'baselines' | 'reconcile' | 'archives' | 'reports' | 'compliance' | 'todos' | 'rankings';
  roles: readonly ConsoleRole[];
  component: LazyExoticComponent<ComponentType>;
  /** A sub-page reached from another page: not in the menu, which highlights `menuKey` instead. */
  menuKey?: string;
}

const DashboardPage = lazy(() => import('./pages/oversight/DashboardPage'));

export const ROUTES: readonly RouteDef[] = [
  // The regulators' home (first entry = landing page); enterprise admins find it further down.
  {
    path: '/dashboard',
    title: '监管首页',
    icon: 'dashboard',
    roles: ['regulator', 'sysadmin'],
    component: DashboardPage,
  },
  {
    path: '/reports',
    title: '统计报表',
    icon: 'reports',
    roles: ['regulator', 'sysadmin'],
    component: lazy(() => import('./pages/oversight/ReportsPage')),
  },
  {
    path: '/enterprises',
    title: '企业档案',
    icon: 'enterprises',
    roles: ['regulator', 'sysadmin'],
    component: lazy(() => import('./pages/EnterprisesPage')),
  },
  {
    path: '/archives',
    title: '档案查询',
    icon: 'archives',
    roles: ['regulator', 'sysadmin', 'enterpriseAdmin'],
    component: lazy(() => import('./pages/archives/ArchivesPage')),
  },
  {
    path: '/todos',
    title: '待办',
    icon: 'todos',
    roles: ['regulator', 'sysadmin'],
    component: lazy(() => import('./pages/archives/TodosPage')),
  },
  {
    path: '/compliance',
    title: '合规清单',
    icon: 'compliance',
    roles: ['regulator', 'sysadmin', 'enterpriseAdmin'],
    component: lazy(() => import('./pages/archives/CompliancePage')),
  },
  {
    path: '/my-enterprise',
    title: '本企业',
    icon: 'myEnterprise',
    roles: ['enterpriseAdmin'],
    component: lazy(() => import('./pages/MyEnterprisePage')),
  },
  {
    path: '/departments',
    title: '部门管理',
    icon: 'departments',
    roles: ['enterpriseAdmin'],
    component: lazy(() => import('./pages/DepartmentsPage')),
  },
  {
    path: '/staff',
    title: '人员管理',
    icon: 'staff',
    roles: ['enterpriseAdmin'],
    component: lazy(() => import('./pages/staff/StaffPage')),
  },
  {
    path: '/staff/import',
    title: '批量导入',
    icon: 'staff',
    roles: ['enterpriseAdmin'],
    component: lazy(() => import('./pages/staff/StaffImportPage')),
    menuKey: '/staff',
  },
  {
    path: '/approvals',
    title: '人员审核',
    icon: 'approvals',
    roles: ['enterpriseAdmin'],
    component: lazy(() => import('./pages/ApprovalsPage')),
  },
  {
    path: '/courses',
    title: '课程管理',
    icon: 'courses',
    roles: ['regulator', 'sysadmin', 'enterpriseAdmin'],
    component: lazy(() => import('./pages/courses/CoursesPage')),
  },
  {
    path: '/courses/edit',
    title: '编辑课程',
    icon: 'courses',
    roles: ['regulator', 'sysadmin', 'enterpriseAdmin'],
    component: lazy(() => import('./pages/courses/CourseEditorPage')),
    menuKey: '/courses',
  },
  {
    path: '/course-center',
    title: '课程中心',
    icon: 'courseCenter',
    roles: ['enterpriseAdmin'],
    component: lazy(() => import('./pages/learning/CourseCenterPage')),
  },
  {
    path: '/offline-training',
    title: '线下培训',
    icon: 'offline',
    roles: ['enterpriseAdmin'],
    component: lazy(() => import('./pages/learning/OfflineTrainingPage')),
  },
  {
    path: '/hours-report',
    title: '学时台账',
    icon: 'hours',
    roles: ['enterpriseAdmin'],
    component: lazy(() => import('./pages/learning/HoursReportPage')),
  },
  {
    path: '/exams/:examId',
    title: '考试详情',
    icon: 'exams',
    roles: ['regulator', 'sysadmin', 'enterpriseAdmin'],
    component: lazy(() => import('./pages/exams/ExamDetailPage')),
    menuKey: '/exams',
  },
  {
    path: '/banks',
    title: '题库管理',
    icon: 'banks',
    roles: ['regulator', 'sysadmin', 'enterpriseAdmin'],
    component: lazy(() => import('./pages/banks/BanksPage')),
  },
  {
    path: '/banks/questions',
    title: '试题管理',
    icon: 'banks',
    roles: ['regulator', 'sysadmin', 'enterpriseAdmin'],
    component: lazy(() => import('./pages/banks/BankQuestionsPage')),
    menuKey: '/banks',
  },
  {
    path: '/exam-templates',
    title: '考试模板',
    icon: 'examTemplates',
    roles: ['regulator', 'sysadmin', 'enterpriseAdmin'],
    component: lazy(() => import('./pages/exams/ExamTemplatesPage')),
  },
  {
    path: '/exams',
    title: '考试管理',
    icon: 'exams',
    roles: ['regulator', 'sysadmin', 'enterpriseAdmin'],
    component: lazy(() => import('./pages/exams/ExamsPage')),
  },
  {
    path: '/exams/edit',
    title: '组织考试',
    icon: 'exams',
    roles: ['regulator', 'sysadmin', 'enterpriseAdmin'],
    component: lazy(() => import('./pages/exams/ExamEditorPage')),
    menuKey: '/exams',
  },
  {
    path: '/spot-exams',
    title: '逢查必考',
    icon: 'spotExams',
    roles: ['regulator'],
    component: lazy(() => import('./pages/exams/SpotExamsPage')),
  },
  {
    path: '/score-upload',
    title: '成绩上传',
    icon: 'scoreUpload',
    roles: ['enterpriseAdmin'],
    component: lazy(() => import('./pages/exams/ScoreUploadPage')),
  },
  {
    path: '/dashboard',
    title: '数据看板',
    icon: 'dashboard',
    roles: ['enterpriseAdmin'],
    component: DashboardPage,
  },
  {
    path: '/rankings',
    title: '排行榜',
    icon: 'rankings',
    roles: ['regulator', 'sysadmin'],
    component: lazy(() => import('./pages/oversight/RankingsPage')),
  },
  {
    path: '/baselines',
    title: '基础名单',
    icon: 'baselines',
    roles: ['regulator', 'sysadmin'],
    component: lazy(() => import('./pages/baselines/BaselinesPage')),
  },
  {
    path: '/reconcile',
    title: '名单比对',
    icon: 'reconcile',
    roles: ['regulator', 'sysadmin'],
    component: lazy(() => import('./pages/baselines/ReconcilePage')),
  },
  {
    path: '/accounts',
    title: '账号管理',
    icon: 'accounts',
    roles: ['sysadmin', 'regulator', 'enterpriseAdmin'],
    component: lazy(() => import('./pages/AccountsPage')),
  },
];

export const routesFor = (role: ConsoleRole): RouteDef[] => ROUTES.filter((r) => r.roles.includes(role));

/** The route of `path` among `routes` (exact paths win over patterns). */
export const findRoute = (routes: readonly RouteDef[], path: string): RouteDef | undefined =>
  routes.find((r) => r.path === path) ?? routes.find((r) => r.path.includes(':') && matchPath(r.path, path));

/** The page a role lands on after login or on an unknown path. */
/** Landing page per role: regulators their dashboard, enterprise admins 本企业 (fixed, so a page added above does not move it). */
const HOME: Partial<Record<ConsoleRole, string>> = { regulator: '/dashboard', sysadmin: '/dashboard', enterpriseAdmin: '/my-enterprise' };
export const homePathFor = (role: ConsoleRole): string => {
  const allowed = routesFor(role);
  const home = HOME[role];
  return (home && allowed.some((r) => r.path === home) ? home : allowed[0]?.path) ?? '/';
};

/** Pages reachable without signing in. */
export const PUBLIC_PATHS: readonly string[] = ['/login', '/register', '/verify'];

/** Public pages shown the same whether or not someone is signed in (no redirect, no session check). */
export const OPEN_PATHS: readonly string[] = ['/verify'];
