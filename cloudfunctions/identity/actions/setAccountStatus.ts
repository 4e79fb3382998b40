import { identityContracts } from '../../../shared/contracts/identity';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { LoginGuard } from '../../common/loginGuard';
import { accountPrincipal, manageableAccount } from '../accountScope';

/** Enables or disables a console account in the caller's scope; disabling ends its sessions at once, enabling lifts a lockout. */
export default defineAction(identityContracts.setAccountStatus, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ accountId, status }, ctx) {
    const p = accountPrincipal(ctx.principal);
    const target = await manageableAccount(p, accountId, '不能停用或启用自己的账号');
    if (target.status !== status) {
      const data: Record<string, unknown> = { status, statusChangedAt: ctx.now(), statusChangedBy: p.accountId };
      if (status === 'disabled') data.sessionVersion = ctx.db.command.inc(1);
      await ctx.db.collection(C.accounts).doc(accountId).update({ data });
      await Promise.all([
        status === 'active' ? new LoginGuard(ctx.db, `c:${accountId}`).succeeded() : null,
        ctx.audit({ action: status === 'disabled' ? 'account.disable' : 'account.enable', targetType: 'account', targetId: accountId }),
      ]);
    }
    return { status };
  },
});
