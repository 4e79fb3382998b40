import { z } from 'zod';
import { contract } from './define';
import type { RegionLevel } from '../regions';
import type { IndustryCode } from '../taxonomy';

export type ConsoleRole = 'sysadmin' | 'regulator' | 'enterpriseAdmin';

/** What the console knows about the signed-in account (never the password hash). */
export interface AccountView {
  _id: string;
  username: string;
  displayName: string;
  role: ConsoleRole;
  regionCode?: string;
  regionLevel?: RegionLevel;
  regionName?: string;
  industries?: IndustryCode[];
  enterpriseId?: string;
  enterpriseName?: string;
}

export const identityContracts = {
  consoleLogin: contract<{ token: string; expiresAt: string; account: AccountView }>()(
    z.object({
      username: z.string().trim().min(1, '请输入用户名').max(64),
      password: z.string().min(1, '请输入密码').max(128),
    }),
  ),
  consoleMe: contract<{ account: AccountView }>()(z.object({})),
};
