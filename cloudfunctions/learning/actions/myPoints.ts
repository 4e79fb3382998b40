import { isoWeekKey, shanghaiDay } from '../../../shared/calendar';
import { learningContracts } from '../../../shared/contracts/learning';
import type { PointsSource } from '../../../shared/learning/points';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { callerPerson, callerLearner, LEARNER_COMPANION } from '../learner';

/** Totals from the learner's live counters; the latest ledger entries (one per source event). */
export default defineAction(learningContracts.myPoints, {
  allow: ['worker'],
  companion: LEARNER_COMPANION,
  async run(_input, ctx) {
    const person = callerPerson(ctx);
    const at = ctx.now();
    const [learner, recent] = await Promise.all([
      callerLearner(ctx, person),
      ctx.db
        .collection(C.pointsLedger)
        .where({ personId: person._id })
        .orderBy('at', 'desc')
        .limit(30)
        .get<{ source: PointsSource; points: number; at: Date; title?: string; eventKey: string }>(),
    ]);
    const today = learner && learner.day === shanghaiDay(at) ? Object.values(learner.dayPoints).reduce((s, n) => s + (n ?? 0), 0) : 0;
    return {
      total: learner?.pointsTotal ?? 0,
      week: learner && learner.week === isoWeekKey(at) ? learner.weekPoints : 0,
      today,
      recent: recent.data
        .filter((e) => e.points > 0)
        .map((e) => ({ source: e.source, points: e.points, at: new Date(e.at).toISOString(), ...(e.title ? { title: e.title } : {}) })),
    };
  },
});
