import { staffContracts } from '../../../shared/contracts/staff';
import { defineAction } from '../../common/action';
import { hashPassword } from '../../common/crypto';
import { C, getById } from '../../common/db';
import { isDuplicateKey, isTransactionConflict } from '../../common/dbErrors';
import { departmentOf } from '../../common/departments';
import { approveEmploymentRequest, joinWrites, pendingRequestOf, txGet } from '../../common/employment';
import { ownEnterpriseId, type EnterpriseDoc } from '../../common/enterprises';
import { AppError } from '../../common/errors';
import { randomInitialPassword } from '../../common/randomPassword';
import { personIdentity, personIdOf, type PersonDoc } from '../../common/persons';
import { actorName } from '../staffAccess';

/** Someone already on the platform is never claimed by an admin: only the person can ask to join. */
const NEEDS_CONSENT =
  '该身份证号已在平台注册，不能直接添加。请本人在小程序“个人中心”申请加入本企业，由本企业在“人员审核”中通过';

/**
 * Adds one person new to the platform to the admin's enterprise: active, with a random one-time
 * password (returned once, must be changed at first login). A person already registered is never
 * moved, renamed or claimed — with one exception that has the person's consent: a pending
 * self-registration (or change-of-employer request) the person filed to join *this* enterprise,
 * which this approves (the name must match). Everyone else: PERSON_EMPLOYED_ELSEWHERE.
 */
export default defineAction(staffContracts.addStaff, {
  allow: ['enterpriseAdmin'],
  async run(input, ctx) {
    const { db } = ctx;
    const enterpriseId = ownEnterpriseId(ctx.principal);
    const personId = personIdOf(input.idNumber);
    const [enterprise, existing, department] = await Promise.all([
      getById<EnterpriseDoc>(C.enterprises, enterpriseId),
      getById<PersonDoc>(C.persons, personId),
      input.departmentId ? departmentOf(enterpriseId, input.departmentId) : null,
    ]);
    if (!enterprise) throw new AppError('ENTERPRISE_NOT_FOUND');
    if (existing?.status === 'active' && existing.enterpriseId === enterpriseId) {
      throw new AppError('PERSON_EXISTS', `${existing.name}（${existing.idMasked}）已在本企业人员名单中，无需重复添加`);
    }
    const now = ctx.now();
    let initialPassword: string | null = null;

    if (!existing) {
      initialPassword = randomInitialPassword();
      const passwordHash = await hashPassword(initialPassword);
      const base = {
        ...personIdentity(input.idNumber),
        name: input.name,
        ...(input.phone ? { phone: input.phone } : {}),
        postCategory: input.postCategory,
        employmentType: input.employmentType,
        certificates: input.certificates,
        passwordHash,
        mustChangePassword: true,
        openid: null,
        createdAt: now,
      };
      try {
        await db.runTransaction(async (tx) => {
          if (await txGet(tx, C.persons, personId)) throw new AppError('CONFLICT', '该人员刚被登记，请刷新后重试');
          const joined = await joinWrites(tx, base, { enterprise, source: 'admin', now, department });
          const { _id, ...doc } = { ...base, ...joined };
          await tx.collection(C.persons).doc(_id).set({ data: doc });
        });
      } catch (e) {
        if (e instanceof AppError) throw e;
        // Created concurrently (another admin, an import, a self-registration): ask to retry.
        if (isDuplicateKey(e) || isTransactionConflict(e)) throw new AppError('CONFLICT', '该人员刚被登记，请刷新后重试');
        throw e;
      }
    } else {
      // Only the person's own pending request to join this enterprise lets an admin add them.
      if (existing.name !== input.name) throw new AppError('PERSON_EMPLOYED_ELSEWHERE', NEEDS_CONSENT);
      const byName = actorName(ctx);
      await db.runTransaction(async (tx) => {
        const pending = await pendingRequestOf(tx, personId, 'employment');
        if (!pending || pending.enterpriseId !== enterpriseId) throw new AppError('PERSON_EMPLOYED_ELSEWHERE', NEEDS_CONSENT);
        await approveEmploymentRequest(tx, pending, {
          enterprise,
          now,
          by: ctx.principal.kind === 'account' ? ctx.principal.accountId : '',
          byName,
          reason: '企业管理员已直接添加该人员',
          department,
        });
      });
    }
    await ctx.audit({
      action: 'staff.add',
      targetType: 'person',
      targetId: personId,
      details: { enterpriseId, existing: !!existing, departmentId: department?._id ?? null, postCategory: input.postCategory },
    });
    return { personId, initialPassword, existing: !!existing };
  },
});
