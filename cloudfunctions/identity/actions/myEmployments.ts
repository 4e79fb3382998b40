import { identityContracts } from '../../../shared/contracts/identity';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { employmentRow, type EmploymentDoc } from '../../common/requests';

/** 我的任职记录: the worker's employers, newest first. */
export default defineAction(identityContracts.myEmployments, {
  allow: ['worker'],
  async run(_input, { db, person }) {
    if (!person) throw new AppError('UNAUTHENTICATED');
    const res = await db.collection(C.employments).where({ personId: person._id }).orderBy('from', 'desc').limit(100).get<EmploymentDoc>();
    return { items: res.data.map(employmentRow) };
  },
});
