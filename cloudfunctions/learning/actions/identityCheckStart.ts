import { learningContracts } from '../../../shared/contracts/learning';
import { defineAction } from '../../common/action';
import { AppError } from '../../common/errors';
import { callerPerson, casLearner, readLearner, sessionGoneError, callerLearner, LEARNER_COMPANION } from '../learner';
import { verifierForEnv } from '../verifier';

/** Opens the identity check a session owes (the verifier of this environment says how); remembered on the session. */
export default defineAction(learningContracts.identityCheckStart, {
  allow: ['worker'],
  companion: LEARNER_COMPANION,
  async run({ sessionId }, ctx) {
    const person = callerPerson(ctx);
    const at = ctx.now();
    const verifier = verifierForEnv();
    for (let attempt = 0; attempt < 3; attempt++) {
      const stored = attempt === 0 ? await callerLearner(ctx, person) : await readLearner(ctx.db, person._id);
      const s = stored?.session;
      if (!stored || !s || s.sessionId !== sessionId || s.status !== 'active') throw sessionGoneError(stored, sessionId);
      if (!s.identityCheckDue) throw new AppError('INVALID_INPUT', '当前无需进行身份核验');
      const started = await verifier.start({ personId: person._id, sessionId });
      const next = { ...stored, sessionCourse: { identityCheck: stored.sessionCourse?.identityCheck ?? { mode: 'start' as const }, pendingCheckId: started.checkId } };
      if (!(await casLearner(ctx.db, next, stored.rev, at))) continue;
      return { checkId: started.checkId, verifier: verifier.kind, ...(started.params ? { params: started.params } : {}) };
    }
    throw new AppError('CONFLICT', '学习记录正忙，请稍后重试');
  },
});
