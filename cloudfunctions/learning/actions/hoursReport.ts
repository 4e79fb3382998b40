import { coursesContracts, type HoursRow } from '../../../shared/contracts/courses';
import { shanghaiYear } from '../../../shared/calendar';
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
 * Per current employee and year: online hours (the learner's year counter for the current year;
 * for past years the credited seconds of the courses finished that year, from `progress`) and
 * offline hours (every non-voided 线下培训 the person attended that year, at any employer), against
 * the requirement of the post category and industry (initial in the year the person joined, annual
 * otherwise). Bounded by the enterprise's staff: reads in pages of 1,000 and `in` chunks of 500.
 */
export default defineAction(coursesContracts.hoursReport, {
  allow: ['enterpriseAdmin'],
  async run({ year, departmentId, onlyGaps, page, pageSize }, ctx) {
    const { db } = ctx;
    const _ = db.command;
    const enterpriseId = ownEnterpriseId(ctx.principal);
    const where: Record<string, unknown> = { enterpriseId, status: 'active' };
    if (departmentId) where.departmentId = departmentId;
    const staff = await readAll<Staff>(db, C.persons, where, { _id: true, name: true, departmentName: true, postCategory: true, industry: true, joinedAt: true });
    const online = new Map<string, number>();
    const offline = new Map<string, number>();
    const current = year === shanghaiYear(ctx.now());
    await Promise.all(
      chunks(staff.map((s) => s._id)).map(async (ids) => {
        const [learners, trainings] = await Promise.all([
          current
            ? db
                .collection(C.studySessions)
                .where({ _id: _.in(ids.map((id) => `studySession:${id}`)) })
                .limit(ids.length)
                .field({ personId: true, year: true, yearOnlineSeconds: true })
                .get<{ personId: string; year?: number; yearOnlineSeconds?: number }>()
            : null,
          readAll<{ attendeeIds: string[]; hours: number }>(db, C.offlineTrainings, { attendeeIds: _.in(ids), year, voided: false }, { attendeeIds: true, hours: true }),
        ]);
        if (learners) {
          for (const l of learners.data) if (l.year === year) online.set(l.personId, l.yearOnlineSeconds ?? 0);
        } else {
          const progress = await readAll<{ personId: string; creditedSeconds?: number }>(db, C.progress, { personId: _.in(ids), year }, { personId: true, creditedSeconds: true });
          for (const p of progress) online.set(p.personId, (online.get(p.personId) ?? 0) + (p.creditedSeconds ?? 0));
        }
        const mine = new Set(ids);
        for (const t of trainings) for (const a of t.attendeeIds) if (mine.has(a)) offline.set(a, (offline.get(a) ?? 0) + t.hours);
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
        ...hoursGap(requirement, { onlineSeconds: online.get(s._id) ?? 0, offlineHours: offline.get(s._id) ?? 0 }),
      };
    });
    const shown = (onlyGaps ? rows.filter((r) => !r.met) : rows).sort((a, b) => b.gap - a.gap || a.name.localeCompare(b.name, 'zh-Hans-CN') || (a.personId < b.personId ? -1 : 1));
    return { items: shown.slice((page - 1) * pageSize, page * pageSize), total: shown.length, page, pageSize };
  },
});
