import { coursesContracts, type HoursRow } from '../../../shared/contracts/courses';
import { shanghaiDay, shanghaiYear } from '../../../shared/calendar';
import { hoursGap, hoursKindForYear, hoursRequirement } from '../../../shared/learning/trainingHours';
import type { IndustryCode, PostCategoryCode } from '../../../shared/taxonomy';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { ownEnterpriseId } from '../../common/enterprises';
import { chunks, readAll } from '../staffCompletion';

interface Staff {
  _id: string;
  name: string;
  departmentName?: string | null;
  postCategory: PostCategoryCode;
  industry?: IndustryCode | null;
  joinedAt?: Date | string | null;
}

/**
 * Per current employee and year: online hours as 一人一档 counts them (myArchive) — the day entries
 * of the `studyTime` points ledger in that year (their `seconds`), today's from the learner's live
 * day counter instead — and offline hours (every non-voided 线下培训 the person attended that year, at
 * any employer), against the requirement of the post category and industry (initial in the year
 * the person joined, annual otherwise). Bounded by the enterprise's staff: reads in pages of 1,000,
 * `in` chunks of 500, one grouped aggregation per chunk (limited to the chunk).
 */
export default defineAction(coursesContracts.hoursReport, {
  allow: ['enterpriseAdmin'],
  async run({ year, departmentId, onlyGaps, page, pageSize }, ctx) {
    const { db } = ctx;
    const _ = db.command;
    const $ = _.aggregate;
    const enterpriseId = ownEnterpriseId(ctx.principal);
    const where: Record<string, unknown> = { enterpriseId, status: 'active' };
    if (departmentId) where.departmentId = departmentId;
    const staff = await readAll<Staff>(db, C.persons, where, { _id: true, name: true, departmentName: true, postCategory: true, industry: true, joinedAt: true });
    const online = new Map<string, number>();
    const offline = new Map<string, number>();
    const now = ctx.now();
    const today = shanghaiDay(now);
    const current = year === shanghaiYear(now);
    const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
    await Promise.all(
      chunks(staff.map((s) => s._id)).map(async (ids) => {
        const days = { personId: _.in(ids), source: 'studyTime' };
        const [ledger, todays, learners, trainings] = await Promise.all([
          db
            .collection(C.pointsLedger)
            .aggregate()
            .match({ ...days, eventKey: db.RegExp({ regexp: `^${year}-` }) })
            .group({ _id: '$personId', seconds: $.sum('$seconds') })
            .limit(ids.length)
            .end<{ _id: string; seconds: number }>(),
          current ? db.collection(C.pointsLedger).where({ ...days, eventKey: today }).limit(ids.length).field({ personId: true, seconds: true }).get<{ personId: string; seconds?: number }>() : null,
          current
            ? db
                .collection(C.studySessions)
                .where({ _id: _.in(ids.map((id) => `studySession:${id}`)) })
                .limit(ids.length)
                .field({ personId: true, day: true, daySeconds: true })
                .get<{ personId: string; day?: string; daySeconds?: number }>()
            : null,
          readAll<{ attendeeIds: string[]; hours: number }>(db, C.offlineTrainings, { attendeeIds: _.in(ids), year, voided: false }, { attendeeIds: true, hours: true }),
        ]);
        for (const l of ledger.list) add(online, l._id, l.seconds ?? 0);
        // Today: the live counter, not the entry flushed so far.
        for (const t of todays?.data ?? []) add(online, t.personId, -(t.seconds ?? 0));
        for (const l of learners?.data ?? []) if (l.day === today) add(online, l.personId, l.daySeconds ?? 0);
        const mine = new Set(ids);
        for (const t of trainings) for (const a of t.attendeeIds) if (mine.has(a)) add(offline, a, t.hours);
      }),
    );
    const rows: HoursRow[] = staff.map((s) => {
      const joined = s.joinedAt ? shanghaiYear(s.joinedAt) : null;
      const requirement = hoursRequirement(s.postCategory, s.industry ?? null, hoursKindForYear(joined, year));
      return {
        personId: s._id,
        name: s.name,
        departmentName: s.departmentName ?? null,
        postCategory: s.postCategory,
        ...hoursGap(requirement, { onlineSeconds: Math.max(0, online.get(s._id) ?? 0), offlineHours: offline.get(s._id) ?? 0 }),
      };
    });
    const shown = (onlyGaps ? rows.filter((r) => !r.met) : rows).sort((a, b) => b.gap - a.gap || a.name.localeCompare(b.name, 'zh-Hans-CN') || (a.personId < b.personId ? -1 : 1));
    return { items: shown.slice((page - 1) * pageSize, page * pageSize), total: shown.length, page, pageSize };
  },
});
