import { identityContracts } from '../../../shared/contracts/identity';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';

/** Unbinds the caller's OPENID: the next open shows the login page. */
export default defineAction(identityContracts.logout, {
  allow: ['worker'],
  passwordChange: true,
  async run(_input, { db, person, openid }) {
    if (!person || !openid) throw new AppError('UNAUTHENTICATED');
    // Conditional on the OPENID so a login on another phone in between is not undone.
    await db.collection(C.persons).where({ _id: person._id, openid }).update({ data: { openid: null } });
    return { loggedOut: true as const };
  },
});
