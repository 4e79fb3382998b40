import { statsContracts } from '../../../shared/contracts/stats';
import { defineAction } from '../../common/action';
import { reconcileOversight } from '../reconcileOversight';

/** The oversight rollups against the records (also run by nightly); sysadmin may run it, or only report (`fix: false`). */
export default defineAction(statsContracts.reconcileOversight, {
  allow: ['timer', 'sysadmin'],
  async run({ fix }, ctx) {
    return reconcileOversight(ctx.db, { fix, log: ctx.log });
  },
});
