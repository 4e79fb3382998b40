import { orgContracts } from '../../../shared/contracts/org';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { enterpriseDetail, enterpriseRegion, enterpriseRegionFields, ownEnterpriseId, personEnterpriseFields, type EnterpriseDoc } from '../../common/enterprises';
import { AppError } from '../../common/errors';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
/** Changing any of these changes what the enterprise's persons are pushed and how they are counted. */
const COPIED_TO_PERSONS = ['name', 'regionCode', 'industry', 'supervisionType', 'keyAreas', 'scale'] as const;

/**
 * The enterprise admin edits its profile. Audited with before/after of the changed fields; the
 * denormalized copies on the enterprise's persons (and its admin accounts' name) follow in one
 * multi-document update each.
 */
export default defineAction(orgContracts.updateEnterprise, {
  allow: ['enterpriseAdmin'],
  async run(input, ctx) {
    const { db } = ctx;
    const id = ownEnterpriseId(ctx.principal);
    const current = await getById<EnterpriseDoc>(C.enterprises, id);
    if (!current) throw new AppError('ENTERPRISE_NOT_FOUND');
    const patch: Record<string, unknown> = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const fields = { ...input, ...(input.keyAreas ? { keyAreas: [...new Set(input.keyAreas)] } : {}) };
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) continue;
      const old = (current as unknown as Record<string, unknown>)[k];
      if (same(old, v)) continue;
      patch[k] = v;
      before[k] = old ?? null;
      after[k] = v;
    }
    if (Object.keys(patch).length === 0) return { enterprise: enterpriseDetail(current) };
    if (patch.regionCode) {
      const region = await enterpriseRegion(patch.regionCode as string);
      Object.assign(patch, { regionName: region.fullName, ...enterpriseRegionFields(region.code) });
      before.regionName = current.regionName;
      after.regionName = region.fullName;
    }
    patch.updatedAt = ctx.now();
    await db.collection(C.enterprises).doc(id).update({ data: patch });
    const updated = { ...current, ...patch } as EnterpriseDoc;
    if (COPIED_TO_PERSONS.some((k) => k in after)) {
      await db.collection(C.persons).where({ enterpriseId: id }).update({ data: personEnterpriseFields(updated) });
    }
    // Its admin accounts follow: their name, and their region (which account management scopes by).
    const accountPatch: Record<string, unknown> = {};
    if ('name' in after) accountPatch.enterpriseName = updated.name;
    if ('regionCode' in after) Object.assign(accountPatch, { regionCode: updated.regionCode, regionName: updated.regionName });
    if (Object.keys(accountPatch).length) await db.collection(C.accounts).where({ enterpriseId: id }).update({ data: accountPatch });
    await ctx.audit({ action: 'enterprise.update', targetType: 'enterprise', targetId: id, details: { before, after } });
    return { enterprise: enterpriseDetail(updated) };
  },
});
