import { examAdminContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { MANAGERS } from '../owner';
import { loadManagedTemplate, toTemplate, validateRule } from '../templates';

/** A template with its rule checked against the banks as they are now. */
export default defineAction(examAdminContracts.getExamTemplate, {
  allow: MANAGERS,
  async run({ templateId }, ctx) {
    const t = await loadManagedTemplate(ctx, templateId);
    return { template: toTemplate(t), validation: await validateRule(ctx, t.rule, t.fullScore) };
  },
});
