import { staffContracts } from '../../../shared/contracts/staff';
import { defineAction } from '../../common/action';
import { hashPassword } from '../../common/crypto';
import { C, getById } from '../../common/db';
import { departmentOf } from '../../common/departments';
import { ownEnterpriseId, personEnterpriseFields, type EnterpriseDoc } from '../../common/enterprises';
import { AppError } from '../../common/errors';
import { randomInitialPassword } from '../../common/randomPassword';
import { personIdentity, personIdOf } from '../../common/persons';
import type { RequestDoc } from '../../common/requests';
import { accountDisplayName, type StaffPerson } from '../staffAccess';

/**
 * Adds one person to the admin's enterprise. A new person is created active with an initial
 * password (returned once, must be changed); a person without an employer (left, or a pending
 * self-registration) is attached and their open requests closed; a person employed anywhere is
 * never moved silently.
 */
export default defineAction(staffContracts.addStaff, {
  allow: ['enterpriseAdmin'],
  async run(input, ctx) {
    const { db } = ctx;
    const _ = db.command;
    const enterpriseId = ownEnterpriseId(ctx.principal);
    const personId = personIdOf(input.idNumber);
    const [enterprise, existing, department] = await Promise.all([
      getById<EnterpriseDoc>(C.enterprises, enterpriseId),
      getById<StaffPerson>(C.persons, personId),
      input.departmentId ? departmentOf(enterpriseId, input.departmentId) : null,
    ]);
    if (!enterprise) throw new AppError('ENTERPRISE_NOT_FOUND');
    if (existing && existing.name !== input.name) {
      throw new AppError('INVALID_INPUT', '该身份证号已登记的姓名与填写的姓名不一致，请核对身份证号和姓名', { field: 'name' });
    }
    if (existing?.status === 'active' && existing.enterpriseId === enterpriseId) {
      throw new AppError('PERSON_EXISTS', `${existing.name}（${existing.idMasked}）已在本企业人员名单中，无需重复添加`);
    }
    if (existing?.status === 'active' && existing.enterpriseId) {
      throw new AppError(
        'PERSON_EMPLOYED_ELSEWHERE',
        `${existing.name}（${existing.idMasked}）目前在其他企业任职，不能直接添加。请本人在小程序“个人中心”申请更换企业，由本企业审核通过；或由原企业为其办理离职后再添加`,
      );
    }
    const now = ctx.now();
    const attrs = {
      ...personEnterpriseFields(enterprise),
      status: 'active' as const,
      departmentId: department?._id ?? null,
      departmentName: department?.name ?? null,
      postCategory: input.postCategory,
      employmentType: input.employmentType,
      updatedAt: now,
    };
    const employment = { personId, enterpriseId, enterpriseName: enterprise.name, from: now, to: null, source: 'admin' as const };
    let initialPassword: string | null = null;

    if (!existing) {
      initialPassword = randomInitialPassword();
      const person = {
        ...personIdentity(input.idNumber),
        name: input.name,
        ...(input.phone ? { phone: input.phone } : {}),
        ...attrs,
        certificates: input.certificates,
        passwordHash: await hashPassword(initialPassword),
        mustChangePassword: true,
        openid: null,
        createdAt: now,
      };
      try {
        await db.runTransaction(async (tx) => {
          await tx.collection(C.persons).add({ data: person });
          await tx.collection(C.employments).add({ data: employment });
          await tx.collection(C.enterprises).doc(enterpriseId).update({ data: { staffCount: _.inc(1) } });
        });
      } catch (e) {
        // Created concurrently (another admin, an import, a self-registration): ask to retry.
        if (/duplicate|exist|E11000/i.test(String((e as Error)?.message ?? e))) throw new AppError('CONFLICT', '该人员刚被登记，请刷新后重试');
        throw e;
      }
    } else {
      // Attach a person with no employer; their open requests are settled by this decision.
      const open = await db.collection(C.requests).where({ personId, status: 'pending' }).limit(20).get<RequestDoc>();
      const decidedByName = await accountDisplayName(ctx.principal);
      await db.runTransaction(async (tx) => {
        const fresh = (await tx.collection(C.persons).doc(personId).get()).data as StaffPerson;
        if (fresh.status === 'active' && fresh.enterpriseId) throw new AppError('CONFLICT', '该人员刚被其他企业添加，请刷新后重试');
        await tx.collection(C.persons).doc(personId).update({
          data: {
            ...attrs,
            ...(input.phone ? { phone: input.phone } : {}),
            ...(input.certificates.length ? { certificates: input.certificates } : {}),
          },
        });
        await tx.collection(C.employments).add({ data: employment });
        await tx.collection(C.enterprises).doc(enterpriseId).update({ data: { staffCount: _.inc(1) } });
        for (const r of open.data) {
          const mine = r.enterpriseId === enterpriseId;
          await tx.collection(C.requests).doc(r._id).update({
            data: {
              status: mine ? 'approved' : 'cancelled',
              reason: mine ? '企业管理员已直接添加该人员' : `已由${enterprise.name}直接添加为员工`,
              decidedAt: now,
              decidedBy: ctx.principal.kind === 'account' ? ctx.principal.accountId : null,
              decidedByName,
            },
          });
        }
      });
    }
    await ctx.audit({
      action: 'staff.add',
      targetType: 'person',
      targetId: personId,
      details: { enterpriseId, existing: !!existing, departmentId: attrs.departmentId, postCategory: input.postCategory },
    });
    return { personId, initialPassword, existing: !!existing };
  },
});

