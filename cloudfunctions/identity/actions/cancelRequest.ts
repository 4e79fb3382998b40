import { identityContracts } from '../../../shared/contracts/identity';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { settleRequest, txGet } from '../../common/employment';
import { AppError } from '../../common/errors';
import type { RequestDoc } from '../../common/requests';

/** A worker withdraws their own pending request (in a transaction: a decision in between wins). */
export default defineAction(identityContracts.cancelRequest, {
  allow: ['worker'],
  async run({ requestId }, { db, person, now }) {
    if (!person) throw new AppError('UNAUTHENTICATED');
    await db.runTransaction(async (tx) => {
      const request = await txGet<RequestDoc>(tx, C.requests, requestId);
      if (!request) throw new AppError('NOT_FOUND', '申请不存在');
      if (request.personId !== person._id) throw new AppError('NOT_IN_SCOPE', '只能撤回本人的申请');
      if (request.status !== 'pending') throw new AppError('REQUEST_NOT_PENDING');
      await settleRequest(tx, request, { status: 'cancelled', at: now() });
    });
    return { cancelled: true as const };
  },
});
