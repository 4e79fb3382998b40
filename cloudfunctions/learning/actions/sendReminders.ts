import { coursesContracts } from '../../../shared/contracts/courses';
import { REMINDER_MAX_AGE_DAYS, reminderFieldsOf, reminderMessage, type ReminderEntry } from '../../../shared/learning/reminders';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { messengerForEnv } from '../messenger';

type OutboxDoc = ReminderEntry & { _id: string; status: string; openid: string | null; createdAt: Date | string; attempts?: number };

/** Template configuration (function environment variables). */
const TEMPLATE_ENV = 'ANXUE_REMIND_TEMPLATE_ID';
const FIELDS_ENV = 'ANXUE_REMIND_TEMPLATE_FIELDS';

/**
 * Delivers queued 提醒 (outbox `remind:…`, oldest first): each entry is claimed by a conditional
 * update (`queued` → `sending`), so parallel runs and a timer overlapping a manual run send it once;
 * then `sent`, or `failed` with WeChat's error code (43101: the person has not subscribed — WeChat
 * allows a message only after the user accepted one), `skipped` when the person has no bound
 * WeChat account, `expired` when older than REMINDER_MAX_AGE_DAYS.
 */
export default defineAction(coursesContracts.sendReminders, {
  allow: ['timer', 'sysadmin'],
  async run({ limit }, ctx) {
    const { db } = ctx;
    const templateId = process.env[TEMPLATE_ENV];
    const coll = db.collection(C.outbox);
    const res = await coll.where({ status: 'queued' }).orderBy('createdAt', 'asc').limit(limit + 1).get<OutboxDoc>();
    const more = res.data.length > limit;
    const out = { configured: !!templateId, sent: 0, failed: 0, skipped: 0, expired: 0, more };
    if (!templateId) return { ...out, more: res.data.length > 0 };
    const messenger = messengerForEnv();
    const fields = reminderFieldsOf(process.env[FIELDS_ENV]);
    const now = ctx.now();
    const oldest = now.getTime() - REMINDER_MAX_AGE_DAYS * 24 * 3600 * 1000;
    for (const e of res.data.slice(0, limit)) {
      const finish = (status: string, extra: Record<string, unknown> = {}) => coll.doc(e._id).update({ data: { status, finishedAt: now, ...extra } });
      const claimed = await coll.where({ _id: e._id, status: 'queued' }).update({ data: { status: 'sending', claimedAt: now, attempts: db.command.inc(1) } });
      if (claimed.stats.updated !== 1) continue; // another run has it
      if (new Date(e.createdAt).getTime() < oldest) {
        await finish('expired');
        out.expired++;
      } else if (!e.openid) {
        await finish('skipped', { reason: 'unbound' });
        out.skipped++;
      } else {
        const m = reminderMessage(e, fields);
        const r = await messenger.send({ touser: e.openid, templateId, page: m.page, data: m.data });
        if (r.ok) {
          await finish('sent', { via: messenger.kind });
          out.sent++;
        } else {
          await finish('failed', { errCode: r.errCode, errMsg: r.errMsg.slice(0, 200) });
          out.failed++;
        }
      }
    }
    if (out.sent + out.failed + out.skipped + out.expired > 0) ctx.log('reminders delivered', { ...out });
    return out;
  },
});
