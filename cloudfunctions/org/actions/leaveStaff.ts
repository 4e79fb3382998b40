import { staffContracts } from '../../../shared/contracts/staff';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { NO_ENTERPRISE_FIELDS, ownEnterpriseId } from '../../common/enterprises';
import { AppError } from '../../common/errors';
import type { EmploymentDoc } from '../../common/requests';
import { staffRowFor, txGet, type StaffPerson } from '../staffAccess';

/**
 * 离职: the person leaves this enterprise. Nothing is deleted: the person (account, records, points)
 * stays, the open employment entry is closed with the reason, and the enterprise keeps them in its
 * former-staff list. One transaction; the enterprise's staffCount goes down by one.
 */
export default defineAction(staffContracts.leaveStaff, {
  allow: ['enterpriseAdmin'],
  async run({ personId, reason }, ctx) {
    const { db } = ctx;
    const _ = db.command;
    const enterpriseId = ownEnterpriseId(ctx.principal);
    const open = await db.collection(C.employments).where({ personId, enterpriseId, to: null }).limit(10).get<EmploymentDoc>();
    const now = ctx.now();
    const left = await db.runTransaction(async (tx) => {
      // Scope is checked on the transaction's own read (throwing rolls everything back).
      const fresh = await txGet<StaffPerson>(tx, C.persons, personId);
      if (!fresh) throw new AppError('PERSON_NOT_FOUND');
      if (fresh.enterpriseId !== enterpriseId || fresh.status !== 'active') throw new AppError('NOT_IN_SCOPE', '该人员不是本企业在职人员');
      const patch = { ...NO_ENTERPRISE_FIELDS, status: 'left' as const, pastEnterpriseIds: [...new Set([...(fresh.pastEnterpriseIds ?? []), enterpriseId])], updatedAt: now };
      await tx.collection(C.persons).doc(personId).update({ data: patch });
      for (const e of open.data) {
        await tx.collection(C.employments).doc(e._id).update({ data: { to: now, leftReason: reason || '离职' } });
      }
      await tx.collection(C.enterprises).doc(enterpriseId).update({ data: { staffCount: _.inc(-1) } });
      return { ...fresh, ...patch } as unknown as StaffPerson;
    });
    await ctx.audit({ action: 'staff.leave', targetType: 'person', targetId: personId, details: { enterpriseId, reason: reason ?? null } });
    return { person: staffRowFor(enterpriseId, left) };
  },
});
