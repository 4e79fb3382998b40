import { orgContracts } from '../../../shared/contracts/org';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { departmentItem, type DepartmentDoc } from '../../common/departments';
import { loadEnterpriseInScope, ownEnterpriseId } from '../../common/enterprises';

/**
 * An enterprise's departments as a flat list (the client builds the tree) with active staff per
 * department counted on read. Enterprise admins: their own; regulators / sysadmin: read-only, in scope.
 */
export default defineAction(orgContracts.listDepartments, {
  allow: ['enterpriseAdmin', 'regulator', 'sysadmin'],
  async run({ enterpriseId }, { db, principal }) {
    const p = principal;
    const id = p.kind === 'account' && p.role === 'enterpriseAdmin' && (!enterpriseId || enterpriseId === p.enterpriseId)
      ? ownEnterpriseId(p)
      : (await loadEnterpriseInScope(p, enterpriseId))._id;
    const [deps, counts] = await Promise.all([
      db.collection(C.departments).where({ enterpriseId: id }).orderBy('order', 'asc').limit(1000).get<DepartmentDoc>(),
      db
        .collection(C.persons)
        .aggregate()
        .match({ enterpriseId: id, status: 'active' })
        .group({ _id: '$departmentId', n: db.command.aggregate.sum(1) })
        // One group per department (at most 1000, as read above) plus the unassigned; without a
        // limit CloudBase answers only 20 groups.
        .limit(1001)
        .end<{ _id: string | null; n: number }>(),
    ]);
    const byDept = new Map(counts.list.map((c) => [c._id, c.n]));
    return { items: deps.data.map((d) => departmentItem(d, byDept.get(d._id) ?? 0)) };
  },
});
