import { z } from 'zod';
import { contract } from './define';
import type { RegionLevel } from '../regions';
import { INDUSTRY_CODES, type IndustryCode } from '../taxonomy';
import { keyword, page, pageSize, safeLine, type Paged } from './common';
import { certificateInput, employmentType, idNumberInput, passwordInput, personName, phone, postCategory, type EmploymentRow, type PersonSelf, type RequestRow } from './people';

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
  /** Set when the account still has its initial password (the console asks for a change). */
  mustChangePassword?: boolean;
}

/** What a worker's session state is in the mini-program. */
export interface WorkerState {
  person: PersonSelf | null;
  /** The worker's own pending registration / change-of-employer requests. */
  pendingRequests: RequestRow[];
  /** The most recently decided (approved / rejected) request, so the worker sees the result and reason. */
  lastDecision?: RequestRow | null;
}

export const identityContracts = {
  /** Worker self-registration (mini-program). Binds the caller's OPENID; the employer's admin approves. */
  register: contract<{ personId: string; requestId: string; status: 'pending' }>()(
    z.object({
      name: personName,
      idNumber: idNumberInput,
      password: passwordInput,
      enterpriseId: z.string().trim().min(1, '请选择所在企业').max(64),
      postCategory,
      employmentType: employmentType.optional().default('regular'),
      phone: phone.optional(),
      certificates: z.array(certificateInput).max(10).optional().default([]),
      consentVersion: z.string().min(1, '请先阅读并同意个人信息保护说明').max(40),
    }),
  ),
  /** Worker login with ID number + password; binds the caller's OPENID (one-tap next time). */
  login: contract<WorkerState>()(
    z.object({ idNumber: idNumberInput, password: z.string().min(1, '请输入密码').max(64) }),
  ),
  /** Unbinds the caller's OPENID. */
  logout: contract<{ loggedOut: true }>()(z.object({})),
  /** The person bound to the caller's OPENID, or null. */
  me: contract<WorkerState>()(z.object({})),
  changePassword: contract<{ changed: true }>()(
    z.object({ oldPassword: z.string().min(1, '请输入原密码').max(64), newPassword: passwordInput }),
  ),
  /** Fields a worker may change themself (name, ID number, employer and department only via admin). */
  updateProfile: contract<{ person: PersonSelf }>()(
    z.object({
      phone: phone.optional(),
      postCategory: postCategory.optional(),
      employmentType: employmentType.optional(),
      certificates: z.array(certificateInput).max(10).optional(),
    }),
  ),
  myEmployments: contract<{ items: EmploymentRow[] }>()(z.object({})),
  /** 更换企业: asks the new employer's admin to approve. */
  requestEmployerChange: contract<{ requestId: string }>()(
    z.object({ enterpriseId: z.string().trim().min(1, '请选择新企业').max(64) }),
  ),
  cancelRequest: contract<{ cancelled: true }>()(z.object({ requestId: z.string().min(1).max(64) })),

  consoleLogin: contract<{ token: string; expiresAt: string; account: AccountView }>()(
    z.object({
      username: z.string().trim().min(1, '请输入用户名').max(64),
      password: z.string().min(1, '请输入密码').max(128),
    }),
  ),
  consoleMe: contract<{ account: AccountView }>()(z.object({})),
  /** Ends this console session on the server (the token is refused from now on). */
  consoleLogout: contract<{ loggedOut: true }>()(z.object({})),
  /**
   * A higher-level account (same rule as setAccountStatus) gives an account a new one-time
   * password: shown once, must be changed at next login; the account's sessions end.
   */
  resetAccountPassword: contract<{ oneTimePassword: string }>()(z.object({ accountId: z.string().min(1).max(80) })),
  /** Ends the account's other sessions; answers a fresh session for this one. */
  consoleChangePassword: contract<{ changed: true; token?: string; expiresAt?: string }>()(
    z.object({ oldPassword: z.string().min(1, '请输入原密码').max(128), newPassword: passwordInput }),
  ),
  /**
   * Creates a console account: sysadmin any; a regulator only for a region strictly below its own
   * (and within its industries); an enterprise admin only another admin of its own enterprise.
   */
  createAccount: contract<{ account: AccountView; initialPassword: string }>()(
    z.object({
      username: z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9_]{3,31}$/, '用户名为4-32位小写字母、数字或下划线，以字母开头'),
      displayName: z.string().trim().min(2, '请填写名称').max(40).refine(...safeLine),
      role: z.enum(['regulator', 'enterpriseAdmin']),
      regionCode: z.string().regex(/^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/, '行政区划代码格式不正确').optional(),
      industries: z.array(z.enum(INDUSTRY_CODES)).max(20).optional(),
      enterpriseId: z.string().max(64).optional(),
    }),
  ),
  listAccounts: contract<Paged<AccountView & { status: 'active' | 'disabled'; createdAt: string }>>()(
    z.object({ keyword, page, pageSize: pageSize(100, 20) }),
  ),
  setAccountStatus: contract<{ status: 'active' | 'disabled' }>()(
    z.object({ accountId: z.string().min(1).max(80), status: z.enum(['active', 'disabled']) }),
  ),
};
