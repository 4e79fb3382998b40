import { coursesContracts } from '../../../shared/contracts/courses';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { checkCover, checkDates, loadManagedCourse, prepareMaterials, scopedRule, type ManagedCourseDoc } from '../courseAdmin';
import { courseMatchOf, toCourseDetail } from '../courseDoc';

/**
 * Edits a draft (a published or unpublished course changes through newCourseVersion). Compare-and-set
 * on `rev`: a parallel edit, or an `expectedUpdatedAt` that is not the stored one, answers CONFLICT.
 */
export default defineAction(coursesContracts.updateCourse, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ courseId, expectedUpdatedAt, ...input }, ctx) {
    const current = await loadManagedCourse(ctx, courseId);
    if (current.status !== 'draft') throw new AppError('COURSE_NOT_EDITABLE');
    if (expectedUpdatedAt && new Date(current.updatedAt).toISOString() !== expectedUpdatedAt) throw new AppError('CONFLICT');
    const patch: Record<string, unknown> = {};
    const changed: string[] = [];
    const put = (k: string, v: unknown) => {
      patch[k] = v;
      changed.push(k);
    };
    for (const k of ['title', 'category', 'description', 'creditedHours', 'dueDate', 'validUntil', 'identityCheck'] as const) if (input[k] !== undefined) put(k, input[k]);
    checkDates(input.dueDate !== undefined ? input.dueDate : current.dueDate, input.validUntil !== undefined ? input.validUntil : current.validUntil);
    if (input.coverFileID !== undefined) {
      checkCover(ctx, input.coverFileID, current);
      put('coverFileID', input.coverFileID);
    }
    if (input.materials !== undefined) put('materials', prepareMaterials(ctx, input.materials, current));
    if (input.pushRule !== undefined) {
      const rule = await scopedRule(ctx, input.pushRule);
      put('pushRule', rule);
      patch.match = courseMatchOf(rule);
    }
    if (changed.length === 0) return { course: toCourseDetail(current) };
    patch.updatedAt = ctx.now();
    patch.rev = current.rev + 1;
    const res = await ctx.db.collection(C.courses).where({ _id: courseId, rev: current.rev, status: 'draft' }).update({ data: patch });
    if (res.stats.updated !== 1) throw new AppError('CONFLICT');
    await ctx.audit({ action: 'course.update', targetType: 'course', targetId: courseId, details: { fields: changed } });
    return { course: toCourseDetail({ ...current, ...patch } as ManagedCourseDoc) };
  },
});
