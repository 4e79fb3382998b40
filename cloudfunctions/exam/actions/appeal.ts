import { examWorkerContracts } from '../../../shared/contracts/exam';
import { canAppeal } from '../../../shared/exam/attemptState';
import { appealId as appealIdOf } from '../../../shared/exam/itemAnalysis';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { isDuplicateKey } from '../../common/dbErrors';
import { AppError } from '../../common/errors';
import { ownAttempt } from '../attemptDoc';
import { loadExam } from '../examDoc';
import { taker } from '../taker';

/**
 * 申诉 on one question after review, within the exam's appeal days: one per person, exam and
 * question (deterministic `_id`: a second one fails on create → APPEAL_EXISTS). The appeal copies
 * the exam's publisher fields so the organiser's lists need no join.
 */
export default defineAction(examWorkerContracts.appeal, {
  allow: ['worker'],
  async run({ attemptId, questionId, reason }, ctx) {
    const { person } = taker(ctx);
    const now = ctx.now().getTime();
    const a = await ownAttempt(ctx.db, attemptId, person._id);
    const exam = await loadExam(a.examId);
    if (!exam) throw new AppError('APPEAL_NOT_ALLOWED');
    const ok = canAppeal(a, exam.allowReview, exam.appealDays, now);
    if (!ok.ok) throw new AppError(ok.code);
    if (!a.questionIds.includes(questionId)) throw new AppError('NOT_FOUND', '试卷中没有这道题');
    const _id = appealIdOf(a.examId, questionId, person._id);
    try {
      await ctx.db.collection(C.appeals).add({
        data: {
          _id,
          examId: a.examId,
          examTitle: exam.title,
          attemptId,
          questionId,
          personId: person._id,
          personName: person.name,
          idMasked: person.idMasked,
          enterpriseId: person.enterpriseId,
          enterpriseName: person.enterpriseName,
          reason,
          status: 'pending',
          reply: null,
          decidedBy: null,
          decidedAt: null,
          createdAt: now,
          publisher: exam.publisher,
          publisherRegions: exam.publisherRegions,
          match: exam.match,
        },
      });
    } catch (e) {
      if (isDuplicateKey(e)) throw new AppError('APPEAL_EXISTS');
      throw e;
    }
    return { appealId: _id, status: 'pending' as const };
  },
});
