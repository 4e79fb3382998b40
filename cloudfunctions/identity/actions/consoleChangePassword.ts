import { identityContracts } from '../../../shared/contracts/identity';
import { sessionFor } from '../../common/accounts';
import { defineAction } from '../../common/action';
import { hashPassword, verifyPassword } from '../../common/crypto';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { callerAccount } from '../accountScope';

/**
 * Console password change. Bumps sessionVersion so every other session of the account ends; the
 * caller gets a fresh session in the answer and stays signed in.
 */
export default defineAction(identityContracts.consoleChangePassword, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  passwordChange: true,
  async run({ oldPassword, newPassword }, ctx) {
    const account = callerAccount(ctx);
    if (!(await verifyPassword(oldPassword, account.passwordHash))) throw new AppError('PASSWORD_MISMATCH');
    if (oldPassword === newPassword) throw new AppError('INVALID_INPUT', '新密码不能与原密码相同');
    const sessionVersion = (account.sessionVersion ?? 1) + 1;
    const now = ctx.now();
    await ctx.db
      .collection(C.accounts)
      .doc(account._id)
      .update({ data: { passwordHash: await hashPassword(newPassword), mustChangePassword: false, sessionVersion, passwordChangedAt: now } });
    await ctx.audit({ action: 'account.changePassword', targetType: 'account', targetId: account._id });
    return { changed: true as const, ...sessionFor({ ...account, sessionVersion }, now) };
  },
});
