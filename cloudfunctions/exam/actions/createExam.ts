import { examAdminContracts, type ExamDetail } from '../../../shared/contracts/exam';
import { validateDrawingRule, type DrawingValidation } from '../../../shared/exam/drawing';
import { defineAction, type Ctx } from '../../common/action';
import { C, getById } from '../../common/db';
import { isDuplicateKey } from '../../common/dbErrors';
import { AppError } from '../../common/errors';
import { accountOf, publisherBlock, scopedRule } from '../../common/publishing';
import { loadPool } from '../banks';
import { newExamId, requestedExamId, templateRule, validatedRule } from '../admin';
import { lastCloseOf, matchOf, retakeOf, tierOf, toExamDetail, type ExamDoc } from '../examDoc';

/**
 * 组织考试: a draft. The push rule is narrowed to the publisher's scope (PUSH_RULE_OUT_OF_SCOPE);
 * the drawing rule (or a template's, copied) is validated against the banks (DRAWING_RULE_INVALID).
 * With a `requestId` the `_id` comes from the account and it (create-once): a retried, replayed or
 * parallel create writes one draft and every call answers the stored exam.
 */
/** The stored exam of a replayed request (its rule validated again: the banks may have moved since). */
async function replayOf(ctx: Ctx, stored: ExamDoc): Promise<{ exam: ExamDetail; validation: DrawingValidation }> {
  const validation = validateDrawingRule(stored.rule, stored.fullScore, await loadPool(ctx, stored.rule.sections.flatMap((s) => s.from.bankIds)));
  return { exam: toExamDetail(stored), validation };
}

export default defineAction(examAdminContracts.createExam, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run(input, ctx) {
    const accountId = accountOf(ctx.principal).accountId;
    const requested = input.requestId ? requestedExamId(accountId, input.requestId) : null;
    const stored = requested ? await getById<ExamDoc>(C.exams, requested) : null;
    if (stored) return replayOf(ctx, stored);
    const rule = input.rule ?? (await templateRule(ctx, input.templateId!)).rule;
    if (input.retake.mode === 'secondWindow' && Date.parse(input.retake.opensAt) < Date.parse(input.closesAt)) throw new AppError('INVALID_INPUT', '补考时间应在考试结束之后');
    const { validation } = await validatedRule(ctx, rule, input.fullScore);
    const pushRule = await scopedRule(ctx, input.pushRule);
    const now = ctx.now();
    const block = publisherBlock(ctx);
    const retake = retakeOf(input.retake);
    const doc: ExamDoc = {
      _id: requested ?? newExamId(),
      title: input.title,
      kind: input.kind,
      tier: tierOf(block.publisher),
      courseId: input.courseId,
      rule,
      fullScore: input.fullScore,
      passScore: input.passScore,
      durationMinutes: input.durationMinutes,
      opensAt: new Date(input.opensAt),
      closesAt: new Date(input.closesAt),
      retake,
      identityCheck: input.identityCheck,
      allowReview: input.allowReview,
      multiplePartialRatio: input.multiplePartialRatio,
      appealDays: input.appealDays,
      pushRule,
      match: matchOf(pushRule),
      status: 'draft',
      voidedQuestionIds: [],
      publisher: block.publisher,
      publisherRegions: block.publisherRegions,
      poolRev: 0,
      lastClosesAt: new Date(input.closesAt),
      rev: 0,
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
    };
    doc.lastClosesAt = lastCloseOf(doc);
    try {
      await ctx.db.collection(C.exams).add({ data: doc as unknown as Record<string, unknown> });
    } catch (e) {
      // A parallel create with the same request id won: answer its exam.
      const won = requested && isDuplicateKey(e) ? await getById<ExamDoc>(C.exams, requested) : null;
      if (!won) throw e;
      return replayOf(ctx, won);
    }
    await ctx.audit({ action: 'exam.create', targetType: 'exam', targetId: doc._id, details: { title: doc.title, kind: doc.kind, pushRule } });
    return { exam: toExamDetail(doc), validation };
  },
});
