import { identityContracts } from '../../../shared/contracts/identity';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { AppError } from '../../common/errors';
import type { RequestDoc } from '../../common/requests';

/** A worker withdraws their own pending request (compare-and-set: a decision in between wins). */
export default defineAction(identityContracts.cancelRequest, {
  allow: ['worker'],
  async run({ requestId }, { db, person, now }) {
    if (!person) throw new AppError('UNAUTHENTICATED');
    const request = await getById<RequestDoc>(C.requests, requestId);
    if (!request) throw new AppError('NOT_FOUND', '申请不存在');
    if (request.personId !== person._id) throw new AppError('NOT_IN_SCOPE', '只能撤回本人的申请');
    if (request.status !== 'pending') throw new AppError('REQUEST_NOT_PENDING');
    const res = await db
      .collection(C.requests)
      .where({ _id: requestId, status: 'pending' })
      .update({ data: { status: 'cancelled', decidedAt: now() } });
    if (res.stats.updated !== 1) throw new AppError('REQUEST_NOT_PENDING');
    return { cancelled: true as const };
  },
});
