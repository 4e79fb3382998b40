import { examAdminContracts } from '../../../shared/contracts/exam';
import { escapeRegExp } from '../../../shared/text';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { MANAGERS, manageConditions } from '../owner';
import { toTemplate, type TemplateDoc } from '../templates';

/** Templates the caller manages, by industry; archived ones only on request. */
export default defineAction(examAdminContracts.listExamTemplates, {
  allow: MANAGERS,
  async run({ keyword, industry, includeArchived, page, pageSize }, ctx) {
    const { db } = ctx;
    const conds = manageConditions(ctx.principal, db.command, 'industry');
    if (industry) conds.push({ industry });
    if (!includeArchived) conds.push({ archived: false });
    if (keyword) conds.push({ name: db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' }) });
    const where = conds.length === 0 ? {} : conds.length === 1 ? conds[0] : db.command.and(conds);
    const coll = db.collection(C.examTemplates);
    const [res, count] = await Promise.all([
      coll.where(where).orderBy('updatedAt', 'desc').skip((page - 1) * pageSize).limit(pageSize).get<TemplateDoc>(),
      coll.where(where).count(),
    ]);
    return { items: res.data.map(toTemplate), total: count.total, page, pageSize };
  },
});
