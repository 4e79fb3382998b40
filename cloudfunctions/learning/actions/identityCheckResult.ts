import { learningContracts } from '../../../shared/contracts/learning';
import { resolveIdentityCheck } from '../../../shared/learning/crediting';
import { defineAction } from '../../common/action';
import { AppError } from '../../common/errors';
import { applySession, callerPerson, casLearner, noEffects, readLearner, sessionGoneError, writeEffects, callerLearner, LEARNER_COMPANION } from '../learner';
import { verifierForEnv } from '../verifier';

/**
 * The page's answer to the pending check, confirmed by the verifier. Passed: crediting resumes from
 * now. Failed or skipped: the time credited since the last passed check is voided (counters and
 * study-time points move back with it) and a check stays due. A check answers once.
 */
export default defineAction(learningContracts.identityCheckResult, {
  allow: ['worker'],
  companion: LEARNER_COMPANION,
  async run({ sessionId, checkId, ticket, skipped }, ctx) {
    const person = callerPerson(ctx);
    const at = ctx.now();
    const verifier = verifierForEnv();
    let result: Awaited<ReturnType<typeof verifier.verify>> | null = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      const stored = attempt === 0 ? await callerLearner(ctx, person) : await readLearner(ctx.db, person._id);
      const s = stored?.session;
      if (!stored || !s || s.sessionId !== sessionId || s.status !== 'active') throw sessionGoneError(stored, sessionId);
      if (!stored.sessionCourse?.pendingCheckId || stored.sessionCourse.pendingCheckId !== checkId) throw new AppError('INVALID_INPUT', '核验已失效，请重新发起核验');
      result ??= await verifier.verify({ personId: person._id, checkId, ticket, skipped });
      const resolved = resolveIdentityCheck(s, at.getTime(), result);
      const fx = noEffects();
      const next = applySession({ ...stored, sessionCourse: { ...stored.sessionCourse, pendingCheckId: null } }, resolved, resolved.creditedSeconds - s.creditedSeconds, at, { flush: result !== 'passed' }, fx);
      next.sessionCourse = { ...stored.sessionCourse, pendingCheckId: null };
      if (!(await casLearner(ctx.db, next, stored.rev, at))) continue;
      await writeEffects(ctx.db, next, fx, at);
      return { passed: result === 'passed', creditedSeconds: resolved.creditedSeconds, requiredSeconds: resolved.requiredSeconds };
    }
    throw new AppError('CONFLICT', '学习记录正忙，请稍后重试');
  },
});
