import { examAdminContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { AppError } from '../../common/errors';
import { scopedRule } from '../../common/publishing';
import { previewReachOf } from '../../common/reach';
import { loadManagedExam } from '../examDoc';

/** Who a rule reaches (count queries only, as the course reach preview): a rule being edited or a stored exam's. */
export default defineAction(examAdminContracts.previewExamReach, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ examId, pushRule }, ctx) {
    if (!pushRule && !examId) throw new AppError('INVALID_INPUT', '请指定考试或推送范围');
    const rule = pushRule ? await scopedRule(ctx, pushRule) : (await loadManagedExam(ctx, examId!)).pushRule;
    return previewReachOf(ctx.db, rule);
  },
});
