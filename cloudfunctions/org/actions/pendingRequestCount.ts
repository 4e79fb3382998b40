import { staffContracts } from '../../../shared/contracts/staff';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { ownEnterpriseId } from '../../common/enterprises';

/** The 待审核 badge: one count query. */
export default defineAction(staffContracts.pendingRequestCount, {
  allow: ['enterpriseAdmin'],
  async run(_input, { db, principal }) {
    const res = await db.collection(C.requests).where({ enterpriseId: ownEnterpriseId(principal), status: 'pending' }).count();
    return { pending: res.total };
  },
});
