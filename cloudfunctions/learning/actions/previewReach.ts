import { coursesContracts } from '../../../shared/contracts/courses';
import { defineAction } from '../../common/action';
import { AppError } from '../../common/errors';
import { loadManagedCourse, scopedRule } from '../courseAdmin';
import { previewReachOf } from '../../common/reach';

/**
 * Who a rule reaches, by count queries only: a rule being edited (narrowed to the caller's scope,
 * PUSH_RULE_OUT_OF_SCOPE outside it) or a stored course's rule.
 */
export default defineAction(coursesContracts.previewReach, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ courseId, pushRule }, ctx) {
    if (!pushRule && !courseId) throw new AppError('INVALID_INPUT', '请指定课程或推送范围');
    const rule = pushRule ? await scopedRule(ctx, pushRule) : (await loadManagedCourse(ctx, courseId!)).pushRule;
    return previewReachOf(ctx.db, rule);
  },
});
