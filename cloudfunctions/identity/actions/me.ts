import { identityContracts } from '../../../shared/contracts/identity';
import type { RequestRow } from '../../../shared/contracts/people';
import { defineAction } from '../../common/action';
import { C, type Database } from '../../common/db';
import { personByOpenId, personSelf } from '../../common/persons';
import { requestRow, type RequestDoc } from '../../common/requests';
import { pendingRequestsOf } from '../workers';

/** The person's most recently decided employment request (approved / rejected), so the worker sees the outcome and reason. */
export async function lastDecisionOf(db: Database, personId: string): Promise<RequestRow | null> {
  const _ = db.command;
  const res = await db
    .collection(C.requests)
    .where({ personId, status: _.in(['approved', 'rejected']), type: _.in(['registration', 'changeEmployer']) })
    .orderBy('decidedAt', 'desc')
    .limit(1)
    .get<RequestDoc>();
  return res.data[0] ? requestRow(res.data[0]) : null;
}

/** The person bound to the caller's OPENID (or null for a guest), their pending requests and last decision. */
export default defineAction(identityContracts.me, {
  allow: ['anyone'],
  passwordChange: true,
  async run(_input, { db, openid }) {
    const person = openid ? await personByOpenId(openid) : null;
    if (!person) return { person: null, pendingRequests: [] };
    const [pendingRequests, lastDecision] = await Promise.all([pendingRequestsOf(db, person._id), lastDecisionOf(db, person._id)]);
    return { person: personSelf(person), pendingRequests, lastDecision };
  },
});
