import { examAdminContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { reachTotals } from '../../common/reach';
import { validatedRule } from '../admin';
import { loadManagedExam, toExamDetail, type ExamDoc } from '../examDoc';
import { poolId } from '../pool';

/**
 * Publishing writes 2 documents whatever the reach (docs/exam-design.md): the pool snapshot
 * (`pool:<examId>:<poolRev>`, the banks' current questions re-validated now, immutable from here)
 * and the exam (compare-and-set on `rev`, still a draft). Workers find it through the push rule's
 * index, never through a per-person record. Publishing twice answers the exam.
 */
export default defineAction(examAdminContracts.publishExam, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ examId }, ctx) {
    const exam = await loadManagedExam(ctx, examId);
    if (exam.status === 'published') return { exam: toExamDetail(exam), reach: await reachTotals(ctx.db, exam.pushRule) };
    if (exam.status !== 'draft') throw new AppError('EXAM_NOT_EDITABLE', '考试已取消，不能发布');
    const now = ctx.now();
    if (exam.closesAt.getTime() <= now.getTime()) throw new AppError('INVALID_INPUT', '考试结束时间已过，请修改后再发布');
    const { pool } = await validatedRule(ctx, exam.rule, exam.fullScore);
    const poolRev = exam.rev + 1;
    await ctx.db.collection(C.examPools).doc(poolId(examId, poolRev)).set({ data: { examId, poolRev, candidates: pool, createdAt: now } });
    const patch = { status: 'published' as const, poolRev, publishedAt: now, updatedAt: now, rev: exam.rev + 1 };
    const r = await ctx.db.collection(C.exams).where({ _id: examId, rev: exam.rev, status: 'draft' }).update({ data: patch });
    if (r.stats.updated !== 1) {
      const fresh = await loadManagedExam(ctx, examId);
      if (fresh.status !== 'published') throw new AppError('CONFLICT');
      return { exam: toExamDetail(fresh), reach: await reachTotals(ctx.db, fresh.pushRule) };
    }
    const published: ExamDoc = { ...exam, ...patch };
    await ctx.audit({ action: 'exam.publish', targetType: 'exam', targetId: examId, details: { questions: pool.length } });
    return { exam: toExamDetail(published), reach: await reachTotals(ctx.db, published.pushRule) };
  },
});
