import { staffContracts } from '../../../shared/contracts/staff';
import { checkIdNumber } from '../../../shared/idNumber';
import { escapeRegExp } from '../../../shared/text';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { loadEnterpriseInScope, ownEnterpriseId } from '../../common/enterprises';
import { personIdOf } from '../../common/persons';
import { SECRET_FIELDS, staffRowFor, type StaffPerson } from '../staffAccess';

/**
 * An enterprise's staff (人员管理): current staff, former staff (离职, via pastEnterpriseIds) or both;
 * keyword on name, phone prefix or a full ID number (matched through its keyed hash); masked IDs only.
 */
export default defineAction(staffContracts.listStaff, {
  allow: ['enterpriseAdmin', 'regulator', 'sysadmin'],
  async run({ enterpriseId, keyword, departmentId, status, page, pageSize }, { db, principal }) {
    const p = principal;
    const _ = db.command;
    const id = p.kind === 'account' && p.role === 'enterpriseAdmin' && (!enterpriseId || enterpriseId === p.enterpriseId)
      ? ownEnterpriseId(p)
      : (await loadEnterpriseInScope(p, enterpriseId))._id;
    const current = { enterpriseId: id, status: 'active' };
    const former = { pastEnterpriseIds: id, enterpriseId: _.neq(id) };
    const conds: unknown[] = [status === 'active' ? current : status === 'left' ? former : _.or([current, former])];
    if (departmentId) conds.push({ departmentId });
    if (keyword) {
      const id18 = checkIdNumber(keyword);
      if (id18.ok) conds.push({ _id: personIdOf(id18.value) });
      else if (/^\d{3,11}$/.test(keyword)) conds.push({ phone: db.RegExp({ regexp: `^${keyword}` }) });
      else conds.push({ name: db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' }) });
    }
    const where = conds.length === 1 ? conds[0] : _.and(conds);
    const coll = db.collection(C.persons);
    const [res, count] = await Promise.all([
      coll.where(where).orderBy('name', 'asc').orderBy('_id', 'asc').skip((page - 1) * pageSize).limit(pageSize).field(SECRET_FIELDS).get<StaffPerson>(),
      coll.where(where).count(),
    ]);
    return { items: res.data.map((x) => staffRowFor(id, x)), total: count.total, page, pageSize };
  },
});
