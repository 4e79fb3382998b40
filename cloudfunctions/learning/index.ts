import { createMain } from '../common/router';
import createCourse from './actions/createCourse';
import getCourseDetail from './actions/getCourseDetail';
import listCourses from './actions/listCourses';
import newCourseVersion from './actions/newCourseVersion';
import previewReach from './actions/previewReach';
import publishCourse from './actions/publishCourse';
import unpublishCourse from './actions/unpublishCourse';
import updateCourse from './actions/updateCourse';

/** Learning: course management (publishers) and, with the study actions, the workers' side. */
export const main = createMain('learning', {
  createCourse,
  updateCourse,
  listCourses,
  getCourseDetail,
  previewReach,
  publishCourse,
  unpublishCourse,
  newCourseVersion,
});
