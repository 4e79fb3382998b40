import { staffContracts } from '../../../shared/contracts/staff';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { leaveWrites, txGet } from '../../common/employment';
import { ownEnterpriseId } from '../../common/enterprises';
import { AppError } from '../../common/errors';
import type { PersonDoc } from '../../common/persons';
import type { EmploymentDoc } from '../../common/requests';
import { staffRowFor } from '../staffAccess';

/**
 * 离职: the person leaves this enterprise. Nothing is deleted: the person (account, records, points)
 * stays; the open employment entry is closed with the reason and a snapshot of what was true here,
 * which is all the enterprise keeps (its former-staff list). One transaction, through the
 * employment lifecycle (staffCount goes down by one).
 */
export default defineAction(staffContracts.leaveStaff, {
  allow: ['enterpriseAdmin'],
  async run({ personId, reason }, ctx) {
    const { db } = ctx;
    const enterpriseId = ownEnterpriseId(ctx.principal);
    const legacy = await db.collection(C.employments).where({ personId, enterpriseId, to: null }).limit(10).get<EmploymentDoc>();
    const now = ctx.now();
    const left = await db.runTransaction(async (tx) => {
      // Scope is checked on the transaction's own read (throwing rolls everything back).
      const fresh = await txGet<PersonDoc>(tx, C.persons, personId);
      if (!fresh) throw new AppError('PERSON_NOT_FOUND');
      if (fresh.enterpriseId !== enterpriseId || fresh.status !== 'active') throw new AppError('NOT_IN_SCOPE', '该人员不是本企业在职人员');
      const patch = await leaveWrites(tx, fresh, { reason: reason || '离职', now, legacyOpen: legacy.data });
      await tx.collection(C.persons).doc(personId).update({ data: patch });
      return { ...fresh, ...patch } as unknown as PersonDoc;
    });
    await ctx.audit({ action: 'staff.leave', targetType: 'person', targetId: personId, details: { enterpriseId, reason: reason ?? null } });
    return { person: staffRowFor(enterpriseId, left) };
  },
});
