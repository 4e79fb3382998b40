import { coursesContracts } from '../../../shared/contracts/courses';
import { escapeRegExp } from '../../../shared/text';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { manageConditions } from '../courseAdmin';
import { toCourseRow, type CourseDoc } from '../courseDoc';

/** The caller's courses: its enterprise's (admin), those of regulators in its subtree (regulator), all (sysadmin). */
export default defineAction(coursesContracts.listCourses, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ keyword, status, category, page, pageSize }, ctx) {
    const { db } = ctx;
    const _ = db.command;
    const conds = manageConditions(ctx);
    if (status !== 'all') conds.push({ status });
    if (category) conds.push({ category });
    if (keyword) conds.push({ title: db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' }) });
    const where = conds.length === 0 ? {} : conds.length === 1 ? conds[0] : _.and(conds);
    const coll = db.collection(C.courses);
    const [res, count] = await Promise.all([
      coll
        .where(where)
        .orderBy('updatedAt', 'desc')
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .field({ 'materials.html': false })
        .get<CourseDoc>(),
      coll.where(where).count(),
    ]);
    return { items: res.data.map(toCourseRow), total: count.total, page, pageSize };
  },
});
