import { identityContracts } from '../../../shared/contracts/identity';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { personSelf, type PersonDoc } from '../../common/persons';

/**
 * A worker's own profile edits: phone, post category, employment type, certificates. Name, ID
 * number, employer and department change only through an admin (the contract has no such fields).
 */
export default defineAction(identityContracts.updateProfile, {
  allow: ['worker'],
  async run(input, { db, person, now }) {
    if (!person) throw new AppError('UNAUTHENTICATED');
    const changes: Partial<PersonDoc> = {};
    if (input.phone !== undefined) changes.phone = input.phone;
    if (input.postCategory !== undefined) changes.postCategory = input.postCategory;
    if (input.employmentType !== undefined) changes.employmentType = input.employmentType;
    if (input.certificates !== undefined) changes.certificates = input.certificates;
    if (Object.keys(changes).length === 0) return { person: personSelf(person) };
    const data = { ...changes, updatedAt: now() };
    const writes: Promise<unknown>[] = [db.collection(C.persons).doc(person._id).update({ data: data as Record<string, unknown> })];
    // A pending review shows the reviewer what the worker declared: keep it current.
    if (changes.postCategory !== undefined || changes.certificates !== undefined) {
      const reqData: Record<string, unknown> = {};
      if (changes.postCategory !== undefined) reqData.postCategory = changes.postCategory;
      if (changes.certificates !== undefined) reqData.certificates = changes.certificates;
      writes.push(db.collection(C.requests).where({ personId: person._id, status: 'pending' }).update({ data: reqData }));
    }
    await Promise.all(writes);
    return { person: personSelf({ ...person, ...data }) };
  },
});
