import { identityContracts } from '../../../shared/contracts/identity';
import { defineAction } from '../../common/action';
import { hashPassword, verifyPassword } from '../../common/crypto';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';

/** Worker password change (also the forced change of an initial password). */
export default defineAction(identityContracts.changePassword, {
  allow: ['worker'],
  passwordChange: true,
  async run({ oldPassword, newPassword }, { db, person, now }) {
    if (!person) throw new AppError('UNAUTHENTICATED');
    if (!(await verifyPassword(oldPassword, person.passwordHash))) throw new AppError('PASSWORD_MISMATCH');
    if (oldPassword === newPassword) throw new AppError('INVALID_INPUT', '新密码不能与原密码相同');
    await db
      .collection(C.persons)
      .doc(person._id)
      .update({ data: { passwordHash: await hashPassword(newPassword), mustChangePassword: false, updatedAt: now() } });
    return { changed: true as const };
  },
});
