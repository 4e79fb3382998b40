import { examAdminContracts } from '../../../shared/contracts/exam';
import { spotQrText } from '../../../shared/exam/spot';
import { pushRuleInput } from '../../../shared/learning/pushRule';
import { hashKey } from '../../../shared/random';
import { regionPath } from '../../../shared/regions';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { isDuplicateKey } from '../../common/dbErrors';
import { enterpriseInScope, type EnterpriseDoc } from '../../common/enterprises';
import { AppError } from '../../common/errors';
import { accountOf, publisherBlock, scopedRule } from '../../common/publishing';
import { createOnce } from '../../learning/learner';
import { newExamId, templateRule, validatedRule } from '../admin';
import { loadExam, matchOf, tierOf, toExamDetail } from '../examDoc';
import { poolId } from '../pool';
import { claimSpotCode, type SpotExamDoc } from '../spot';

const MINUTE = 60_000;

/**
 * 逢查必考: an inspector's short formal exam for one enterprise in its scope, published at once:
 * open now, closing after `validMinutes`; pushed to that enterprise only (its workers see it in
 * myExams, or join by the 6-character code / QR). Writes the code lock, the pool snapshot and the
 * exam. With a `requestId` the exam's `_id` is deterministic: a retried create answers the stored
 * exam and its code. A missing enterprise answers like one outside the caller's scope.
 */
export default defineAction(examAdminContracts.createSpotExam, {
  allow: ['regulator'],
  async run(input, ctx) {
    const p = accountOf(ctx.principal);
    const examId = input.requestId ? `ex${hashKey(`spot:${p.accountId}:${input.requestId}`)}` : newExamId();
    if (input.requestId) {
      const stored = (await loadExam(examId)) as SpotExamDoc | null;
      if (stored?.spot) return { exam: toExamDetail(stored), code: stored.spot.code, qrText: spotQrText(stored.spot.code) };
    }
    const ent = await getById<EnterpriseDoc>(C.enterprises, input.enterpriseId);
    if (!ent || !enterpriseInScope(ctx.principal, ent)) throw new AppError('NOT_IN_SCOPE', '企业不存在或不在您的管辖范围内');
    if (input.passScore > input.fullScore) throw new AppError('INVALID_INPUT', '及格分不能高于满分');
    const rule = input.rule ?? (await templateRule(ctx, input.templateId!)).rule;
    const { pool } = await validatedRule(ctx, rule, input.fullScore);
    const pushRule = await scopedRule(ctx, pushRuleInput.parse({ enterpriseIds: [ent._id] }));
    const now = ctx.now();
    const closesAt = new Date(now.getTime() + input.validMinutes * MINUTE);
    const code = await claimSpotCode(ctx.db, examId, closesAt, now);
    const block = publisherBlock(ctx);
    const doc: SpotExamDoc = {
      _id: examId,
      title: input.title ?? `逢查必考·${ent.name}`.slice(0, 60),
      kind: 'formal',
      tier: tierOf(block.publisher),
      courseId: null,
      rule,
      fullScore: input.fullScore,
      passScore: input.passScore,
      durationMinutes: input.durationMinutes,
      opensAt: now,
      closesAt,
      retake: { mode: 'none' },
      identityCheck: 'none',
      allowReview: true,
      multiplePartialRatio: null,
      appealDays: 7,
      pushRule,
      match: matchOf(pushRule),
      status: 'published',
      spot: { enterpriseId: ent._id, inspectionId: input.inspectionId ?? null, code },
      spotScope: { enterpriseName: ent.name, regions: regionPath(ent.regionCode), industry: ent.industry ?? null },
      voidedQuestionIds: [],
      publisher: block.publisher,
      publisherRegions: block.publisherRegions,
      poolRev: 1,
      lastClosesAt: closesAt,
      rev: 1,
      createdAt: now,
      updatedAt: now,
      publishedAt: now,
    };
    // The pool first (an exam is never visible without it), created once: a retry never changes a frozen pool.
    await createOnce(ctx.db, C.examPools, poolId(examId, 1), { examId, poolRev: 1, candidates: pool, createdAt: now });
    try {
      await ctx.db.collection(C.exams).add({ data: doc as unknown as Record<string, unknown> });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      // A parallel retry of the same request created it first (its code holds; ours expires with the exam).
      const stored = (await loadExam(examId)) as SpotExamDoc | null;
      if (!stored?.spot) throw new AppError('CONFLICT');
      return { exam: toExamDetail(stored), code: stored.spot.code, qrText: spotQrText(stored.spot.code) };
    }
    await ctx.audit({ action: 'exam.createSpot', targetType: 'exam', targetId: examId, details: { enterpriseId: ent._id, inspectionId: doc.spot.inspectionId, code, validMinutes: input.validMinutes } });
    return { exam: toExamDetail(doc), code, qrText: spotQrText(code) };
  },
});
