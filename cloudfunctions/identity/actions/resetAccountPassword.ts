import { identityContracts } from '../../../shared/contracts/identity';
import { defineAction } from '../../common/action';
import { hashPassword } from '../../common/crypto';
import { C } from '../../common/db';
import { LoginGuard } from '../../common/loginGuard';
import { randomInitialPassword } from '../../common/randomPassword';
import { accountPrincipal, manageableAccount } from '../accountScope';

/**
 * 重置密码 in 账号管理: a higher-level account (the setAccountStatus rule) gives an account a random
 * one-time password, shown once. The account must change it at next sign-in, its sessions end at
 * once (sessionVersion), and a lockout on it is lifted. Audited.
 */
export default defineAction(identityContracts.resetAccountPassword, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ accountId }, ctx) {
    const p = accountPrincipal(ctx.principal);
    await manageableAccount(p, accountId, '不能重置自己的密码，请使用“修改密码”');
    const oneTimePassword = randomInitialPassword();
    const now = ctx.now();
    await ctx.db
      .collection(C.accounts)
      .doc(accountId)
      .update({
        data: { passwordHash: await hashPassword(oneTimePassword), mustChangePassword: true, sessionVersion: ctx.db.command.inc(1), passwordResetAt: now, passwordResetBy: p.accountId },
      });
    await Promise.all([
      new LoginGuard(ctx.db, `c:${accountId}`).succeeded(),
      ctx.audit({ action: 'account.resetPassword', targetType: 'account', targetId: accountId }),
    ]);
    return { oneTimePassword };
  },
});
