import { coursesContracts } from '../../../shared/contracts/courses';
import { maskPersonName } from '../../../shared/learning/courseCenter';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { loadManagedCourse } from '../courseAdmin';
import { ratingOf } from '../courseDoc';

interface RatingDoc {
  _id: string;
  stars: number;
  comment?: string;
  name?: string;
  at: Date | string;
}

/** Publishers: the course's average (its counters), the distribution (five counts) and comments, newest first, names masked. */
export default defineAction(coursesContracts.courseRatings, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ courseId, page, pageSize }, ctx) {
    const { db } = ctx;
    const course = await loadManagedCourse(ctx, courseId);
    const coll = db.collection(C.ratings);
    const [res, ...dist] = await Promise.all([
      coll
        .where({ courseId })
        .orderBy('at', 'desc')
        .skip((page - 1) * pageSize)
        .limit(pageSize + 1)
        .field({ stars: true, comment: true, name: true, at: true })
        .get<RatingDoc>(),
      ...[1, 2, 3, 4, 5].map((stars) => coll.where({ courseId, stars }).count()),
    ]);
    const { average, count } = ratingOf(course);
    return {
      average,
      count,
      distribution: dist.map((d) => d.total) as [number, number, number, number, number],
      items: res.data.slice(0, pageSize).map((r) => ({ stars: r.stars, comment: r.comment ?? '', at: new Date(r.at).toISOString(), learner: maskPersonName(r.name ?? '') })),
      hasMore: res.data.length > pageSize,
    };
  },
});
