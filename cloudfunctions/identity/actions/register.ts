import { identityContracts } from '../../../shared/contracts/identity';
import { PRIVACY_NOTICE_VERSION } from '../../../shared/privacy';
import { defineAction } from '../../common/action';
import { hashPassword } from '../../common/crypto';
import { C, getById } from '../../common/db';
import { AppError } from '../../common/errors';
import { personIdentity, type PersonDoc } from '../../common/persons';
import { fileRequest, newRequest } from '../../common/employment';
import { requireOpenId, type EnterpriseLite } from '../workers';

/**
 * Worker self-registration: creates the person (pending, no employer yet), binds the caller's
 * OPENID and files a registration request the chosen enterprise's admin reviews — all in one
 * transaction, so nothing is half-written.
 */
export default defineAction(identityContracts.register, {
  allow: ['anyone'],
  async run(input, ctx) {
    const openid = requireOpenId(ctx);
    if (input.consentVersion !== PRIVACY_NOTICE_VERSION) throw new AppError('CONSENT_REQUIRED', '个人信息保护说明已更新，请阅读并同意后再注册');
    const { db } = ctx;
    const identity = personIdentity(input.idNumber);
    const [enterprise, existing, boundElsewhere, passwordHash] = await Promise.all([
      getById<EnterpriseLite>(C.enterprises, input.enterpriseId),
      getById<PersonDoc>(C.persons, identity._id),
      db.collection(C.persons).where({ openid }).field({ _id: true }).limit(10).get<{ _id: string }>(),
      hashPassword(input.password),
    ]);
    if (!enterprise || (enterprise.status && enterprise.status !== 'active')) throw new AppError('ENTERPRISE_NOT_FOUND');
    if (existing) throw new AppError('PERSON_EXISTS');

    const now = ctx.now();
    const person: PersonDoc = {
      ...identity,
      name: input.name,
      ...(input.phone ? { phone: input.phone } : {}),
      status: 'pending',
      enterpriseId: null,
      enterpriseName: null,
      departmentId: null,
      departmentName: null,
      postCategory: input.postCategory,
      employmentType: input.employmentType,
      certificates: input.certificates,
      passwordHash,
      mustChangePassword: false,
      openid,
      consent: { version: input.consentVersion, at: now },
      createdAt: now,
      updatedAt: now,
    };
    const request = newRequest({ type: 'registration', person, enterprise, now });
    try {
      await db.runTransaction(async (tx) => {
        // One person per OPENID: whoever this WeChat user was logged in as is logged out.
        for (const other of boundElsewhere.data) await tx.collection(C.persons).doc(other._id).update({ data: { openid: null } });
        const { _id: personId, ...personData } = person;
        await tx.collection(C.persons).add({ data: { _id: personId, ...personData } });
        await fileRequest(tx, request);
      });
    } catch (e) {
      // A concurrent registration of the same ID number won the insert.
      if (await getById(C.persons, person._id)) throw new AppError('PERSON_EXISTS');
      throw e;
    }
    return { personId: person._id, requestId: request._id, status: 'pending' as const };
  },
});
