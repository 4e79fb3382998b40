import { learningContracts } from '../../../shared/contracts/learning';
import { defineAction } from '../../common/action';
import { personArchiveOf } from '../archive';
import { callerPerson } from '../learner';

/** 一人一档 of the calling worker (cloudfunctions/learning/archive.ts). */
export default defineAction(learningContracts.myArchive, {
  allow: ['worker'],
  async run(_input, ctx) {
    return personArchiveOf(ctx.db, callerPerson(ctx), ctx.now());
  },
});
