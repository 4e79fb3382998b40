import { staffContracts } from '../../../shared/contracts/staff';
import { checkIdNumber } from '../../../shared/idNumber';
import { escapeRegExp } from '../../../shared/text';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { loadEnterpriseInScope, ownEnterpriseId } from '../../common/enterprises';
import { personIdOf, type PersonDoc } from '../../common/persons';
import type { EmploymentDoc } from '../../common/requests';
import { formerStaffRow, SECRET_FIELDS, staffRowFor } from '../staffAccess';

/** The last four characters of an ID number (what the masked form shows), e.g. 123X. */
const ID_TAIL = /^\d{3}[\dXx]$/;

/**
 * An enterprise's staff (人员管理): current staff from persons, former staff (离职) from their closed
 * employment entries as they were when they left. Keyword: name, phone prefix, a full ID number
 * (through its keyed hash) or its last 4 characters (the masked form's tail). Masked IDs only.
 */
export default defineAction(staffContracts.listStaff, {
  allow: ['enterpriseAdmin', 'regulator', 'sysadmin'],
  async run({ enterpriseId, keyword, departmentId, status, sort, page, pageSize }, { db, principal }) {
    const p = principal;
    const id =
      p.kind === 'account' && p.role === 'enterpriseAdmin' && (!enterpriseId || enterpriseId === p.enterpriseId)
        ? ownEnterpriseId(p)
        : (await loadEnterpriseInScope(p, enterpriseId))._id;
    const _ = db.command;
    const tail = keyword && ID_TAIL.test(keyword) ? keyword.toUpperCase() : null;
    const id18 = keyword ? checkIdNumber(keyword) : null;
    const keywordCond = (nameField: string, idField: string): Record<string, unknown> | null => {
      if (!keyword) return null;
      if (id18?.ok) return { [idField]: personIdOf(id18.value) };
      if (tail) return { idMasked: db.RegExp({ regexp: `${tail}$` }) };
      if (/^\d{3,11}$/.test(keyword)) return nameField === 'name' ? { phone: db.RegExp({ regexp: `^${keyword}` }) } : { _id: '-' };
      return { [nameField]: db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' }) };
    };
    const skip = (page - 1) * pageSize;

    if (status === 'left') {
      const conds: unknown[] = [{ enterpriseId: id, to: _.neq(null) }];
      const k = keywordCond('personName', 'personId');
      if (k) conds.push(k);
      const where = conds.length === 1 ? conds[0] : _.and(conds);
      const coll = db.collection(C.employments);
      const ordered = sort === 'name' ? coll.where(where).orderBy('personName', 'asc') : coll.where(where).orderBy('to', 'desc');
      const [res, count] = await Promise.all([ordered.orderBy('_id', 'asc').skip(skip).limit(pageSize).get<EmploymentDoc>(), coll.where(where).count()]);
      return { items: res.data.map(formerStaffRow), total: count.total, page, pageSize };
    }

    const conds: unknown[] = [{ enterpriseId: id, status: 'active' }];
    if (departmentId) conds.push({ departmentId });
    const k = keywordCond('name', '_id');
    if (k) conds.push(k);
    const where = conds.length === 1 ? conds[0] : _.and(conds);
    const coll = db.collection(C.persons);
    // Newest first by when they joined this enterprise (updatedAt moves on edits; createdAt is the person's).
    const ordered = sort === 'name' ? coll.where(where).orderBy('name', 'asc') : coll.where(where).orderBy('joinedAt', 'desc').orderBy('createdAt', 'desc');
    const [res, count] = await Promise.all([ordered.orderBy('_id', 'asc').skip(skip).limit(pageSize).field(SECRET_FIELDS).get<PersonDoc>(), coll.where(where).count()]);
    return { items: res.data.map((x) => staffRowFor(id, x)), total: count.total, page, pageSize };
  },
});
