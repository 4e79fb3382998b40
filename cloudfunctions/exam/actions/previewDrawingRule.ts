import { examAdminContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { MANAGERS } from '../owner';
import { validateRule } from '../templates';

/** How many questions each section can draw from the banks the caller manages, and whether the points add up; writes nothing. */
export default defineAction(examAdminContracts.previewDrawingRule, {
  allow: MANAGERS,
  async run({ rule, fullScore }, ctx) {
    return validateRule(ctx, rule, fullScore);
  },
});
