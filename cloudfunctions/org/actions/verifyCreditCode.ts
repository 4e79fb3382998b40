import { orgContracts } from '../../../shared/contracts/org';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { enterpriseDetail, loadEnterpriseInScope } from '../../common/enterprises';

/** A regulator (in scope) or sysadmin confirms a credit code that was accepted unverified. */
export default defineAction(orgContracts.verifyCreditCode, {
  allow: ['regulator', 'sysadmin'],
  async run({ enterpriseId }, ctx) {
    const e = await loadEnterpriseInScope(ctx.principal, enterpriseId);
    if (e.creditCodeVerified !== false) return { enterprise: enterpriseDetail(e) };
    const updatedAt = ctx.now();
    await ctx.db.collection(C.enterprises).doc(e._id).update({ data: { creditCodeVerified: true, updatedAt } });
    await ctx.audit({ action: 'enterprise.verifyCreditCode', targetType: 'enterprise', targetId: e._id, details: { creditCode: e.creditCode } });
    return { enterprise: enterpriseDetail({ ...e, creditCodeVerified: true, updatedAt }) };
  },
});
