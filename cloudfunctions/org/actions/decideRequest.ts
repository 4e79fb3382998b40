import { staffContracts } from '../../../shared/contracts/staff';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { ownEnterpriseId, personEnterpriseFields, type EnterpriseDoc } from '../../common/enterprises';
import { AppError } from '../../common/errors';
import { requestRow, type EmploymentDoc, type RequestDoc } from '../../common/requests';
import { accountDisplayName, type StaffPerson } from '../staffAccess';

/**
 * Approve or reject a registration / change-of-employer request of the admin's enterprise. Everything
 * happens in one transaction that re-reads the request: of two concurrent decisions the database
 * lets one commit, the other is retried, sees the request decided and answers REQUEST_NOT_PENDING.
 *
 * A rejected registration leaves the person `pending` without an employer, exactly like a cancelled
 * one: they keep their login and can ask another employer (identity.requestEmployerChange files a
 * new registration for them) or be added by an admin (addStaff attaches them).
 */
export default defineAction(staffContracts.decideRequest, {
  allow: ['enterpriseAdmin'],
  async run({ requestId, decision, reason }, ctx) {
    const { db } = ctx;
    const _ = db.command;
    const enterpriseId = ownEnterpriseId(ctx.principal);
    const accountId = ctx.principal.kind === 'account' ? ctx.principal.accountId : '';
    const [req, decidedByName] = await Promise.all([getById<RequestDoc>(C.requests, requestId), accountDisplayName(ctx.principal)]);
    if (!req) throw new AppError('NOT_FOUND', '申请不存在');
    if (req.enterpriseId !== enterpriseId) throw new AppError('NOT_IN_SCOPE', '该申请不属于本企业');
    if (req.status !== 'pending') throw new AppError('REQUEST_NOT_PENDING');
    // Queries cannot run inside a transaction: find the person's open employment entries first.
    // (A registration's person has never been employed: nothing to close, no query.)
    const open =
      decision === 'approve' && req.type === 'changeEmployer'
        ? (await db.collection(C.employments).where({ personId: req.personId, to: null }).limit(10).get<EmploymentDoc>()).data
        : [];

    const decided = await db.runTransaction(async (tx) => {
      const now = ctx.now();
      const r = (await tx.collection(C.requests).doc(requestId).get()).data as RequestDoc;
      if (r.status !== 'pending') throw new AppError('REQUEST_NOT_PENDING');
      const verdict = { status: decision === 'approve' ? 'approved' : 'rejected', decidedAt: now, decidedBy: accountId, decidedByName, ...(reason ? { reason } : {}) };

      // A rejection changes only the request (a rejected registration leaves the person pending, without employer).
      const person = decision === 'approve' ? ((await tx.collection(C.persons).doc(r.personId).get()).data as StaffPerson) : null;
      if (person && !(person.status === 'active' && person.enterpriseId === enterpriseId)) {
        if (r.type === 'registration' && person.status === 'active' && person.enterpriseId) {
          throw new AppError('PERSON_EMPLOYED_ELSEWHERE', '该人员已在其他企业任职，请驳回此申请；如需加入本企业，请本人申请更换企业');
        }
        const enterprise = (await tx.collection(C.enterprises).doc(enterpriseId).get()).data as EnterpriseDoc;
        const from = person.status === 'active' ? person.enterpriseId : null;
        if (from) {
          for (const e of open.filter((x) => x.enterpriseId === from)) {
            await tx.collection(C.employments).doc(e._id).update({ data: { to: now, leftReason: `更换企业至${enterprise.name}` } });
          }
          await tx.collection(C.enterprises).doc(from).update({ data: { staffCount: _.inc(-1) } });
        }
        await tx.collection(C.persons).doc(r.personId).update({
          data: {
            ...personEnterpriseFields(enterprise),
            status: 'active',
            departmentId: null,
            departmentName: null,
            ...(from ? { pastEnterpriseIds: [...new Set([...(person.pastEnterpriseIds ?? []), from])] } : {}),
            updatedAt: now,
          },
        });
        await tx.collection(C.employments).add({
          data: {
            personId: r.personId,
            enterpriseId,
            enterpriseName: enterprise.name,
            from: now,
            to: null,
            source: r.type === 'registration' ? 'selfRegistration' : 'transfer',
          },
        });
        await tx.collection(C.enterprises).doc(enterpriseId).update({ data: { staffCount: _.inc(1) } });
      }
      await tx.collection(C.requests).doc(requestId).update({ data: verdict });
      return { ...r, ...verdict } as RequestDoc;
    });
    await ctx.audit({
      action: decision === 'approve' ? 'request.approve' : 'request.reject',
      targetType: 'request',
      targetId: requestId,
      details: { type: req.type, personId: req.personId, enterpriseId, fromEnterpriseId: req.fromEnterpriseId ?? null, reason: reason ?? null },
    });
    return { request: requestRow(decided) };
  },
});
