import { examAdminContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { publisherBlock, scopedRule } from '../../common/publishing';
import { newExamId, templateRule, validatedRule } from '../admin';
import { lastCloseOf, matchOf, retakeOf, tierOf, toExamDetail, type ExamDoc } from '../examDoc';

/**
 * 组织考试: a draft. The push rule is narrowed to the publisher's scope (PUSH_RULE_OUT_OF_SCOPE);
 * the drawing rule (or a template's, copied) is validated against the banks (DRAWING_RULE_INVALID).
 */
export default defineAction(examAdminContracts.createExam, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run(input, ctx) {
    const rule = input.rule ?? (await templateRule(ctx, input.templateId!)).rule;
    if (input.retake.mode === 'secondWindow' && Date.parse(input.retake.opensAt) < Date.parse(input.closesAt)) throw new AppError('INVALID_INPUT', '补考时间应在考试结束之后');
    const { validation } = await validatedRule(ctx, rule, input.fullScore);
    const pushRule = await scopedRule(ctx, input.pushRule);
    const now = ctx.now();
    const block = publisherBlock(ctx);
    const retake = retakeOf(input.retake);
    const doc: ExamDoc = {
      _id: newExamId(),
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
    await ctx.db.collection(C.exams).add({ data: doc as unknown as Record<string, unknown> });
    await ctx.audit({ action: 'exam.create', targetType: 'exam', targetId: doc._id, details: { title: doc.title, kind: doc.kind, pushRule } });
    return { exam: toExamDetail(doc), validation };
  },
});
