import { learningContracts } from '../../../shared/contracts/learning';
import { creditCheckpoint } from '../../../shared/learning/crediting';
import { defineAction } from '../../common/action';
import { AppError } from '../../common/errors';
import { applySession, callerLearner, callerPerson, casLearner, LEARNER_COMPANION, noEffects, readLearner, sessionGoneError, targetOf, withEmployment, writeEffects } from '../learner';

/**
 * One checkpoint: the learner document comes with the caller's person (the router's one round
 * trip, LEARNER_COMPANION), credit by the server clock (crediting.ts), write it back only if nobody
 * else did meanwhile (`rev`) — 2 round trips in all, as the database server counts them. A lost
 * compare-and-set (a parallel or replayed call) re-reads once and credits what is left, which is
 * nothing for the same instant.
 * The session must be the caller's own current one: any other id (replaced, ended, someone else's)
 * is not the one stored under the caller's `_id`.
 */
export default defineAction(learningContracts.checkpoint, {
  allow: ['worker'],
  companion: LEARNER_COMPANION,
  async run({ sessionId, hidden, position }, ctx) {
    const person = callerPerson(ctx);
    const at = ctx.now();
    // No longer employed (left, or waiting for approval elsewhere): no course reaches the person, nothing is credited.
    if (!targetOf(person)) throw new AppError('STUDY_SESSION_ENDED');
    let last: { creditedSeconds: number; requiredSeconds: number; done: boolean; identityCheckDue: boolean } | null = null;
    for (let attempt = 0; attempt < 2; attempt++) {
      const stored = attempt === 0 ? await callerLearner(ctx, person) : await readLearner(ctx.db, person._id);
      const s = stored?.session;
      if (!stored || !s || s.sessionId !== sessionId) throw sessionGoneError(stored, sessionId);
      const out = creditCheckpoint(s, at.getTime(), { hidden }, stored.sessionCourse?.identityCheck ?? { mode: 'none' });
      if (!out.ok) throw sessionGoneError({ ...stored, recentSessions: [{ id: sessionId, status: out.reason }] }, sessionId);
      last = { creditedSeconds: s.creditedSeconds, requiredSeconds: s.requiredSeconds, done: s.creditedSeconds >= s.requiredSeconds, identityCheckDue: s.identityCheckDue };
      const fx = noEffects();
      const next = applySession(withEmployment(stored, person), out.session, out.creditedNow, at, { flush: !!hidden, position }, fx);
      if (!(await casLearner(ctx.db, next, stored.rev, at))) continue;
      await writeEffects(ctx.db, next, fx, at);
      last = { creditedSeconds: out.session.creditedSeconds, requiredSeconds: out.session.requiredSeconds, done: out.done, identityCheckDue: out.identityCheckDue };
      break;
    }
    // Lost twice: the state as read (nothing credited by this call).
    const r = last!;
    return { creditedSeconds: r.creditedSeconds, requiredSeconds: r.requiredSeconds, done: r.done, ...(r.identityCheckDue ? { identityCheckDue: true as const } : {}) };
  },
});
