import { orgContracts } from '../../../shared/contracts/org';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { departmentItem, departmentOf } from '../../common/departments';
import { ownEnterpriseId } from '../../common/enterprises';
import { AppError } from '../../common/errors';

/** Renames a department; the name copied onto its persons follows. */
export default defineAction(orgContracts.renameDepartment, {
  allow: ['enterpriseAdmin'],
  async run({ departmentId, name }, ctx) {
    const { db } = ctx;
    const enterpriseId = ownEnterpriseId(ctx.principal);
    const d = await departmentOf(enterpriseId, departmentId);
    if (d.name === name) return { department: departmentItem(d) };
    const siblings = await db.collection(C.departments).where({ enterpriseId, parentId: d.parentId ?? null, name }).count();
    if (siblings.total > 0) throw new AppError('CONFLICT', `同一上级部门下已有名为“${name}”的部门`);
    const updatedAt = ctx.now();
    await db.collection(C.departments).doc(departmentId).update({ data: { name, updatedAt } });
    await db.collection(C.persons).where({ enterpriseId, departmentId }).update({ data: { departmentName: name } });
    await ctx.audit({ action: 'department.rename', targetType: 'department', targetId: departmentId, details: { before: d.name, after: name } });
    return { department: departmentItem({ ...d, name, updatedAt }) };
  },
});
