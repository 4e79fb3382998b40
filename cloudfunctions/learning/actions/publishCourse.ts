import { coursesContracts } from '../../../shared/contracts/courses';
import { shanghaiDay } from '../../../shared/calendar';
import { defineAction, type Ctx } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { loadManagedCourse, type ManagedCourseDoc } from '../courseAdmin';
import { toCourseDetail } from '../courseDoc';
import { reachTotals } from '../../common/reach';

type Live = { _id: string; version: number; publishedAt: Date | string | null };

/**
 * Two versions published at the same moment do not see each other inside their transactions (the
 * database reports write–write conflicts, not read–write). Every publisher checks after its commit:
 * if more than one version is live, all but one are unpublished by the same deterministic rule (latest
 * publishedAt, then higher version), so whoever checks last leaves exactly one. Costs one read when
 * nothing raced. Returns whether `courseId` is still the live version.
 */
async function keepsOneLive(ctx: Ctx, lineageId: string, courseId: string): Promise<boolean> {
  const { db } = ctx;
  const res = await db.collection(C.courses).where({ lineageId, status: 'published' }).limit(10).field({ _id: true, version: true, publishedAt: true }).get<Live>();
  if (res.data.length <= 1) return true;
  const at = (l: Live) => (l.publishedAt ? new Date(l.publishedAt).getTime() : 0);
  const [winner, ...losers] = [...res.data].sort((a, b) => at(b) - at(a) || b.version - a.version || (a._id < b._id ? 1 : -1));
  for (const l of losers) await db.collection(C.courses).where({ _id: l._id, status: 'published' }).update({ data: { status: 'unpublished', updatedAt: ctx.now(), rev: db.command.inc(1) } });
  return winner._id === courseId;
}

/**
 * Publishing writes the course, never a record per person: a worker's task list is a query over
 * published courses whose rule matches them (docs/learning-design.md). One transaction: the course
 * becomes published and the lineage's published version, if any, unpublished — ≤ 2 writes whatever
 * the reach. A draft or an unpublished course may be published; publishing twice answers the course.
 */
export default defineAction(coursesContracts.publishCourse, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ courseId }, ctx) {
    const { db } = ctx;
    const course = await loadManagedCourse(ctx, courseId);
    if (course.status === 'published') return { course: toCourseDetail(course), reach: await reachTotals(db, course.pushRule) };
    const now = ctx.now();
    if (course.validUntil && course.validUntil < shanghaiDay(now)) throw new AppError('INVALID_INPUT', '课程有效期已过，请修改有效期后再发布');
    const result = await db.runTransaction(async (tx) => {
      const fresh = (await tx.collection(C.courses).doc(courseId).get()).data as ManagedCourseDoc | null;
      if (!fresh) throw new AppError('CONFLICT');
      // A parallel or replayed publish: already done, nothing written.
      if (fresh.status === 'published') return { course: fresh, replaced: [] as string[], wrote: false };
      // Read inside the callback: a retried attempt sees a version another publisher just published.
      const live = await db
        .collection(C.courses)
        .where({ lineageId: fresh.lineageId, status: 'published' })
        .limit(5)
        .field({ _id: true, rev: true })
        .get<{ _id: string; rev: number }>();
      const others = live.data.filter((d) => d._id !== courseId);
      for (const o of others) await tx.collection(C.courses).doc(o._id).update({ data: { status: 'unpublished', updatedAt: now, rev: (o.rev ?? 0) + 1 } });
      const patch = { status: 'published' as const, publishedAt: now, updatedAt: now, rev: fresh.rev + 1 };
      await tx.collection(C.courses).doc(courseId).update({ data: patch });
      return { course: { ...fresh, ...patch }, replaced: others.map((o) => o._id), wrote: true };
    });
    let final: ManagedCourseDoc = result.course;
    if (result.wrote) {
      await ctx.audit({ action: 'course.publish', targetType: 'course', targetId: courseId, details: { version: course.version, ...(result.replaced.length ? { unpublished: result.replaced } : {}) } });
      if (!(await keepsOneLive(ctx, final.lineageId, courseId))) final = { ...final, status: 'unpublished' };
    }
    return { course: toCourseDetail(final), reach: await reachTotals(db, final.pushRule) };
  },
});
