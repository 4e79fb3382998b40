import { oversightContracts, type AuditRow } from '../../../shared/contracts/oversight';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import type { EnterpriseDoc } from '../../common/enterprises';
import type { PersonDoc } from '../../common/persons';
import { archiveNotInScope, enterpriseInScope, personInScope } from '../archiveScope';

interface AuditDoc {
  _id: string;
  at: Date;
  action: string;
  fn?: string;
  actorKind?: string;
  actorId?: string | null;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/**
 * 审计日志 of one enterprise or person in scope: entries whose target it is (index target_time) and,
 * for an enterprise, the reveals of its staff's ID numbers (they carry details.enterpriseId).
 */
export default defineAction(oversightContracts.auditLogs, {
  allow: ['regulator', 'enterpriseAdmin', 'sysadmin'],
  async run({ enterpriseId, personId, page, pageSize }, ctx) {
    const { db } = ctx;
    const _ = db.command;
    let where: unknown;
    if (enterpriseId) {
      const e = await getById<EnterpriseDoc>(C.enterprises, enterpriseId);
      if (!e || !enterpriseInScope(ctx.principal, e)) throw archiveNotInScope();
      where = _.or([{ targetId: enterpriseId }, { action: 'person.revealIdNumber', 'details.enterpriseId': enterpriseId }]);
    } else {
      const p = await getById<PersonDoc>(C.persons, personId as string);
      if (!p || !personInScope(ctx.principal, p)) throw archiveNotInScope();
      where = { targetId: personId };
    }
    const coll = db.collection(C.auditLog);
    const [res, count] = await Promise.all([coll.where(where as Record<string, unknown>).orderBy('at', 'desc').orderBy('_id', 'desc').skip((page - 1) * pageSize).limit(pageSize).get<AuditDoc>(), coll.where(where as Record<string, unknown>).count()]);
    const items: AuditRow[] = res.data.map((a) => ({
      at: new Date(a.at).toISOString(),
      action: a.action,
      fn: a.fn ?? null,
      actorKind: a.actorKind ?? null,
      actorId: a.actorId ?? null,
      targetType: a.targetType ?? null,
      targetId: a.targetId ?? null,
      details: a.details ?? null,
    }));
    return { items, total: count.total, page, pageSize };
  },
});
