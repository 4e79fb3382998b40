import { examBankContracts } from '../../../shared/contracts/exam';
import { escapeRegExp } from '../../../shared/text';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { toBankRow, type BankDoc } from '../banks';
import { MANAGERS, manageConditions } from '../owner';

/** The banks the caller manages: its enterprise's, its region subtree's regulators', or all (sysadmin). */
export default defineAction(examBankContracts.listBanks, {
  allow: MANAGERS,
  async run({ keyword, bankId, courseId, industry, page, pageSize }, ctx) {
    const { db } = ctx;
    const conds = manageConditions(ctx.principal, db.command, 'industries');
    if (bankId) conds.push({ _id: bankId });
    if (courseId) conds.push({ courseId });
    if (industry) conds.push({ industries: industry });
    if (keyword) conds.push({ name: db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' }) });
    const where = conds.length === 0 ? {} : conds.length === 1 ? conds[0] : db.command.and(conds);
    const coll = db.collection(C.questionBanks);
    const [res, count] = await Promise.all([
      coll.where(where).orderBy('updatedAt', 'desc').skip((page - 1) * pageSize).limit(pageSize).get<BankDoc>(),
      coll.where(where).count(),
    ]);
    return { items: res.data.map(toBankRow), total: count.total, page, pageSize };
  },
});
