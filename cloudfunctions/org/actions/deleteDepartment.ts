import { orgContracts } from '../../../shared/contracts/org';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { departmentOf } from '../../common/departments';
import { ownEnterpriseId } from '../../common/enterprises';
import { AppError } from '../../common/errors';

/** Deletes a department only when it has no staff and no sub-departments; the error says which. */
export default defineAction(orgContracts.deleteDepartment, {
  allow: ['enterpriseAdmin'],
  async run({ departmentId }, ctx) {
    const { db } = ctx;
    const enterpriseId = ownEnterpriseId(ctx.principal);
    const [d, staff, children] = await Promise.all([
      departmentOf(enterpriseId, departmentId),
      db.collection(C.persons).where({ enterpriseId, departmentId }).count(),
      db.collection(C.departments).where({ enterpriseId, parentId: departmentId }).count(),
    ]);
    if (staff.total > 0 || children.total > 0) {
      const what = [staff.total > 0 ? `${staff.total}名人员` : '', children.total > 0 ? `${children.total}个下级部门` : ''].filter(Boolean).join('和');
      const todo = [staff.total > 0 ? '将人员调整到其他部门' : '', children.total > 0 ? '删除或移走下级部门' : ''].filter(Boolean).join('并');
      throw new AppError('DEPARTMENT_NOT_EMPTY', `“${d.name}”下还有${what}，请先${todo}后再删除`, { staff: staff.total, children: children.total });
    }
    await db.collection(C.departments).doc(departmentId).remove();
    await ctx.audit({ action: 'department.delete', targetType: 'department', targetId: departmentId, details: { name: d.name, parentId: d.parentId ?? null } });
    return { deleted: true as const };
  },
});
