import { coursesContracts } from '../../../shared/contracts/courses';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { checkCover, checkDates, newCourseId, prepareMaterials, publisherBlock, scopedRule, type ManagedCourseDoc } from '../courseAdmin';
import { courseMatchOf, toCourseDetail } from '../courseDoc';

/** A draft course. The push rule is narrowed to the publisher's scope; files must be the caller's own uploads. */
export default defineAction(coursesContracts.createCourse, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run(input, ctx) {
    checkDates(input.dueDate, input.validUntil);
    checkCover(ctx, input.coverFileID, null);
    const materials = prepareMaterials(ctx, input.materials, null);
    const pushRule = await scopedRule(ctx, input.pushRule);
    const now = ctx.now();
    const _id = newCourseId();
    const doc: ManagedCourseDoc = {
      _id,
      lineageId: _id,
      version: 1,
      title: input.title,
      category: input.category,
      description: input.description,
      coverFileID: input.coverFileID,
      creditedHours: input.creditedHours,
      dueDate: input.dueDate,
      validUntil: input.validUntil,
      materials,
      identityCheck: input.identityCheck,
      pushRule,
      match: courseMatchOf(pushRule),
      status: 'draft',
      ...publisherBlock(ctx),
      createdBy: ctx.principal.kind === 'account' ? ctx.principal.accountId : '',
      previousId: null,
      learners: 0,
      completions: 0,
      ratingSum: 0,
      ratingCount: 0,
      rev: 0,
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
    };
    await ctx.db.collection(C.courses).add({ data: doc as unknown as Record<string, unknown> });
    await ctx.audit({ action: 'course.create', targetType: 'course', targetId: _id, details: { title: doc.title, category: doc.category, pushRule } });
    return { course: toCourseDetail(doc) };
  },
});
