import { learningContracts } from '../../../shared/contracts/learning';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { MATERIAL_URL_TTL_S, tempFileUrls } from '../../common/storage';
import { loadCourse } from '../courseDoc';
import { assertCourseOpen, callerPerson, dueAtOf, targetOf, callerLearner, LEARNER_COMPANION } from '../learner';

/** A course the caller may study, with its own credit per material; anything else is COURSE_NOT_AVAILABLE. */
export default defineAction(learningContracts.getCourse, {
  allow: ['worker'],
  companion: LEARNER_COMPANION,
  async run({ courseId }, ctx) {
    const person = callerPerson(ctx);
    const course = assertCourseOpen(await loadCourse(courseId), targetOf(person), ctx.now());
    // Video and PDF URLs for the H5 build (the weapp can also use the fileID): one storage call, no database round trip.
    const [learner, rating, urls] = await Promise.all([
      callerLearner(ctx, person),
      ctx.db.collection(C.ratings).doc(`rating:${person._id}:${courseId}`).get(),
      tempFileUrls(course.materials.flatMap((m) => (m.fileID ? [m.fileID] : [])), MATERIAL_URL_TTL_S),
    ]);
    const task = learner?.tasks?.[courseId];
    const ratingDoc = (Array.isArray(rating.data) ? rating.data[0] : rating.data) as { stars?: number } | null;
    return {
      course: {
        _id: course._id,
        title: course.title,
        materials: course.materials.map((m) => {
          const url = m.fileID ? urls.get(m.fileID) : undefined;
          return { ...m, creditedSeconds: Math.min(task?.materials[m._id] ?? 0, m.requiredSeconds), ...(url ? { url } : {}) };
        }),
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
