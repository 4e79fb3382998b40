import { identityContracts } from '../../../shared/contracts/identity';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { fileRequest, newRequest, pendingRequestOf, settleRequest } from '../../common/employment';
import type { EnterpriseDoc } from '../../common/enterprises';
import { AppError } from '../../common/errors';
import { personSelf, type PersonDoc } from '../../common/persons';

/**
 * A worker's own profile edits: phone, employment type, certificates at once. The post category
 * decides which training is pushed, so an employed worker's change waits for the enterprise admin
 * (a 信息变更 request in 人员审核; a newer ask replaces a pending one). Name, ID number, employer and
 * department change only through an admin (the contract has no such fields).
 */
export default defineAction(identityContracts.updateProfile, {
  allow: ['worker'],
  async run(input, { db, person, now }) {
    if (!person) throw new AppError('UNAUTHENTICATED');
    const at = now();
    const changes: Partial<PersonDoc> = {};
    if (input.phone !== undefined) changes.phone = input.phone;
    if (input.employmentType !== undefined) changes.employmentType = input.employmentType;
    if (input.certificates !== undefined) changes.certificates = input.certificates;
    const askPost = input.postCategory !== undefined && input.postCategory !== person.postCategory ? input.postCategory : undefined;
    const needsConfirmation = askPost !== undefined && person.status === 'active' && !!person.enterpriseId;
    if (askPost !== undefined && !needsConfirmation) changes.postCategory = askPost;
    // Asking back for the current category withdraws a pending change.
    const withdraw = input.postCategory !== undefined && input.postCategory === person.postCategory && !!person.pendingPostCategory;

    let pendingPostCategory = person.pendingPostCategory ?? null;
    if (needsConfirmation || withdraw) {
      const enterprise = needsConfirmation ? await getById<EnterpriseDoc>(C.enterprises, person.enterpriseId!) : null;
      await db.runTransaction(async (tx) => {
        const pending = await pendingRequestOf(tx, person._id, 'infoChange');
        if (pending) await settleRequest(tx, pending, { status: 'cancelled', at, reason: withdraw ? '本人已撤回' : '本人提交了新的变更' });
        if (needsConfirmation && enterprise) {
          await fileRequest(tx, newRequest({ type: 'infoChange', person, enterprise, now: at, postCategory: askPost }));
          await tx.collection(C.persons).doc(person._id).update({ data: { pendingPostCategory: askPost } });
        }
      });
      pendingPostCategory = needsConfirmation ? askPost! : null;
    }
    if (Object.keys(changes).length === 0) return { person: personSelf({ ...person, pendingPostCategory }) };
    const data = { ...changes, updatedAt: at };
    const writes: Promise<unknown>[] = [db.collection(C.persons).doc(person._id).update({ data: data as Record<string, unknown> })];
    // A pending employment review shows the reviewer what the worker declared: keep it current.
    if (changes.postCategory !== undefined || changes.certificates !== undefined) {
      const reqData: Record<string, unknown> = {};
      if (changes.postCategory !== undefined) reqData.postCategory = changes.postCategory;
      if (changes.certificates !== undefined) reqData.certificates = changes.certificates;
      writes.push(db.collection(C.requests).where({ personId: person._id, status: 'pending', type: db.command.in(['registration', 'changeEmployer']) }).update({ data: reqData }));
    }
    await Promise.all(writes);
    return { person: personSelf({ ...person, ...data, pendingPostCategory }) };
  },
});
