import { staffContracts } from '../../../shared/contracts/staff';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { ownEnterpriseId } from '../../common/enterprises';
import { requestRow, type RequestDoc } from '../../common/requests';

/** 人员审核: requests to join the admin's enterprise, newest first, with the pending count for the badge. */
export default defineAction(staffContracts.listRequests, {
  allow: ['enterpriseAdmin'],
  async run({ status, type, page, pageSize }, { db, principal }) {
    const enterpriseId = ownEnterpriseId(principal);
    const where: Record<string, unknown> = { enterpriseId };
    if (status !== 'all') where.status = status;
    if (type) where.type = type;
    const coll = db.collection(C.requests);
    const pendingOnly = status === 'pending' && !type;
    const [res, count, pending] = await Promise.all([
      coll.where(where).orderBy('createdAt', 'desc').skip((page - 1) * pageSize).limit(pageSize).get<RequestDoc>(),
      coll.where(where).count(),
      pendingOnly ? null : coll.where({ enterpriseId, status: 'pending' }).count(),
    ]);
    return { items: res.data.map(requestRow), total: count.total, page, pageSize, pendingCount: (pending ?? count).total };
  },
});
