import { coursesContracts } from '../../../shared/contracts/courses';
import { ruleReachesEnterprise } from '../../../shared/learning/courseCenter';
import { ANY } from '../../../shared/learning/pushRule';
import { regionPath } from '../../../shared/regions';
import { escapeRegExp } from '../../../shared/text';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { toCourseRow, type CourseDoc } from '../courseDoc';
import { activeStaff, completionRows, ownEnterprise } from '../staffCompletion';

/** Published courses are few (hundreds); the query narrows by the enterprise's region path and industry, the matcher finishes. */
const MAX_COURSES = 1000;

/**
 * 课程中心: published courses that reach the enterprise (any rule matching its region, industry,
 * supervision type, key areas, scale, or naming it), newest first, with per-course completion of
 * the current staff it reaches (done / in progress / not started) for the page shown.
 */
export default defineAction(coursesContracts.courseCenter, {
  allow: ['enterpriseAdmin'],
  async run({ keyword, category, page, pageSize }, ctx) {
    const { db } = ctx;
    const _ = db.command;
    const ent = await ownEnterprise(ctx);
    const where: Record<string, unknown> = {
      status: 'published',
      'match.region': _.in([ANY, ...regionPath(ent.regionCode)]),
      'match.industry': _.in([ANY, ent.industry]),
    };
    if (category) where.category = category;
    if (keyword) where.title = db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' });
    const res = await db.collection(C.courses).where(where).orderBy('publishedAt', 'desc').limit(MAX_COURSES).field({ 'materials.html': false }).get<CourseDoc>();
    const reaching = res.data.filter((c) => ruleReachesEnterprise(c.pushRule, ent));
    const shown = reaching.slice((page - 1) * pageSize, page * pageSize);
    const staff = shown.length ? await activeStaff(db, ent._id) : [];
    const items = await Promise.all(
      shown.map(async (c) => {
        const rows = await completionRows(db, ent, c, staff);
        const count = (s: string) => rows.filter((r) => r.status === s).length;
        return { ...toCourseRow(c), reached: rows.length, done: count('done'), inProgress: count('inProgress'), notStarted: count('notStarted') };
      }),
    );
    return { items, total: reaching.length, page, pageSize };
  },
});
