import { learningContracts } from '../../../shared/contracts/learning';
import { defineAction } from '../../common/action';
import { callerLearner, callerPerson, LEARNER_COMPANION } from '../learner';
import { enterpriseRank } from '../rank';

/** 2 round trips: the caller's person with its learner document (the router), then one aggregate over the enterprise's learners. */
export default defineAction(learningContracts.myRank, {
  allow: ['worker'],
  companion: LEARNER_COMPANION,
  async run(_input, ctx) {
    const person = callerPerson(ctx);
    const learner = await callerLearner(ctx, person);
    return enterpriseRank(ctx.db, person.status === 'active' ? person.enterpriseId : null, learner, ctx.now());
  },
});
