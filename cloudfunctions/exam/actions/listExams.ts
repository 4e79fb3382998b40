import { examAdminContracts, type ExamRow } from '../../../shared/contracts/exam';
import { escapeRegExp } from '../../../shared/text';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { manageConditions } from '../../common/publishing';
import { toExamRow, type ExamDoc } from '../examDoc';

/**
 * The caller's exams (as courses: its enterprise's, its subtree's regulators', all), newest first, with live counts (indexed count queries per exam).
 * `spot` narrows to (or excludes) 逢查必考 exams, which carry their enterprise's name.
 */
export default defineAction(examAdminContracts.listExams, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ keyword, kind, status, spot, page, pageSize }, ctx) {
    const { db } = ctx;
    const _ = db.command;
    const conds = manageConditions(ctx);
    if (status !== 'all') conds.push({ status });
    if (kind) conds.push({ kind });
    if (spot !== undefined) conds.push({ 'spot.code': _.exists(spot) });
    if (keyword) conds.push({ title: db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' }) });
    const where = conds.length === 0 ? {} : conds.length === 1 ? conds[0] : _.and(conds);
    const coll = db.collection(C.exams);
    const [res, count] = await Promise.all([
      coll.where(where).orderBy('updatedAt', 'desc').skip((page - 1) * pageSize).limit(pageSize).field({ rule: false }).get<ExamDoc>(),
      coll.where(where).count(),
    ]);
    const attempts = db.collection(C.attempts);
    // Spot exams name their enterprise: one `in` query for the page.
    const entIds = [...new Set(res.data.flatMap((e) => (e.spot ? [e.spot.enterpriseId] : [])))];
    const names = new Map<string, string>();
    if (entIds.length) {
      const ents = await db.collection(C.enterprises).where({ _id: _.in(entIds) }).field({ name: true }).get<{ _id: string; name: string }>();
      for (const x of ents.data) names.set(x._id, x.name);
    }
    const withSpot = (e: ExamDoc, row: ExamRow): ExamRow => (e.spot ? { ...row, spot: { ...e.spot, enterpriseName: names.get(e.spot.enterpriseId) ?? null } } : row);
    const items = await Promise.all(
      res.data.map(async (e) => {
        if (e.status === 'draft') return withSpot(e, toExamRow(e, { started: 0, graded: 0, passed: 0 }));
        const [started, graded, passed] = await Promise.all([
          attempts.where({ examId: e._id }).count(),
          attempts.where({ examId: e._id, status: _.in(['graded', 'expired']) }).count(),
          attempts.where({ examId: e._id, status: _.in(['graded', 'expired']), 'result.passed': true }).count(),
        ]);
        return withSpot(e, toExamRow(e, { started: started.total, graded: graded.total, passed: passed.total }));
      }),
    );
    return { items, total: count.total, page, pageSize };
  },
});
