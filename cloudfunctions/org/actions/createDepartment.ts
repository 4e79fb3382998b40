import { orgContracts } from '../../../shared/contracts/org';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { departmentItem, departmentOf } from '../../common/departments';
import { ownEnterpriseId } from '../../common/enterprises';
import { AppError } from '../../common/errors';

/** Adds a department (top level or under a parent of the same enterprise); sibling names are unique. */
export default defineAction(orgContracts.createDepartment, {
  allow: ['enterpriseAdmin'],
  async run({ name, parentId }, ctx) {
    const { db } = ctx;
    const enterpriseId = ownEnterpriseId(ctx.principal);
    const [, siblings] = await Promise.all([
      parentId ? departmentOf(enterpriseId, parentId) : null,
      db.collection(C.departments).where({ enterpriseId, parentId, name }).count(),
    ]);
    if (siblings.total > 0) throw new AppError('CONFLICT', `同一上级部门下已有名为“${name}”的部门`);
    const now = ctx.now();
    // Creation time orders siblings without reading them.
    const doc = { enterpriseId, name, parentId, order: now.getTime(), createdAt: now, updatedAt: now };
    const { _id } = await db.collection(C.departments).add({ data: doc });
    await ctx.audit({ action: 'department.create', targetType: 'department', targetId: _id, details: { enterpriseId, name, parentId } });
    return { department: departmentItem({ _id: _id!, ...doc }) };
  },
});
