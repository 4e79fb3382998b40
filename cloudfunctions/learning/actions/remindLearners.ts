import { coursesContracts } from '../../../shared/contracts/courses';
import { shanghaiDay } from '../../../shared/calendar';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { isDuplicateKey } from '../../common/dbErrors';
import { chunks, completionRows, ownEnterprise, reachingCourse } from '../staffCompletion';

/** The outbox entry of one reminder: one per course, person and Shanghai day (a second 提醒 the same day queues nothing). */
export const reminderIdOf = (courseId: string, personId: string, day: string): string => `remind:${courseId}:${personId}:${day}`;

/**
 * 提醒: queues a WeChat subscribe-message reminder in `outbox` for each reached employee who has not
 * finished the course (or those of `personIds` among them; others are ignored). Deterministic ids:
 * existing entries are read first (alreadyToday), the rest created in one batch; a parallel 提醒
 * that wins a race makes the batch fail, and the rest are then created one by one, each duplicate
 * counted as already queued. Locally the outbox is what tests read; in the cloud a sender delivers it.
 */
export default defineAction(coursesContracts.remindLearners, {
  allow: ['enterpriseAdmin'],
  async run({ courseId, personIds }, ctx) {
    const { db } = ctx;
    const _ = db.command;
    const ent = await ownEnterprise(ctx);
    const course = await reachingCourse(ent, courseId);
    const wanted = personIds ? new Set(personIds) : null;
    const targets = (await completionRows(db, ent, course)).filter((r) => r.status !== 'done' && (!wanted || wanted.has(r.personId)));
    const now = ctx.now();
    const day = shanghaiDay(now);
    const docs = targets.map((t) => ({
      _id: reminderIdOf(courseId, t.personId, day),
      kind: 'subscribeMessage',
      template: 'courseReminder',
      status: 'queued',
      personId: t.personId,
      openid: t.openid ?? null,
      enterpriseId: ent._id,
      courseId,
      day,
      data: { title: course.title, dueDate: course.dueDate, progress: t.progress },
      createdBy: ctx.principal.kind === 'account' ? ctx.principal.accountId : null,
      createdAt: now,
    }));
    let queued = 0;
    let already = 0;
    for (const part of chunks(docs)) {
      const existing = await db.collection(C.outbox).where({ _id: _.in(part.map((d) => d._id)) }).limit(part.length).field({ _id: true }).get<{ _id: string }>();
      const have = new Set(existing.data.map((d) => d._id));
      already += have.size;
      const fresh = part.filter((d) => !have.has(d._id));
      if (fresh.length === 0) continue;
      try {
        await db.collection(C.outbox).add({ data: fresh });
        queued += fresh.length;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        for (const d of fresh) {
          try {
            await db.collection(C.outbox).add({ data: d });
            queued++;
          } catch (e2) {
            if (!isDuplicateKey(e2)) throw e2;
            already++;
          }
        }
      }
    }
    if (queued > 0) await ctx.audit({ action: 'course.remind', targetType: 'course', targetId: courseId, details: { queued, alreadyToday: already } });
    return { queued, alreadyToday: already };
  },
});
