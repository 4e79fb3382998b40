import { examAdminContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { toExamDetail } from '../examDoc';
import { examInScope } from '../results';

/**
 * One exam: its managers (any status) and, once published, those who may see its results — a
 * regulator whose region the rule reaches, the admin of an enterprise it reaches (as examResults).
 * Anyone else, or a draft of somebody else's, answers NOT_FOUND as a missing one. Reading grants
 * nothing: every change checks the manager again.
 */
export default defineAction(examAdminContracts.getExam, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ examId }, ctx) {
    return { exam: toExamDetail(await examInScope(ctx, examId)) };
  },
});
