import { oversightContracts } from '../../../shared/contracts/oversight';
import { checkIdNumber } from '../../../shared/idNumber';
import { escapeRegExp } from '../../../shared/text';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import type { EnterpriseDoc } from '../../common/enterprises';
import { personIdOf, type PersonDoc } from '../../common/persons';
import { scopeConditions } from '../../common/scope';
import { enterpriseArchiveRow, personArchiveRow } from '../archiveScope';

/** Looks like the start of a credit code: search that field by prefix instead of the name. */
const CREDIT_CODE_PREFIX = /^[0-9A-HJ-NP-RTUW-Y]{4,18}$/;

/**
 * 企业档案 / 人员档案 search, confined by scopeConditions (regulator: region subtree and industries;
 * enterprise admin: its enterprise). A full ID number is looked up by the person's deterministic id
 * (keyed hash), never by the number; results show it masked. Two parallel reads: page and count.
 */
export default defineAction(oversightContracts.searchArchives, {
  allow: ['regulator', 'enterpriseAdmin', 'sysadmin'],
  async run({ kind, keyword, regionCode, industry, page, pageSize }, { db, principal }) {
    const _ = db.command;
    const skip = (page - 1) * pageSize;
    if (kind === 'enterprise') {
      const conds: Record<string, unknown>[] = scopeConditions(_, principal, { requestedRegion: regionCode, requestedIndustry: industry, enterpriseField: '_id' });
      const kw = keyword.toUpperCase();
      if (kw && CREDIT_CODE_PREFIX.test(kw)) conds.push({ creditCode: db.RegExp({ regexp: `^${escapeRegExp(kw)}` }) });
      else if (keyword) conds.push({ name: db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' }) });
      const where = conds.length === 0 ? {} : conds.length === 1 ? conds[0] : _.and(conds);
      const coll = db.collection(C.enterprises);
      const [res, count] = await Promise.all([coll.where(where).orderBy('name', 'asc').orderBy('_id', 'asc').skip(skip).limit(pageSize).get<EnterpriseDoc>(), coll.where(where).count()]);
      return { items: res.data.map(enterpriseArchiveRow), total: count.total, page, pageSize };
    }
    const conds: Record<string, unknown>[] = [{ status: 'active' }, ...scopeConditions(_, principal, { requestedRegion: regionCode, requestedIndustry: industry })];
    if (keyword) {
      const id = checkIdNumber(keyword);
      if (id.ok) conds.push({ _id: personIdOf(id.value) });
      else if (/^\d/.test(keyword)) conds.push({ _id: '-' }); // a partial number matches nothing (no search by digits of an ID number)
      else conds.push({ name: db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' }) });
    }
    const where = _.and(conds);
    const coll = db.collection(C.persons);
    const [res, count] = await Promise.all([
      coll
        .where(where)
        .orderBy('name', 'asc')
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(pageSize)
        .field({ _id: true, name: true, idMasked: true, gender: true, status: true, enterpriseId: true, enterpriseName: true, postCategory: true })
        .get<PersonDoc>(),
      coll.where(where).count(),
    ]);
    return { items: res.data.map((x) => personArchiveRow(x)), total: count.total, page, pageSize };
  },
});
