import { identityContracts } from '../../../shared/contracts/identity';
import { LOCK_MS, MAX_FAILED_LOGINS } from '../../common/accounts';
import { defineAction } from '../../common/action';
import { verifyPassword } from '../../common/crypto';
import { C, getById } from '../../common/db';
import { AppError } from '../../common/errors';
import { personIdOf, personSelf, type PersonDoc } from '../../common/persons';
import { hitRateLimit } from '../../common/rateLimit';
import { LOGIN_RATE, pendingRequestsOf, requireOpenId } from '../workers';
import { lastDecisionOf } from './me';

/**
 * Worker login with ID number + password. Binds the caller's OPENID (moving it off any other
 * person, and moving the person off any other phone) so the next open is one tap.
 * Rate-limited per OPENID; 5 consecutive failures lock the person for 15 minutes.
 */
export default defineAction(identityContracts.login, {
  allow: ['anyone'],
  async run({ idNumber, password }, ctx) {
    const openid = requireOpenId(ctx);
    const { db } = ctx;
    const now = ctx.now();
    await hitRateLimit(db, { scope: 'login', subject: openid, ...LOGIN_RATE, now });
    const id = personIdOf(idNumber);
    const person = await getById<PersonDoc>(C.persons, id);
    // Unknown ID number and wrong password answer alike, so registrations cannot be probed.
    if (!person) throw new AppError('LOGIN_FAILED', '身份证号或密码错误');
    if (person.lockedUntil && new Date(person.lockedUntil).getTime() > now.getTime()) {
      const minutes = Math.ceil((new Date(person.lockedUntil).getTime() - now.getTime()) / 60000);
      throw new AppError('ACCOUNT_LOCKED', `连续登录失败次数过多，账号已锁定，请${minutes}分钟后再试`);
    }
    if (!(await verifyPassword(password, person.passwordHash))) {
      const failed = (person.failedLogins ?? 0) + 1;
      const lock = failed >= MAX_FAILED_LOGINS;
      await db
        .collection(C.persons)
        .doc(id)
        .update({ data: lock ? { failedLogins: 0, lockedUntil: new Date(now.getTime() + LOCK_MS) } : { failedLogins: failed } });
      if (lock) {
        await ctx.audit({ action: 'login.locked', targetType: 'person', targetId: id });
        throw new AppError('ACCOUNT_LOCKED', `连续${MAX_FAILED_LOGINS}次登录失败，账号已锁定15分钟`);
      }
      throw new AppError('LOGIN_FAILED', `身份证号或密码错误，再错${MAX_FAILED_LOGINS - failed}次将锁定账号`);
    }
    const _ = db.command;
    // One person per OPENID: unbind whoever else this WeChat user was, then bind this person.
    const [, pendingRequests, lastDecision] = await Promise.all([
      person.openid === openid ? null : db.collection(C.persons).where({ openid, _id: _.neq(id) }).update({ data: { openid: null } }),
      pendingRequestsOf(db, id),
      lastDecisionOf(db, id),
    ]);
    const data = { openid, failedLogins: 0, lockedUntil: null, lastLoginAt: now };
    await db.collection(C.persons).doc(id).update({ data });
    return { person: personSelf({ ...person, ...data }), pendingRequests, lastDecision };
  },
});
