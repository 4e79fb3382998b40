import { coursesContracts } from '../../../shared/contracts/courses';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { isDuplicateKey } from '../../common/dbErrors';
import { AppError } from '../../common/errors';
import { buildDraftCourse, loadManagedCourse, type ManagedCourseDoc } from '../courseAdmin';
import { loadCourse, toCourseDetail } from '../courseDoc';

/**
 * A draft copy of a course with version + 1 (same lineage, materials and their ids, rule and
 * publisher). One open draft per lineage: its `_id` is `<lineageId>v<version>`, so a parallel or
 * replayed call creates nothing more and answers the existing draft. Publishing it unpublishes the
 * live version (publishCourse). Progress, completions and ratings stay with each version.
 */
export default defineAction(coursesContracts.newCourseVersion, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ courseId }, ctx) {
    const { db } = ctx;
    const source = await loadManagedCourse(ctx, courseId);
    const latest = await db.collection(C.courses).where({ lineageId: source.lineageId }).orderBy('version', 'desc').limit(1).get<ManagedCourseDoc>();
    const head = latest.data[0] ?? source;
    if (head.status === 'draft') {
      if (head._id === source._id) throw new AppError('INVALID_INPUT', '该课程是草稿，可直接修改');
      return { course: toCourseDetail(head) };
    }
    const version = head.version + 1;
    const _id = `${source.lineageId}v${version}`;
    const doc = buildDraftCourse(
      {
        ...source,
        _id,
        version,
        previousId: source._id,
        createdBy: ctx.principal.kind === 'account' ? ctx.principal.accountId : '',
      },
      ctx.now(),
    );
    try {
      await db.collection(C.courses).add({ data: doc as unknown as Record<string, unknown> });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const existing = (await loadCourse(_id)) as ManagedCourseDoc | null;
      if (!existing) throw new AppError('CONFLICT');
      return { course: toCourseDetail(existing) };
    }
    await ctx.audit({ action: 'course.newVersion', targetType: 'course', targetId: _id, details: { from: source._id, version } });
    return { course: toCourseDetail(doc) };
  },
});
