import { identityContracts } from '../../../shared/contracts/identity';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { AppError } from '../../common/errors';
import { LoginGuard } from '../../common/loginGuard';
import { personIdOf, personSelf, type PersonDoc } from '../../common/persons';
import { hitRateLimit } from '../../common/rateLimit';
import { checkPasswordOrDummy, LOGIN_RATE, pendingRequestsOf, requireOpenId } from '../workers';
import { lastDecisionOf } from './me';

/**
 * Worker login with ID number + password. Binds the caller's OPENID (moving it off any other
 * person, and moving the person off any other phone) so the next open is one tap.
 * Rate-limited per OPENID; failures are counted per ID number (registered or not, alike) and lock
 * it for 15 minutes after 5 — atomically, so parallel guesses get no more tries.
 */
export default defineAction(identityContracts.login, {
  allow: ['anyone'],
  async run({ idNumber, password }, ctx) {
    const openid = requireOpenId(ctx);
    const { db } = ctx;
    const now = ctx.now();
    await hitRateLimit(db, { scope: 'login', subject: openid, ...LOGIN_RATE, now });
    const id = personIdOf(idNumber);
    const guard = new LoginGuard(db, `w:${id}`);
    await guard.reserve(now);
    const person = await getById<PersonDoc>(C.persons, id);
    // Unknown ID number and wrong password answer alike (same code, message and work), so registrations cannot be probed.
    if (!(await checkPasswordOrDummy(password, person?.passwordHash))) {
      await guard.failed(now, new AppError('LOGIN_FAILED', '身份证号或密码错误'));
    }
    const p = person!;
    const _ = db.command;
    // One person per OPENID: unbind whoever else this WeChat user was, then bind this person.
    const [, , pendingRequests, lastDecision] = await Promise.all([
      guard.succeeded(),
      p.openid === openid ? null : db.collection(C.persons).where({ openid, _id: _.neq(id) }).update({ data: { openid: null } }),
      pendingRequestsOf(db, id),
      lastDecisionOf(db, id),
    ]);
    const data = { openid, lastLoginAt: now };
    await db.collection(C.persons).doc(id).update({ data });
    return { person: personSelf({ ...p, ...data }), pendingRequests, lastDecision };
  },
});
