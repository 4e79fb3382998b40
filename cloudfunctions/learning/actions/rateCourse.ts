import { learningContracts } from '../../../shared/contracts/learning';
import { grantFor, ledgerEntryId } from '../../../shared/learning/points';
import { defineAction, type Ctx } from '../../common/action';
import { C } from '../../common/db';
import { isTransactionConflict } from '../../common/dbErrors';
import { txGet } from '../../common/employment';
import { AppError } from '../../common/errors';
import { callerPerson, casLearner, createOnce, pointsRules, readLearner, rolled } from '../learner';

/** Parallel edits of one rating by one person (two devices) serialise through the transaction. */
const RATING_TX_ATTEMPTS = 10;

interface RatingDoc {
  _id: string;
  personId: string;
  courseId: string;
  /** The learner's name (publishers see it masked). */
  name: string;
  enterpriseId: string | null;
  stars: number;
  comment: string;
  createdAt: Date;
  at: Date;
}

/**
 * 1–5 stars and a comment after finishing the course; a second call edits it. The rating and the
 * course's ratingSum / ratingCount move in one transaction, by the difference (parallel edits stay
 * consistent). The first rating earns courseRating points once (deterministic ledger id, daily cap).
 */
export default defineAction(learningContracts.rateCourse, {
  allow: ['worker'],
  async run({ courseId, stars, comment }, ctx) {
    const person = callerPerson(ctx);
    const at = ctx.now();
    const learner = await readLearner(ctx.db, person._id);
    // Only a course the caller finished (any other id, foreign or missing, answers the same).
    if (learner?.tasks?.[courseId]?.status !== 'done') throw new AppError('COURSE_NOT_FINISHED');
    const _ = ctx.db.command;
    const id = `rating:${person._id}:${courseId}`;
    const first = await ctx.db
      .runTransaction(async (tx) => {
        const old = await txGet<RatingDoc>(tx, C.ratings, id);
        const doc: Omit<RatingDoc, '_id'> = { personId: person._id, courseId, name: person.name, enterpriseId: person.enterpriseId, stars, comment, createdAt: old?.createdAt ?? at, at };
        await tx.collection(C.ratings).doc(id).set({ data: doc });
        await tx.collection(C.courses).doc(courseId).update({ data: { ratingSum: _.inc(stars - (old?.stars ?? 0)), ratingCount: _.inc(old ? 0 : 1) } });
        return !old;
      }, RATING_TX_ATTEMPTS)
      .catch((e: unknown) => {
        // Still conflicting after every attempt (many parallel edits of one rating): a stable answer.
        if (isTransactionConflict(e)) throw new AppError('CONFLICT');
        throw e;
      });
    if (first) await grantRatingPoints(ctx, person._id, courseId, at);
    return { stars, comment };
  },
});

async function grantRatingPoints(ctx: Ctx, personId: string, courseId: string, at: Date): Promise<void> {
  const rules = pointsRules();
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await readLearner(ctx.db, personId);
    if (!stored) return;
    const { learner } = rolled(stored, at);
    const grant = grantFor(rules, 'courseRating', learner.dayPoints.courseRating ?? 0);
    const next = {
      ...learner,
      dayPoints: { ...learner.dayPoints, courseRating: (learner.dayPoints.courseRating ?? 0) + grant },
      weekPoints: learner.weekPoints + grant,
      pointsTotal: learner.pointsTotal + grant,
    };
    // The ledger entry first: a replay (second "first" rating cannot happen, but a retried call can) grants nothing.
    if (attempt === 0 && !(await createOnce(ctx.db, C.pointsLedger, ledgerEntryId(personId, 'courseRating', courseId), { personId, source: 'courseRating', eventKey: courseId, points: grant, title: learner.tasks[courseId]?.title ?? '', at }))) return;
    if (grant === 0 || (await casLearner(ctx.db, next, stored.rev, at))) return;
  }
}
