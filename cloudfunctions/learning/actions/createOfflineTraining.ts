import { coursesContracts } from '../../../shared/contracts/courses';
import { shanghaiDay } from '../../../shared/calendar';
import { FILE_EXTS } from '../../../shared/uploads';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { isDuplicateKey } from '../../common/dbErrors';
import { ownEnterpriseId } from '../../common/enterprises';
import { AppError } from '../../common/errors';
import { ownUpload } from '../../common/uploads';
import { offlineIdOf, toOfflineView, type OfflineTrainingDoc } from '../offline';

/**
 * 线下培训: date, topic, trainer, hours, attendees from the enterprise's current staff, evidence files
 * the caller uploaded. The client's request id is part of the `_id`, so a retried or replayed submit
 * records once and answers the stored record. Hours count toward each attendee's offline hours.
 */
export default defineAction(coursesContracts.createOfflineTraining, {
  allow: ['enterpriseAdmin'],
  async run(input, ctx) {
    const { db } = ctx;
    const _ = db.command;
    const enterpriseId = ownEnterpriseId(ctx.principal);
    const _id = offlineIdOf(enterpriseId, input.requestId);
    const replay = await getById<OfflineTrainingDoc>(C.offlineTrainings, _id);
    if (replay) return { training: toOfflineView(replay) };
    const now = ctx.now();
    if (input.date > shanghaiDay(now)) throw new AppError('INVALID_INPUT', '培训日期不能晚于今天');
    const evidence = [...new Set(input.evidenceFileIDs)];
    for (const f of evidence) ownUpload(ctx, f, FILE_EXTS.evidence);
    const ids = [...new Set(input.attendeeIds)];
    const res = await db
      .collection(C.persons)
      .where({ _id: _.in(ids), enterpriseId, status: 'active' })
      .limit(ids.length)
      .field({ _id: true, name: true })
      .get<{ _id: string; name: string }>();
    const names = new Map(res.data.map((p) => [p._id, p.name]));
    const missing = ids.filter((id) => !names.has(id));
    // Another enterprise's employee and a made-up id answer alike.
    if (missing.length) throw new AppError('PERSON_NOT_FOUND', `有 ${missing.length} 名参训人员不是本企业在职员工`, { personIds: missing });
    const doc: OfflineTrainingDoc = {
      _id,
      enterpriseId,
      ...(ctx.account?.enterpriseName ? { enterpriseName: ctx.account.enterpriseName } : {}),
      requestId: input.requestId,
      date: input.date,
      year: Number(input.date.slice(0, 4)),
      topic: input.topic,
      trainer: input.trainer,
      hours: input.hours,
      attendeeIds: ids,
      attendees: ids.map((id) => ({ personId: id, name: names.get(id)! })),
      evidenceFileIDs: evidence,
      voided: false,
      createdBy: ctx.principal.kind === 'account' ? ctx.principal.accountId : '',
      createdAt: now,
    };
    try {
      await db.collection(C.offlineTrainings).add({ data: doc as unknown as Record<string, unknown> });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      // A parallel submit of the same request won: answer its record.
      const won = await getById<OfflineTrainingDoc>(C.offlineTrainings, _id);
      if (!won) throw e;
      return { training: toOfflineView(won) };
    }
    await ctx.audit({ action: 'offlineTraining.create', targetType: 'offlineTraining', targetId: _id, details: { date: doc.date, hours: doc.hours, attendees: ids.length } });
    return { training: toOfflineView(doc) };
  },
});
