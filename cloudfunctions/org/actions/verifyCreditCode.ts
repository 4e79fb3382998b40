import { orgContracts } from '../../../shared/contracts/org';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { creditCodeStatusOf, enterpriseDetail, loadEnterpriseInScope } from '../../common/enterprises';

/**
 * A regulator (in scope) or sysadmin records the result of checking a flagged (待核实) credit code:
 * verified, or wrong with a note (the enterprise must correct it; the code stays unverified).
 */
export default defineAction(orgContracts.verifyCreditCode, {
  allow: ['regulator', 'sysadmin'],
  async run({ enterpriseId, result, note }, ctx) {
    const e = await loadEnterpriseInScope(ctx.principal, enterpriseId);
    const before = { creditCodeStatus: creditCodeStatusOf(e), creditCodeNote: e.creditCodeNote ?? null };
    const after =
      result === 'verified'
        ? { creditCodeStatus: 'verified' as const, creditCodeVerified: true, creditCodeNote: null }
        : { creditCodeStatus: 'wrong' as const, creditCodeVerified: false, creditCodeNote: note ?? '' };
    // Re-recording the same result changes nothing (a double click writes no second audit entry).
    if (before.creditCodeStatus === after.creditCodeStatus && before.creditCodeNote === after.creditCodeNote)
      return { enterprise: enterpriseDetail(e) };
    const updatedAt = ctx.now();
    await ctx.db.collection(C.enterprises).doc(e._id).update({ data: { ...after, updatedAt } });
    await ctx.audit({
      action: 'enterprise.verifyCreditCode',
      targetType: 'enterprise',
      targetId: e._id,
      details: { creditCode: e.creditCode, before, after: { creditCodeStatus: after.creditCodeStatus, creditCodeNote: after.creditCodeNote } },
    });
    return { enterprise: enterpriseDetail({ ...e, ...after, creditCodeNote: after.creditCodeNote ?? undefined, updatedAt }) };
  },
});
