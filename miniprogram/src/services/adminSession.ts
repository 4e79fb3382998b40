import Taro from '@tarojs/taro';
import type { AccountView, ActionName, Contracts, FunctionName, InputOf, OutputOf } from '@shared/contracts';
import { CloudError } from '@shared/client';
import { call } from './cloud';
import { passwordChangeDone, requirePasswordChange } from './passwordGate';

/**
 * An enterprise admin signed in on this phone with a console account (identity.consoleLogin).
 * The signed token travels in the call body as `sessionToken` (callFunction has no headers).
 */
export const ADMIN_SESSION_KEY = 'anxue.adminSession';

export interface AdminSession {
  token: string;
  expiresAt: string;
  account: Pick<AccountView, 'username' | 'displayName' | 'role' | 'enterpriseId' | 'enterpriseName' | 'mustChangePassword'>;
}

export function getAdminSession(): AdminSession | null {
  try {
    const s = Taro.getStorageSync(ADMIN_SESSION_KEY) as AdminSession | '' | undefined;
    if (!s || typeof s !== 'object' || !s.token) return null;
    if (new Date(s.expiresAt).getTime() <= Date.now()) {
      clearAdminSession();
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

export function saveAdminSession(s: AdminSession): void {
  Taro.setStorageSync(ADMIN_SESSION_KEY, s);
}

export function clearAdminSession(): void {
  passwordChangeDone('admin');
  try {
    Taro.removeStorageSync(ADMIN_SESSION_KEY);
  } catch {
    // Nothing stored.
  }
}

/**
 * Signs an enterprise admin in with the console account (identity.consoleLogin) and keeps the
 * session on this phone. Regulators and sysadmins are refused: the mini-program is for admins.
 */
export async function adminLogin(username: string, password: string): Promise<AdminSession> {
  const r = await call('identity', 'consoleLogin', { username: username.trim(), password });
  if (r.account.role !== 'enterpriseAdmin') {
    throw new CloudError('FORBIDDEN', '小程序仅供企业管理员审核本企业人员；监管部门和系统管理员请使用网页管理端');
  }
  const { username: u, displayName, role, enterpriseId, enterpriseName, mustChangePassword } = r.account;
  const s: AdminSession = {
    token: r.token,
    expiresAt: r.expiresAt,
    account: { username: u, displayName, role, enterpriseId, enterpriseName, mustChangePassword: !!mustChangePassword },
  };
  saveAdminSession(s);
  // An initial or reset password: the server answers nothing else until it is changed.
  if (s.account.mustChangePassword) requirePasswordChange('admin');
  return s;
}

/** Reopening the app with a stored admin session that still has to change its password. */
export function resumeAdminPasswordChange(): void {
  if (getAdminSession()?.account.mustChangePassword) requirePasswordChange('admin');
}

/** consoleChangePassword; the server ends the other sessions and answers a fresh one for this phone. */
export async function adminChangePassword(oldPassword: string, newPassword: string): Promise<void> {
  const r = await adminCall('identity', 'consoleChangePassword', { oldPassword, newPassword });
  const s = getAdminSession();
  if (!s) return;
  saveAdminSession({
    token: r.token ?? s.token,
    expiresAt: r.expiresAt ?? s.expiresAt,
    account: { ...s.account, mustChangePassword: false },
  });
  passwordChangeDone('admin');
}

/** 退出管理: ends the session on the server too (best effort: offline, the token still expires). */
export async function adminLogout(): Promise<void> {
  if (getAdminSession()) await adminCall('identity', 'consoleLogout', {}).catch(() => undefined);
  clearAdminSession();
}

/** `call` with the admin's sessionToken added; an expired or revoked session is forgotten. */
export async function adminCall<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: InputOf<Contracts[F][A]>,
): Promise<OutputOf<Contracts[F][A]>> {
  const s = getAdminSession();
  if (!s) throw new CloudError('UNAUTHENTICATED', '请先登录企业管理员账号');
  try {
    return await call(fn, action, { ...(input as object), sessionToken: s.token } as InputOf<Contracts[F][A]>);
  } catch (err) {
    if (err instanceof CloudError && (err.code === 'UNAUTHENTICATED' || err.code === 'SESSION_EXPIRED')) clearAdminSession();
    if (err instanceof CloudError && err.code === 'PASSWORD_CHANGE_REQUIRED') saveAdminSession({ ...s, account: { ...s.account, mustChangePassword: true } });
    throw err;
  }
}
