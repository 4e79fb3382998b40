import { examAdminContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { gradeAndStore, grantPass, type AttemptDoc } from '../attemptDoc';
import { loadManagedExam, toExamDetail } from '../examDoc';

const BATCH = 200;

/** Ends a published exam now (audited): nobody starts it any more; attempts in progress are graded with what was saved. */
export default defineAction(examAdminContracts.cancelExam, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ examId, reason }, ctx) {
    const exam = await loadManagedExam(ctx, examId);
    if (exam.status === 'draft') throw new AppError('EXAM_NOT_EDITABLE', '草稿无需取消');
    const now = ctx.now();
    let current = exam;
    if (exam.status === 'published') {
      const patch = { status: 'cancelled' as const, cancelReason: reason, updatedAt: now, rev: exam.rev + 1 };
      const r = await ctx.db.collection(C.exams).where({ _id: examId, rev: exam.rev }).update({ data: patch });
      if (r.stats.updated !== 1) throw new AppError('CONFLICT');
      current = { ...exam, ...patch };
      await ctx.audit({ action: 'exam.cancel', targetType: 'exam', targetId: examId, details: { reason } });
    }
    const t = now.getTime();
    for (let round = 0; round < 50; round++) {
      const running = await ctx.db.collection(C.attempts).where({ examId, status: 'inProgress' }).limit(BATCH).get<AttemptDoc>();
      for (const a of running.data) {
        const g = await gradeAndStore(ctx.db, a, { action: 'grade', status: a.deadline <= t ? 'expired' : 'graded', submittedAt: Math.min(t, a.deadline) }, t);
        if (g.won) await grantPass(ctx.db, g.attempt, t);
      }
      if (running.data.length < BATCH) break;
    }
    return { exam: toExamDetail(current) };
  },
});
