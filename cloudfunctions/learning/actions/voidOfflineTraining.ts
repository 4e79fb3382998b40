import { coursesContracts } from '../../../shared/contracts/courses';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { ownEnterpriseId } from '../../common/enterprises';
import { AppError } from '../../common/errors';
import { toOfflineView, type OfflineTrainingDoc } from '../offline';

/** A wrong record is voided with a reason (kept, audited, its hours no longer count), never deleted. Idempotent. */
export default defineAction(coursesContracts.voidOfflineTraining, {
  allow: ['enterpriseAdmin'],
  async run({ trainingId, reason }, ctx) {
    const enterpriseId = ownEnterpriseId(ctx.principal);
    const notFound = () => new AppError('NOT_FOUND', '培训记录不存在');
    if (!trainingId.startsWith(`offline:${enterpriseId}:`)) throw notFound();
    const doc = await getById<OfflineTrainingDoc>(C.offlineTrainings, trainingId);
    if (!doc || doc.enterpriseId !== enterpriseId) throw notFound();
    if (doc.voided) return { training: toOfflineView(doc) };
    const now = ctx.now();
    const by = ctx.principal.kind === 'account' ? ctx.principal.accountId : '';
    const patch = { voided: true, voidReason: reason, voidedAt: now, voidedBy: by };
    const res = await ctx.db.collection(C.offlineTrainings).where({ _id: trainingId, voided: false }).update({ data: patch });
    // Lost to a parallel void: the record is voided either way.
    if (res.stats.updated === 1) await ctx.audit({ action: 'offlineTraining.void', targetType: 'offlineTraining', targetId: trainingId, details: { reason, date: doc.date, hours: doc.hours } });
    return { training: toOfflineView({ ...doc, ...patch }) };
  },
});
