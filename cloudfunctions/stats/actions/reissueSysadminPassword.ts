import { statsContracts } from '../../../shared/contracts/stats';
import { accountIdOf, type AccountDoc } from '../../common/accounts';
import { defineAction } from '../../common/action';
import { hashPassword } from '../../common/crypto';
import { C, getById } from '../../common/db';
import { AppError } from '../../common/errors';
import { LoginGuard } from '../../common/loginGuard';
import { randomInitialPassword } from '../../common/randomPassword';
import { FIRST_SYSADMIN } from './bootstrap';

/**
 * The deployer re-issues the first sysadmin's one-time password: a deploy that crashed after the
 * bootstrap wrote the account but before the password was printed would otherwise leave an
 * environment nobody can sign in to. Only the deployer's proof passes (the router; never over HTTP),
 * and only while the account still must change its password — a sysadmin who chose a password keeps
 * it. Compare-and-set on `sessionVersion` + `mustChangePassword`: a password change racing with this
 * wins, and this answers CONFLICT. Ends the account's sessions, lifts a lockout, audited.
 */
export default defineAction(statsContracts.reissueSysadminPassword, {
  allow: ['deployer'],
  async run(_input, ctx) {
    const id = accountIdOf(FIRST_SYSADMIN);
    const account = await getById<AccountDoc>(C.accounts, id);
    if (!account || account.role !== 'sysadmin') throw new AppError('NOT_FOUND', '系统管理员账号不存在，请先完成初始化部署');
    if (account.mustChangePassword !== true) {
      throw new AppError('CONFLICT', '系统管理员已设置了自己的密码，不能重新签发；请由其他系统管理员在“账号管理”中重置');
    }
    const oneTimePassword = randomInitialPassword();
    const now = ctx.now();
    const version = account.sessionVersion ?? 1;
    const r = await ctx.db
      .collection(C.accounts)
      .where({ _id: id, mustChangePassword: true, sessionVersion: version })
      .update({ data: { passwordHash: await hashPassword(oneTimePassword), sessionVersion: version + 1, passwordResetAt: now, passwordResetBy: 'deployer' } });
    if (r.stats.updated !== 1) throw new AppError('CONFLICT', '系统管理员账号刚被修改，请重新运行部署');
    await Promise.all([
      new LoginGuard(ctx.db, `c:${id}`).succeeded(),
      ctx.audit({ action: 'bootstrap.reissueSysadminPassword', targetType: 'account', targetId: id }),
    ]);
    return { username: FIRST_SYSADMIN, oneTimePassword };
  },
});
