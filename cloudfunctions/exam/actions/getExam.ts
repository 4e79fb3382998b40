import { examAdminContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { loadManagedExam, toExamDetail } from '../examDoc';

/** One exam of the caller's (publisher side); a foreign one answers NOT_FOUND as a missing one. */
export default defineAction(examAdminContracts.getExam, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ examId }, ctx) {
    return { exam: toExamDetail(await loadManagedExam(ctx, examId)) };
  },
});
