import { examBankContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { loadManagedBank, toBankRow } from '../banks';
import { assertWithinIndustries, MANAGERS } from '../owner';

/** Name, description and industries of a bank the caller manages (no change: nothing written). */
export default defineAction(examBankContracts.updateBank, {
  allow: MANAGERS,
  async run({ bankId, ...fields }, ctx) {
    const bank = await loadManagedBank(ctx, bankId);
    if (fields.industries !== undefined) assertWithinIndustries(ctx.principal, { industries: fields.industries });
    const changes: Record<string, unknown> = {};
    if (fields.name !== undefined && fields.name !== bank.name) changes.name = fields.name;
    if (fields.description !== undefined && fields.description !== bank.description) changes.description = fields.description;
    if (fields.industries !== undefined && JSON.stringify([...fields.industries].sort()) !== JSON.stringify([...bank.industries].sort())) changes.industries = fields.industries;
    if (!Object.keys(changes).length) return { bank: toBankRow(bank) };
    const now = ctx.now();
    await ctx.db.collection(C.questionBanks).doc(bankId).update({ data: { ...changes, updatedAt: now } });
    await ctx.audit({ action: 'questionBank.update', targetType: 'questionBank', targetId: bankId, details: { fields: Object.keys(changes) } });
    return { bank: toBankRow({ ...bank, ...changes, updatedAt: now } as typeof bank) };
  },
});
