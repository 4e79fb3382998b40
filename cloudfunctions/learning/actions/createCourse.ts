import { coursesContracts } from '../../../shared/contracts/courses';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { isDuplicateKey } from '../../common/dbErrors';
import { buildDraftCourse, checkCover, checkDates, newCourseId, prepareMaterials, publisherBlock, requestedCourseId, scopedRule, type ManagedCourseDoc } from '../courseAdmin';
import { courseMatchOf, toCourseDetail } from '../courseDoc';

/**
 * A draft course. The push rule is narrowed to the publisher's scope; files must be the caller's own uploads.
 * With a `requestId` the `_id` is derived from the account and it, so a retried or replayed create
 * (in parallel too) answers the draft the first one made instead of making a second.
 */
export default defineAction(coursesContracts.createCourse, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run(input, ctx) {
    const accountId = ctx.principal.kind === 'account' ? ctx.principal.accountId : '';
    const requested = input.requestId && accountId ? requestedCourseId(accountId, input.requestId) : null;
    const replayed = async () => {
      const doc = requested ? await getById<ManagedCourseDoc>(C.courses, requested) : null;
      return doc && doc.createdBy === accountId ? { course: toCourseDetail(doc) } : null;
    };
    const earlier = await replayed();
    if (earlier) return earlier;
    checkDates(input.dueDate, input.validUntil);
    checkCover(ctx, input.coverFileID, null);
    const materials = prepareMaterials(ctx, input.materials, null);
    const pushRule = await scopedRule(ctx, input.pushRule);
    const _id = requested ?? newCourseId();
    const doc = buildDraftCourse(
      {
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
        ...publisherBlock(ctx),
        createdBy: accountId,
        previousId: null,
      },
      ctx.now(),
    );
    try {
      await ctx.db.collection(C.courses).add({ data: doc as unknown as Record<string, unknown> });
    } catch (e) {
      // A parallel create of the same request won: answer its draft.
      const won = requested && isDuplicateKey(e) ? await replayed() : null;
      if (!won) throw e;
      return won;
    }
    await ctx.audit({ action: 'course.create', targetType: 'course', targetId: _id, details: { title: doc.title, category: doc.category, pushRule } });
    return { course: toCourseDetail(doc) };
  },
});
