import { learningContracts } from '../../../shared/contracts/learning';
import { defineAction } from '../../common/action';
import { callerPerson, readLearner } from '../learner';
import { enterpriseRank } from '../rank';

/** 2 round trips: the learner document, then one aggregate over the enterprise's learners. */
export default defineAction(learningContracts.myRank, {
  allow: ['worker'],
  async run(_input, ctx) {
    const person = callerPerson(ctx);
    const learner = await readLearner(ctx.db, person._id);
    return enterpriseRank(ctx.db, person.status === 'active' ? person.enterpriseId : null, learner, ctx.now());
  },
});
