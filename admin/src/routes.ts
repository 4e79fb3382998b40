import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { ConsoleRole } from '@shared/contracts/identity';

/** The console's pages. The menu shows exactly the entries whose roles include the account's role. */
export interface RouteDef {
  path: string;
  title: string;
  /** Key into the layout's icon map (icons stay out of the first-load chunk). */
  icon: 'enterprises' | 'myEnterprise';
  roles: readonly ConsoleRole[];
  component: LazyExoticComponent<ComponentType>;
}

export const ROUTES: readonly RouteDef[] = [
  {
    path: '/enterprises',
    title: '企业档案',
    icon: 'enterprises',
    roles: ['regulator', 'sysadmin'],
    component: lazy(() => import('./pages/EnterprisesPage')),
  },
  {
    path: '/my-enterprise',
    title: '本企业',
    icon: 'myEnterprise',
    roles: ['enterpriseAdmin'],
    component: lazy(() => import('./pages/MyEnterprisePage')),
  },
];

export const routesFor = (role: ConsoleRole): RouteDef[] => ROUTES.filter((r) => r.roles.includes(role));

/** The page a role lands on after login or on an unknown path. */
export const homePathFor = (role: ConsoleRole): string => routesFor(role)[0]?.path ?? '/';
