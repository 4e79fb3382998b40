import { identityContracts } from '../../../shared/contracts/identity';
import { defineAction } from '../../common/action';
import { personByOpenId, personSelf } from '../../common/persons';
import { pendingRequestsOf } from '../workers';

/** The person bound to the caller's OPENID (or null for a guest) and their pending requests. */
export default defineAction(identityContracts.me, {
  allow: ['anyone'],
  async run(_input, { db, openid }) {
    const person = openid ? await personByOpenId(openid) : null;
    if (!person) return { person: null, pendingRequests: [] };
    return { person: personSelf(person), pendingRequests: await pendingRequestsOf(db, person._id) };
  },
});
