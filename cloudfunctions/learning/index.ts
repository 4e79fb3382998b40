import { createMain } from '../common/router';
import checkpoint from './actions/checkpoint';
import createCourse from './actions/createCourse';
import getCourse from './actions/getCourse';
import courseRatings from './actions/courseRatings';
import courseCenter from './actions/courseCenter';
import courseCompletion from './actions/courseCompletion';
import remindLearners from './actions/remindLearners';
import sendReminders from './actions/sendReminders';
import createOfflineTraining from './actions/createOfflineTraining';
import listOfflineTrainings from './actions/listOfflineTrainings';
import voidOfflineTraining from './actions/voidOfflineTraining';
import hoursReport from './actions/hoursReport';
import getCourseDetail from './actions/getCourseDetail';
import identityCheckResult from './actions/identityCheckResult';
import identityCheckStart from './actions/identityCheckStart';
import issueCertificate from './actions/issueCertificate';
import leaderboard from './actions/leaderboard';
import listCourses from './actions/listCourses';
import myArchive from './actions/myArchive';
import myCertificates from './actions/myCertificates';
import myPoints from './actions/myPoints';
import myRank from './actions/myRank';
import myTasks from './actions/myTasks';
import newCourseVersion from './actions/newCourseVersion';
import previewReach from './actions/previewReach';
import publishCourse from './actions/publishCourse';
import rateCourse from './actions/rateCourse';
import startStudy from './actions/startStudy';
import unpublishCourse from './actions/unpublishCourse';
import updateCourse from './actions/updateCourse';
import verifyCertificate from './actions/verifyCertificate';

/** Learning (issue 9): course management (publishers); the workers' tasks, server-credited study, points, rankings, certificates, 一人一档. */
export const main = createMain('learning', {
  createCourse,
  updateCourse,
  listCourses,
  getCourseDetail,
  previewReach,
  publishCourse,
  unpublishCourse,
  newCourseVersion,
  myTasks,
  getCourse,
  startStudy,
  checkpoint,
  identityCheckStart,
  identityCheckResult,
  rateCourse,
  myPoints,
  myRank,
  leaderboard,
  issueCertificate,
  myCertificates,
  verifyCertificate,
  myArchive,
  courseRatings,
  courseCenter,
  courseCompletion,
  remindLearners,
  sendReminders,
  createOfflineTraining,
  listOfflineTrainings,
  voidOfflineTraining,
  hoursReport,
});
