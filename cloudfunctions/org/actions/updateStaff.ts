import { staffContracts } from '../../../shared/contracts/staff';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { departmentOf } from '../../common/departments';
import { ownEnterpriseId } from '../../common/enterprises';
import type { PersonDoc } from '../../common/persons';
import { activeStaffOf, staffRowFor } from '../staffAccess';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Edits one of the enterprise's current staff (department must be the enterprise's own); audited with before/after. */
export default defineAction(staffContracts.updateStaff, {
  allow: ['enterpriseAdmin'],
  async run({ personId, ...input }, ctx) {
    const enterpriseId = ownEnterpriseId(ctx.principal);
    const [person, department] = await Promise.all([
      activeStaffOf(enterpriseId, personId),
      input.departmentId ? departmentOf(enterpriseId, input.departmentId) : null,
    ]);
    const patch: Record<string, unknown> = {};
    const before: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) {
      if (v === undefined) continue;
      const old = (person as unknown as Record<string, unknown>)[k];
      if (same(old, v)) continue;
      patch[k] = v;
      before[k] = old ?? null;
    }
    if ('departmentId' in patch) patch.departmentName = department?.name ?? null;
    if (Object.keys(patch).length === 0) return { person: staffRowFor(enterpriseId, person) };
    patch.updatedAt = ctx.now();
    await ctx.db.collection(C.persons).doc(personId).update({ data: patch });
    const { updatedAt: _at, departmentName: _dn, ...after } = patch;
    await ctx.audit({ action: 'staff.update', targetType: 'person', targetId: personId, details: { enterpriseId, before, after } });
    return { person: staffRowFor(enterpriseId, { ...person, ...patch } as PersonDoc) };
  },
});
