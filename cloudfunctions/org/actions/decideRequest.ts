import { staffContracts } from '../../../shared/contracts/staff';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { approveEmploymentRequest, settleRequest, txGet } from '../../common/employment';
import { ownEnterpriseId, type EnterpriseDoc } from '../../common/enterprises';
import { AppError } from '../../common/errors';
import type { PersonDoc } from '../../common/persons';
import { requestRow, type EmploymentDoc, type RequestDoc } from '../../common/requests';
import { actorName } from '../staffAccess';

/**
 * Approve or reject a request addressed to the admin's enterprise: a registration or change of
 * employer the worker filed (the person joins through the employment lifecycle), or a 信息变更 of
 * one of its employees (the new post category applies). Everything happens in one transaction that
 * re-reads the request: of two concurrent decisions one commits, the other answers REQUEST_NOT_PENDING.
 *
 * A rejected registration leaves the person `pending` without an employer, exactly like a cancelled
 * one: they keep their login and can ask another employer.
 */
export default defineAction(staffContracts.decideRequest, {
  allow: ['enterpriseAdmin'],
  async run({ requestId, decision, reason }, ctx) {
    const { db } = ctx;
    const enterpriseId = ownEnterpriseId(ctx.principal);
    const accountId = ctx.principal.kind === 'account' ? ctx.principal.accountId : '';
    const decidedByName = actorName(ctx);
    const [req, enterprise] = await Promise.all([getById<RequestDoc>(C.requests, requestId), getById<EnterpriseDoc>(C.enterprises, enterpriseId)]);
    if (!req) throw new AppError('NOT_FOUND', '申请不存在');
    if (req.enterpriseId !== enterpriseId) throw new AppError('NOT_IN_SCOPE', '该申请不属于本企业');
    if (req.status !== 'pending') throw new AppError('REQUEST_NOT_PENDING');
    if (!enterprise) throw new AppError('ENTERPRISE_NOT_FOUND');
    // Queries cannot run inside a transaction: persons written before employmentId existed have
    // their open history entries found here (none for a registration or a current record).
    const legacyOpen =
      decision === 'approve' && req.type === 'changeEmployer' && !(await getById<PersonDoc>(C.persons, req.personId))?.employmentId
        ? (await db.collection(C.employments).where({ personId: req.personId, to: null }).limit(10).get<EmploymentDoc>()).data
        : [];

    const decided = await db.runTransaction(async (tx) => {
      const now = ctx.now();
      const r = await txGet<RequestDoc>(tx, C.requests, requestId);
      if (!r || r.status !== 'pending') throw new AppError('REQUEST_NOT_PENDING');
      if (decision === 'reject') return settleRequest(tx, r, { status: 'rejected', at: now, by: accountId, byName: decidedByName, reason });
      if (r.type === 'infoChange') {
        const person = await txGet<PersonDoc>(tx, C.persons, r.personId);
        if (!person || person.status !== 'active' || person.enterpriseId !== enterpriseId) throw new AppError('NOT_IN_SCOPE', '该人员已不是本企业在职人员');
        await tx.collection(C.persons).doc(r.personId).update({ data: { postCategory: r.postCategory, updatedAt: now } });
        return settleRequest(tx, r, { status: 'approved', at: now, by: accountId, byName: decidedByName, reason });
      }
      return (await approveEmploymentRequest(tx, r, { enterprise, now, by: accountId, byName: decidedByName, reason, legacyOpen })).request;
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
