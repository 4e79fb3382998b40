import { examAdminContracts } from '../../../shared/contracts/exam';
import { reviewPaper } from '../../../shared/exam/grading';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import type { PersonDoc } from '../../common/persons';
import { gradeOf, toAttemptRow } from '../attemptDoc';
import { attemptForOversight } from '../oversight';
import { questionTexts } from '../pool';
import { storedGrade } from './review';

/** One attempt with paper, answers and keys, for the exam's managers, regulators in scope and the taker's enterprise admin. */
export default defineAction(examAdminContracts.attemptDetail, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ attemptId }, ctx) {
    const { attempt: a } = await attemptForOversight(ctx, attemptId, 'view');
    const [texts, person] = await Promise.all([questionTexts(ctx.db, a.questionIds), getById<PersonDoc>(C.persons, a.personId)]);
    const g = a.graded ? storedGrade(a) : gradeOf(a);
    return {
      attempt: { ...toAttemptRow(a), personId: a.personId, name: person?.name ?? '', idMasked: person?.idMasked ?? '' },
      items: reviewPaper(a.paper, texts, g),
    };
  },
});
