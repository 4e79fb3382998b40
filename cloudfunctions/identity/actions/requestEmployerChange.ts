import { identityContracts } from '../../../shared/contracts/identity';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { AppError } from '../../common/errors';
import type { RequestDoc } from '../../common/requests';
import { newId, type EnterpriseLite } from '../workers';

/**
 * 更换企业: asks the new employer's admin to approve (the old employment closes on approval).
 * An employed or departed (离职) worker files a change-of-employer request; a pending worker whose
 * registration was rejected or cancelled files a fresh registration request for another employer.
 * At most one pending request per person.
 */
export default defineAction(identityContracts.requestEmployerChange, {
  allow: ['worker'],
  async run({ enterpriseId }, { db, person, now }) {
    if (!person) throw new AppError('UNAUTHENTICATED');
    if (person.status === 'active' && person.enterpriseId === enterpriseId) throw new AppError('INVALID_INPUT', '您已在该企业任职，无需申请');
    const [enterprise, pending] = await Promise.all([
      getById<EnterpriseLite>(C.enterprises, enterpriseId),
      db.collection(C.requests).where({ personId: person._id, status: 'pending' }).count(),
    ]);
    if (pending.total > 0) throw new AppError('REQUEST_ALREADY_PENDING', '已有待审核的申请，请等待审核结果或先撤回');
    if (!enterprise || (enterprise.status && enterprise.status !== 'active')) throw new AppError('ENTERPRISE_NOT_FOUND');
    const fromCurrent = person.status !== 'pending' && person.enterpriseId;
    const request: RequestDoc = {
      _id: newId(),
      type: person.status === 'pending' ? 'registration' : 'changeEmployer',
      status: 'pending',
      personId: person._id,
      personName: person.name,
      idMasked: person.idMasked,
      postCategory: person.postCategory,
      certificates: person.certificates ?? [],
      enterpriseId: enterprise._id,
      enterpriseName: enterprise.name,
      fromEnterpriseId: fromCurrent ? person.enterpriseId : null,
      fromEnterpriseName: fromCurrent ? person.enterpriseName : null,
      createdAt: now(),
    };
    await db.collection(C.requests).add({ data: { ...request } });
    return { requestId: request._id };
  },
});
