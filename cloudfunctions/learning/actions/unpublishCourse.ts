import { coursesContracts } from '../../../shared/contracts/courses';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { loadManagedCourse } from '../courseAdmin';
import { toCourseDetail } from '../courseDoc';

/** Takes a published course off learners' task lists (progress and completions stay). Idempotent. */
export default defineAction(coursesContracts.unpublishCourse, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ courseId }, ctx) {
    const course = await loadManagedCourse(ctx, courseId);
    if (course.status !== 'published') {
      if (course.status === 'unpublished') return { course: toCourseDetail(course) };
      throw new AppError('INVALID_INPUT', '草稿课程尚未发布');
    }
    const now = ctx.now();
    const patch = { status: 'unpublished' as const, updatedAt: now, rev: course.rev + 1 };
    const res = await ctx.db.collection(C.courses).where({ _id: courseId, rev: course.rev, status: 'published' }).update({ data: patch });
    if (res.stats.updated !== 1) throw new AppError('CONFLICT');
    await ctx.audit({ action: 'course.unpublish', targetType: 'course', targetId: courseId });
    return { course: toCourseDetail({ ...course, ...patch }) };
  },
});
