import { orgContracts } from '../../../shared/contracts/org';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { departmentItem, departmentOf, type DepartmentDoc } from '../../common/departments';
import { ownEnterpriseId } from '../../common/enterprises';
import { AppError } from '../../common/errors';

/** Moves a department under another parent of the same enterprise (or to the top); never into its own subtree. */
export default defineAction(orgContracts.moveDepartment, {
  allow: ['enterpriseAdmin'],
  async run({ departmentId, parentId }, ctx) {
    const { db } = ctx;
    const enterpriseId = ownEnterpriseId(ctx.principal);
    // One read of the whole (small) tree answers existence, ownership and the cycle check.
    const res = await db.collection(C.departments).where({ enterpriseId }).limit(1000).get<DepartmentDoc>();
    const byId = new Map(res.data.map((d) => [d._id, d]));
    const d = byId.get(departmentId);
    // Not in this enterprise's tree: answer as every other department action does (missing vs foreign).
    // departmentOf throws NOT_FOUND or NOT_IN_SCOPE (one more read, on the error path only).
    if (!d) {
      await departmentOf(enterpriseId, departmentId);
      throw new AppError('NOT_FOUND', '部门不存在或已被删除');
    }
    if (parentId && !byId.has(parentId)) {
      await departmentOf(enterpriseId, parentId);
      throw new AppError('NOT_FOUND', '上级部门不存在或已被删除');
    }
    if ((d.parentId ?? null) === parentId) return { department: departmentItem(d) };
    for (let at: string | null = parentId, steps = 0; at; at = byId.get(at)?.parentId ?? null, steps++) {
      if (at === departmentId || steps > byId.size) throw new AppError('DEPARTMENT_CYCLE');
    }
    if (res.data.some((x) => x._id !== departmentId && (x.parentId ?? null) === parentId && x.name === d.name)) {
      throw new AppError('CONFLICT', `目标上级部门下已有名为“${d.name}”的部门`);
    }
    const updatedAt = ctx.now();
    await db.collection(C.departments).doc(departmentId).update({ data: { parentId, updatedAt } });
    await ctx.audit({ action: 'department.move', targetType: 'department', targetId: departmentId, details: { before: d.parentId ?? null, after: parentId } });
    return { department: departmentItem({ ...d, parentId, updatedAt }) };
  },
});
