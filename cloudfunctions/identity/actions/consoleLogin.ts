import { identityContracts } from '../../../shared/contracts/identity';
import { accountIdOf, accountView, LOCK_MS, MAX_FAILED_LOGINS, sessionFor, type AccountDoc } from '../../common/accounts';
import { defineAction } from '../../common/action';
import { verifyPassword } from '../../common/crypto';
import { C, getById } from '../../common/db';
import { AppError } from '../../common/errors';

/** Console sign-in: username + password → signed session. Repeated failures lock the account. */
export default defineAction(identityContracts.consoleLogin, {
  allow: ['anyone'],
  async run({ username, password }, ctx) {
    const { db } = ctx;
    const id = accountIdOf(username);
    const now = ctx.now();
    const account = await getById<AccountDoc>(C.accounts, id);
    if (!account) {
      // Same answer as a wrong password so usernames cannot be probed.
      throw new AppError('LOGIN_FAILED');
    }
    if (account.lockedUntil && new Date(account.lockedUntil).getTime() > now.getTime()) {
      const minutes = Math.ceil((new Date(account.lockedUntil).getTime() - now.getTime()) / 60000);
      throw new AppError('ACCOUNT_LOCKED', `连续登录失败次数过多，账号已锁定，请${minutes}分钟后再试`);
    }
    if (account.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
    if (!(await verifyPassword(password, account.passwordHash))) {
      const failed = (account.failedLogins ?? 0) + 1;
      const lock = failed >= MAX_FAILED_LOGINS;
      await db
        .collection(C.accounts)
        .doc(id)
        .update({ data: lock ? { failedLogins: 0, lockedUntil: new Date(now.getTime() + LOCK_MS) } : { failedLogins: failed } });
      await ctx.audit({ action: 'consoleLogin.failed', targetType: 'account', targetId: id, details: { locked: lock } });
      if (lock) throw new AppError('ACCOUNT_LOCKED', `连续${MAX_FAILED_LOGINS}次登录失败，账号已锁定15分钟`);
      throw new AppError('LOGIN_FAILED', `用户名或密码错误，再错${MAX_FAILED_LOGINS - failed}次将锁定账号`);
    }
    await db.collection(C.accounts).doc(id).update({ data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now } });
    return { ...sessionFor(account, now), account: accountView(account) };
  },
});
