import { coursesContracts } from '../../../shared/contracts/courses';
import { defineAction } from '../../common/action';
import { loadManagedCourse } from '../courseAdmin';
import { toCourseDetail } from '../courseDoc';

/** A course the caller manages (a foreign id answers as a missing one). */
export default defineAction(coursesContracts.getCourseDetail, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ courseId }, ctx) {
    return { course: toCourseDetail(await loadManagedCourse(ctx, courseId)) };
  },
});
