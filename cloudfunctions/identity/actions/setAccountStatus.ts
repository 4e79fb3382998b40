import { identityContracts } from '../../../shared/contracts/identity';
import type { AccountDoc } from '../../common/accounts';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { AppError } from '../../common/errors';
import { accountPrincipal, activeCaller, assertCanManage } from '../accountScope';
import type { EnterpriseLite } from '../workers';

/** Enables or disables a console account in the caller's scope; disabling ends its sessions. */
export default defineAction(identityContracts.setAccountStatus, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ accountId, status }, ctx) {
    const p = accountPrincipal(ctx.principal);
    if (accountId === p.accountId) throw new AppError('FORBIDDEN', '不能停用或启用自己的账号');
    const [, target] = await Promise.all([activeCaller(p), getById<AccountDoc>(C.accounts, accountId)]);
    if (!target) throw new AppError('NOT_FOUND', '账号不存在');
    // A limited regulator may manage an enterprise admin only for an enterprise of its industries.
    const needIndustry = p.role === 'regulator' && !!p.industries?.length && target.role === 'enterpriseAdmin' && !!target.enterpriseId;
    const enterprise = needIndustry ? await getById<EnterpriseLite>(C.enterprises, target.enterpriseId!) : null;
    assertCanManage(p, {
      role: target.role,
      regionCode: target.regionCode,
      industries: target.industries,
      enterpriseId: target.enterpriseId,
      enterpriseIndustry: enterprise?.industry,
    });
    if (target.status !== status) {
      const data: Record<string, unknown> = { status, statusChangedAt: ctx.now(), statusChangedBy: p.accountId };
      if (status === 'disabled') data.sessionVersion = ctx.db.command.inc(1);
      else Object.assign(data, { failedLogins: 0, lockedUntil: null });
      await ctx.db.collection(C.accounts).doc(accountId).update({ data });
      await ctx.audit({ action: status === 'disabled' ? 'account.disable' : 'account.enable', targetType: 'account', targetId: accountId });
    }
    return { status };
  },
});
