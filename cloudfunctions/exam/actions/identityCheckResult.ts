import { examWorkerContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { AppError } from '../../common/errors';
import { verifierForEnv } from '../../learning/verifier';
import { identityCheckDocId, type IdentityCheckDoc } from '../identity';
import { taker } from '../taker';

/** The page's answer to the check; the server's verifier decides (the simulated one only in the local cloud). */
export default defineAction(examWorkerContracts.identityCheckResult, {
  allow: ['worker'],
  async run({ examId, checkId, ticket }, ctx) {
    const { person } = taker(ctx);
    const id = identityCheckDocId(examId, person._id);
    const doc = await getById<IdentityCheckDoc>(C.locks, id);
    if (!doc || doc.checkId !== checkId || doc.passedAt) throw new AppError('NOT_FOUND', '核验已失效，请重新开始');
    const result = await verifierForEnv().verify({ personId: person._id, checkId, ticket });
    const passed = result === 'passed';
    if (passed) await ctx.db.collection(C.locks).where({ _id: id, checkId, passedAt: null }).update({ data: { passedAt: ctx.now().getTime() } });
    return { passed };
  },
});
