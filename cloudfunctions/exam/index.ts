import { createMain } from '../common/router';
import appeal from './actions/appeal';
import archiveExamTemplate from './actions/archiveExamTemplate';
import attemptDetail from './actions/attemptDetail';
import cancelExam from './actions/cancelExam';
import createBank from './actions/createBank';
import createExam from './actions/createExam';
import createQuestion from './actions/createQuestion';
import createSpotExam from './actions/createSpotExam';
import decideAppeal from './actions/decideAppeal';
import deleteBank from './actions/deleteBank';
import exportQuestions from './actions/exportQuestions';
import examResults from './actions/examResults';
import getExam from './actions/getExam';
import getExamTemplate from './actions/getExamTemplate';
import getQuestion from './actions/getQuestion';
import identityCheckResult from './actions/identityCheckResult';
import identityCheckStart from './actions/identityCheckStart';
import itemAnalysis from './actions/itemAnalysis';
import joinSpotExam from './actions/joinSpotExam';
import listAppeals from './actions/listAppeals';
import listBanks from './actions/listBanks';
import listExamTemplates from './actions/listExamTemplates';
import listExams from './actions/listExams';
import listQuestions from './actions/listQuestions';
import listSpotExams from './actions/listSpotExams';
import markCheating from './actions/markCheating';
import myAppeals from './actions/myAppeals';
import myAttempts from './actions/myAttempts';
import myExams from './actions/myExams';
import practiceCheck from './actions/practiceCheck';
import previewDrawingRule from './actions/previewDrawingRule';
import previewExamReach from './actions/previewExamReach';
import publishExam from './actions/publishExam';
import questionImportCommit from './actions/questionImportCommit';
import questionImportDryRun from './actions/questionImportDryRun';
import review from './actions/review';
import saveAnswer from './actions/saveAnswer';
import saveExamTemplate from './actions/saveExamTemplate';
import scoreUploadCommit from './actions/scoreUploadCommit';
import scoreUploadDryRun from './actions/scoreUploadDryRun';
import setQuestionStatus from './actions/setQuestionStatus';
import start from './actions/start';
import startWrongBook from './actions/startWrongBook';
import submit from './actions/submit';
import tick from './actions/tick';
import updateBank from './actions/updateBank';
import updateExam from './actions/updateExam';
import updateQuestion from './actions/updateQuestion';
import wrongBook from './actions/wrongBook';

/**
 * 考试 (issue 10, docs/exam-design.md). Question banks, import/export, drawing-rule previews,
 * templates and offline score uploads (part A); organised exams and taking them — start / save /
 * submit with server deadlines, retakes, 作弊, appeals, the expiry timer (part B); practice feedback,
 * the 错题本 and 逢查必考 spot exams.
 */
export const main = createMain('exam', {
  appeal,
  archiveExamTemplate,
  attemptDetail,
  cancelExam,
  createBank,
  createExam,
  createQuestion,
  createSpotExam,
  decideAppeal,
  deleteBank,
  exportQuestions,
  examResults,
  getExam,
  getExamTemplate,
  getQuestion,
  identityCheckResult,
  identityCheckStart,
  itemAnalysis,
  joinSpotExam,
  listAppeals,
  listBanks,
  listExamTemplates,
  listExams,
  listQuestions,
  listSpotExams,
  markCheating,
  myAppeals,
  myAttempts,
  myExams,
  practiceCheck,
  previewDrawingRule,
  previewExamReach,
  publishExam,
  questionImportCommit,
  questionImportDryRun,
  review,
  saveAnswer,
  saveExamTemplate,
  scoreUploadCommit,
  scoreUploadDryRun,
  setQuestionStatus,
  start,
  startWrongBook,
  submit,
  tick,
  updateBank,
  updateExam,
  updateQuestion,
  wrongBook,
});
