import { identityContracts } from '../../../shared/contracts/identity';
import { accountIdOf, accountView, sessionFor, type AccountDoc } from '../../common/accounts';
import { defineAction } from '../../common/action';
import { getCallerIp } from '../../common/cloud';
import { C, getById } from '../../common/db';
import { AppError } from '../../common/errors';
import { LoginGuard } from '../../common/loginGuard';
import { hitRateLimit } from '../../common/rateLimit';
import { checkPasswordOrDummy } from '../workers';

/** Console sign-in attempts per caller (IP, or the WeChat user) per minute, against password spraying. */
export const CONSOLE_LOGIN_RATE = { max: 20, windowMs: 60_000 } as const;
/** Expired revocations are dropped from the account once they outnumber this. */
const REVOKED_KEEP = 20;

/**
 * Console sign-in: username + password → signed session. Rate-limited per caller; failures are
 * counted per username (existing or not, alike) and lock it for 15 minutes after 5.
 */
export default defineAction(identityContracts.consoleLogin, {
  allow: ['anyone'],
  async run({ username, password }, ctx) {
    const { db } = ctx;
    const id = accountIdOf(username);
    const now = ctx.now();
    const caller = getCallerIp() ?? ctx.openid;
    if (caller) await hitRateLimit(db, { scope: 'consoleLogin', subject: caller, ...CONSOLE_LOGIN_RATE, now });
    const guard = new LoginGuard(db, `c:${id}`);
    await guard.reserve(now);
    const account = await getById<AccountDoc>(C.accounts, id);
    // Unknown username and wrong password answer alike, so usernames cannot be probed.
    if (!(await checkPasswordOrDummy(password, account?.passwordHash))) {
      await ctx.audit({ action: 'consoleLogin.failed', targetType: 'account', targetId: id });
      await guard.failed(now, new AppError('LOGIN_FAILED', '用户名或密码错误'));
    }
    const a = account!;
    // Only someone who knows the password learns that the account is disabled.
    if (a.status !== 'active') throw new AppError('ACCOUNT_DISABLED');
    const data: Record<string, unknown> = { lastLoginAt: now };
    const revoked = a.revokedSessions ?? [];
    if (revoked.length > REVOKED_KEEP) {
      // Compare-and-set on revokedVersion, so a logout landing in between is never dropped.
      const live = revoked.filter((r) => r.exp > now.getTime());
      await db
        .collection(C.accounts)
        .where({ _id: id, revokedVersion: a.revokedVersion ?? 0 })
        .update({ data: { revokedSessions: live, revokedVersion: (a.revokedVersion ?? 0) + 1 } });
    }
    await Promise.all([guard.succeeded(), db.collection(C.accounts).doc(id).update({ data })]);
    return { ...sessionFor(a, now), account: accountView(a) };
  },
});
