import { examAdminContracts, examFields } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { scopedRule } from '../../common/publishing';
import { validatedRule } from '../admin';
import { lastCloseOf, loadManagedExam, matchOf, retakeOf, toExamDetail, type ExamDoc } from '../examDoc';

/**
 * Drafts: any field (validated as at creation). Published exams: only `title` and a later
 * `closesAt` (EXAM_NOT_EDITABLE otherwise). Compare-and-set on `rev`; `expectedUpdatedAt` guards lost edits (CONFLICT).
 */
export default defineAction(examAdminContracts.updateExam, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ examId, expectedUpdatedAt, ...changes }, ctx) {
    const exam = await loadManagedExam(ctx, examId);
    if (expectedUpdatedAt && new Date(exam.updatedAt).toISOString() !== expectedUpdatedAt) throw new AppError('CONFLICT');
    const now = ctx.now();
    let next: ExamDoc;
    if (exam.status === 'draft') {
      const current = toExamDetail(exam);
      const merged = examFields.safeParse({ ...current, ...changes, templateId: undefined, rule: changes.rule ?? current.rule });
      if (!merged.success) throw new AppError('INVALID_INPUT', merged.error.issues[0]?.message, merged.error.issues);
      const m = merged.data;
      const { validation } = await validatedRule(ctx, m.rule!, m.fullScore);
      const pushRule = changes.pushRule ? await scopedRule(ctx, m.pushRule) : exam.pushRule;
      next = {
        ...exam,
        title: m.title,
        kind: m.kind,
        courseId: m.courseId,
        rule: m.rule!,
        fullScore: m.fullScore,
        passScore: m.passScore,
        durationMinutes: m.durationMinutes,
        opensAt: new Date(m.opensAt),
        closesAt: new Date(m.closesAt),
        retake: retakeOf(m.retake),
        identityCheck: m.identityCheck,
        allowReview: m.allowReview,
        multiplePartialRatio: m.multiplePartialRatio,
        appealDays: m.appealDays,
        pushRule,
        match: matchOf(pushRule),
        updatedAt: now,
        rev: exam.rev + 1,
      };
      next.lastClosesAt = lastCloseOf(next);
      await write(exam, next);
      return { exam: toExamDetail(next), validation };
    }
    if (exam.status !== 'published') throw new AppError('EXAM_NOT_EDITABLE');
    const allowed = new Set(['title', 'closesAt']);
    if (Object.entries(changes).some(([k, v]) => v !== undefined && !allowed.has(k))) throw new AppError('EXAM_NOT_EDITABLE');
    const closesAt = changes.closesAt ? new Date(changes.closesAt) : exam.closesAt;
    if (closesAt.getTime() < new Date(exam.closesAt).getTime()) throw new AppError('EXAM_NOT_EDITABLE', '已发布的考试只能延长结束时间');
    next = { ...exam, title: changes.title ?? exam.title, closesAt, updatedAt: now, rev: exam.rev + 1 };
    next.lastClosesAt = lastCloseOf(next);
    await write(exam, next);
    return { exam: toExamDetail(next), validation: { ok: true, sections: [], questionCount: exam.rule.sections.reduce((n, s) => n + s.count, 0), totalScore: exam.fullScore, problems: [] } };

    async function write(before: ExamDoc, after: ExamDoc) {
      const { _id, ...rest } = after;
      // Objects replaced whole (an update merges nested objects otherwise).
      const data = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? ctx.db.command.set(v) : v]));
      const r = await ctx.db.collection(C.exams).where({ _id, rev: before.rev }).update({ data });
      if (r.stats.updated !== 1) throw new AppError('CONFLICT');
      await ctx.audit({ action: 'exam.update', targetType: 'exam', targetId: _id, details: { fields: Object.keys(changes) } });
    }
  },
});
