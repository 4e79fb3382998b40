import { examWorkerContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { hitRateLimit } from '../../common/rateLimit';
import type { SpotExamDoc } from '../spot';
import { examOpenTo, taker } from '../taker';

/** Code guesses per person: a worker scanning or typing a few times is never near it; 31^6 codes are not walked at this pace. */
export const SPOT_JOIN_RATE = { max: 20, windowMs: 10 * 60_000 };

/**
 * 逢查必考: the code (typed, or read from the QR by the client) → the spot exam, for an active
 * worker of THAT enterprise while the exam is open. An unknown code, a closed or cancelled exam and
 * another enterprise's exam answer the same SPOT_CODE_INVALID (no oracle); guesses are rate-limited
 * per person (2 round trips: the limit's counter, the exams holding the code — index spot_code).
 */
export default defineAction(examWorkerContracts.joinSpotExam, {
  allow: ['worker'],
  async run({ code }, ctx) {
    const { person, target } = taker(ctx);
    const now = ctx.now();
    await hitRateLimit(ctx.db, { scope: 'spotJoin', subject: person._id, ...SPOT_JOIN_RATE, now });
    const _ = ctx.db.command;
    const res = await ctx.db
      .collection(C.exams)
      .where({ 'spot.code': code, status: 'published', closesAt: _.gt(now) })
      .field({ _id: true, title: true, status: true, spot: true, pushRule: true })
      .limit(10)
      .get<SpotExamDoc>();
    const exam = res.data.find((e) => !!person.enterpriseId && e.spot?.enterpriseId === person.enterpriseId && examOpenTo(e, target));
    if (!exam) throw new AppError('SPOT_CODE_INVALID');
    return { examId: exam._id, title: exam.title };
  },
});
