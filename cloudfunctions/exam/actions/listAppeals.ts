import { examAdminContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { manageConditions } from '../../common/publishing';
import { toAppealRow, type AppealDoc } from '../appealDoc';
import { loadManagedExam } from '../examDoc';
import { questionTexts } from '../pool';

/** Appeals on the caller's exams (the appeal carries its exam's publisher fields: the same scope as listExams). */
export default defineAction(examAdminContracts.listAppeals, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ examId, status, page, pageSize }, ctx) {
    const { db } = ctx;
    const conds = manageConditions(ctx);
    if (examId) {
      await loadManagedExam(ctx, examId);
      conds.push({ examId });
    }
    if (status !== 'all') conds.push({ status });
    const where = conds.length === 0 ? {} : conds.length === 1 ? conds[0] : db.command.and(conds);
    const coll = db.collection(C.appeals);
    const [res, count] = await Promise.all([coll.where(where).orderBy('createdAt', 'desc').skip((page - 1) * pageSize).limit(pageSize).get<AppealDoc>(), coll.where(where).count()]);
    const texts = await questionTexts(db, [...new Set(res.data.map((a) => a.questionId))]);
    return { items: res.data.map((a) => toAppealRow(a, texts.get(a.questionId)?.stem ?? '', true)), total: count.total, page, pageSize };
  },
});
