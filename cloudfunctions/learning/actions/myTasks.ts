import { COURSE_CATEGORIES, type CourseCategory } from '../../../shared/contracts/courses';
import { learningContracts, type TaskItem } from '../../../shared/contracts/learning';
import { pushQueryKeys } from '../../../shared/learning/pushRule';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import type { CourseDoc } from '../courseDoc';
import { callerLearner, callerPerson, courseOpenTo, dueAtOf, LEARNER_COMPANION, targetOf } from '../learner';
import { enterpriseRank } from '../rank';

/** Published courses a worker can have at most (they number in the hundreds). */
const MAX_TASKS = 1000;

/**
 * 首页: the courses pushed to the caller, with its progress, points and rank. No fan-out: the
 * caller's person with its learner document (the router's one round trip, LEARNER_COMPANION); one
 * query over published courses by the rule's index keys (region path, industry, post category, or
 * the wildcard), finished by the matcher in memory; the rank aggregate — 3 round trips in all.
 */
export default defineAction(learningContracts.myTasks, {
  allow: ['worker'],
  companion: LEARNER_COMPANION,
  async run(_input, ctx) {
    const person = callerPerson(ctx);
    const at = ctx.now();
    const target = targetOf(person);
    const _ = ctx.db.command;
    const learner = await callerLearner(ctx, person);
    // The courses and the rank need nothing from each other: both in flight at once.
    const [courses, rank] = await Promise.all([
      target
        ? ctx.db
            .collection(C.courses)
            .where({ status: 'published', 'match.region': _.in(pushQueryKeys(target).region), 'match.industry': _.in(pushQueryKeys(target).industry), 'match.post': _.in(pushQueryKeys(target).post) })
            .field({ _id: true, title: true, category: true, dueDate: true, validUntil: true, pushRule: true, status: true, publishedAt: true, 'materials._id': true, 'materials.requiredSeconds': true })
            .limit(MAX_TASKS)
            .get<CourseDoc>()
        : Promise.resolve({ data: [] as CourseDoc[] }),
      enterpriseRank(ctx.db, target ? person.enterpriseId : null, learner, at),
    ]);
    const order = (c: CourseCategory) => COURSE_CATEGORIES.indexOf(c);
    const items: TaskItem[] = courses.data
      .filter((c) => courseOpenTo(c, target, at))
      .map((c) => {
        const t = learner?.tasks?.[c._id];
        const required = c.materials.reduce((s, m) => s + m.requiredSeconds, 0);
        const credited = t ? c.materials.reduce((s, m) => s + Math.min(t.materials[m._id] ?? 0, m.requiredSeconds), 0) : 0;
        return {
          courseId: c._id,
          title: c.title,
          category: c.category,
          progress: t?.status === 'done' ? 1 : required > 0 ? Math.min(1, Math.floor((credited / required) * 1000) / 1000) : 0,
          status: t?.status ?? 'notStarted',
          dueAt: dueAtOf(c.dueDate),
        };
      })
      .sort((a, b) => order(a.category) - order(b.category) || (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') || a.title.localeCompare(b.title, 'zh'));
    return { items, points: learner?.pointsTotal ?? 0, rank: { enterpriseWeek: rank.enterpriseWeek, enterpriseAll: rank.enterpriseAll } };
  },
});
