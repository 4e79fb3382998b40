import { staffContracts } from '../../../shared/contracts/staff';
import { defineAction } from '../../common/action';
import { hashPassword } from '../../common/crypto';
import { C } from '../../common/db';
import { ownEnterpriseId } from '../../common/enterprises';
import { LoginGuard } from '../../common/loginGuard';
import { randomInitialPassword } from '../../common/randomPassword';
import { activeStaffOf } from '../staffAccess';

/** A new one-time password for one of the enterprise's staff, shown once; the worker must change it at next login. */
export default defineAction(staffContracts.resetStaffPassword, {
  allow: ['enterpriseAdmin'],
  async run({ personId }, ctx) {
    const enterpriseId = ownEnterpriseId(ctx.principal);
    await activeStaffOf(enterpriseId, personId);
    const oneTime = randomInitialPassword();
    await ctx.db.collection(C.persons).doc(personId).update({
      data: { passwordHash: await hashPassword(oneTime), mustChangePassword: true, updatedAt: ctx.now() },
    });
    await new LoginGuard(ctx.db, `w:${personId}`).succeeded();
    await ctx.audit({ action: 'staff.resetPassword', targetType: 'person', targetId: personId, details: { enterpriseId } });
    return { oneTimePassword: oneTime };
  },
});
