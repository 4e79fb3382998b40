import { identityContracts } from '../../../shared/contracts/identity';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { fileRequest, newRequest } from '../../common/employment';
import type { EnterpriseDoc } from '../../common/enterprises';
import { AppError } from '../../common/errors';

/**
 * 更换企业: the worker asks the new employer's admin to approve (the old employment closes on
 * approval) — the only way a registered person moves: their own request plus the enterprise's
 * approval. An employed or departed (离职) worker files a change-of-employer request; a pending
 * worker whose registration was rejected or cancelled files a fresh registration. At most one
 * pending request per person (a lock with a deterministic id, in the same transaction).
 */
export default defineAction(identityContracts.requestEmployerChange, {
  allow: ['worker'],
  async run({ enterpriseId }, { db, person, now }) {
    if (!person) throw new AppError('UNAUTHENTICATED');
    if (person.status === 'active' && person.enterpriseId === enterpriseId) throw new AppError('INVALID_INPUT', '您已在该企业任职，无需申请');
    const enterprise = await getById<EnterpriseDoc>(C.enterprises, enterpriseId);
    if (!enterprise || (enterprise.status && enterprise.status !== 'active')) throw new AppError('ENTERPRISE_NOT_FOUND');
    const request = newRequest({ type: person.status === 'pending' ? 'registration' : 'changeEmployer', person, enterprise, now: now() });
    await db.runTransaction((tx) => fileRequest(tx, request));
    return { requestId: request._id };
  },
});
