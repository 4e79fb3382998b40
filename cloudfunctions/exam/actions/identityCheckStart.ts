import { examWorkerContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { verifierForEnv } from '../../learning/verifier';
import { loadExam } from '../examDoc';
import { identityCheckDocId } from '../identity';
import { assertExamOpen, taker } from '../taker';

/** Opens an identity check for an exam that requires one (the verifier of this environment says how). */
export default defineAction(examWorkerContracts.identityCheckStart, {
  allow: ['worker'],
  async run({ examId }, ctx) {
    const { person, target } = taker(ctx);
    const exam = assertExamOpen(await loadExam(examId), target);
    if (exam.identityCheck !== 'start') throw new AppError('INVALID_INPUT', '本考试无需身份核验');
    const verifier = verifierForEnv();
    const started = await verifier.start({ personId: person._id, sessionId: examId });
    await ctx.db
      .collection(C.locks)
      .doc(identityCheckDocId(examId, person._id))
      .set({ data: { examId, personId: person._id, checkId: started.checkId, startedAt: ctx.now().getTime(), passedAt: null } });
    return { checkId: started.checkId, verifier: verifier.kind, ...(started.params ? { params: started.params } : {}) };
  },
});
