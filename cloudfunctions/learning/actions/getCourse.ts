import { learningContracts } from '../../../shared/contracts/learning';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { loadCourse } from '../courseDoc';
import { assertCourseOpen, callerPerson, dueAtOf, targetOf, callerLearner, LEARNER_COMPANION } from '../learner';

/** A course the caller may study, with its own credit per material; anything else is COURSE_NOT_AVAILABLE. */
export default defineAction(learningContracts.getCourse, {
  allow: ['worker'],
  companion: LEARNER_COMPANION,
  async run({ courseId }, ctx) {
    const person = callerPerson(ctx);
    const course = assertCourseOpen(await loadCourse(courseId), targetOf(person), ctx.now());
    const [learner, rating] = await Promise.all([
      callerLearner(ctx, person),
      ctx.db.collection(C.ratings).doc(`rating:${person._id}:${courseId}`).get(),
    ]);
    const task = learner?.tasks?.[courseId];
    const ratingDoc = (Array.isArray(rating.data) ? rating.data[0] : rating.data) as { stars?: number } | null;
    return {
      course: {
        _id: course._id,
        title: course.title,
        materials: course.materials.map((m) => ({ ...m, creditedSeconds: Math.min(task?.materials[m._id] ?? 0, m.requiredSeconds) })),
        category: course.category,
        description: course.description,
        creditedHours: course.creditedHours,
        dueAt: dueAtOf(course.dueDate),
        identityCheck: course.identityCheck?.mode ?? 'none',
        done: task?.status === 'done',
        myRating: ratingDoc?.stars ?? null,
      },
    };
  },
});
