import { identityContracts } from '../../../shared/contracts/identity';
import { defineAction } from '../../common/action';
import { AppError } from '../../common/errors';
import { C } from '../../common/db';

/** Ends this console session on the server: the router refuses its token from now on. */
export default defineAction(identityContracts.consoleLogout, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  passwordChange: true,
  async run(_input, ctx) {
    const p = ctx.principal;
    if (p.kind !== 'account') throw new AppError('UNAUTHENTICATED');
    const _ = ctx.db.command;
    await ctx.db
      .collection(C.accounts)
      .doc(p.accountId)
      .update({ data: { revokedSessions: _.push([{ sid: p.sessionId, exp: p.sessionExp }]), revokedVersion: _.inc(1) } });
    await ctx.audit({ action: 'account.logout', targetType: 'account', targetId: p.accountId });
    return { loggedOut: true as const };
  },
});
