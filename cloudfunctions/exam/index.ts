import { createMain } from '../common/router';
import archiveExamTemplate from './actions/archiveExamTemplate';
import createBank from './actions/createBank';
import createQuestion from './actions/createQuestion';
import deleteBank from './actions/deleteBank';
import exportQuestions from './actions/exportQuestions';
import getExamTemplate from './actions/getExamTemplate';
import getQuestion from './actions/getQuestion';
import listBanks from './actions/listBanks';
import listExamTemplates from './actions/listExamTemplates';
import listQuestions from './actions/listQuestions';
import previewDrawingRule from './actions/previewDrawingRule';
import questionImportCommit from './actions/questionImportCommit';
import questionImportDryRun from './actions/questionImportDryRun';
import saveExamTemplate from './actions/saveExamTemplate';
import scoreUploadCommit from './actions/scoreUploadCommit';
import scoreUploadDryRun from './actions/scoreUploadDryRun';
import setQuestionStatus from './actions/setQuestionStatus';
import updateBank from './actions/updateBank';
import updateQuestion from './actions/updateQuestion';

/**
 * 考试 (issue 10, docs/exam-design.md). Question banks, import/export, drawing-rule previews,
 * templates and offline score uploads (part A).
 */
export const main = createMain('exam', {
  archiveExamTemplate,
  createBank,
  createQuestion,
  deleteBank,
  exportQuestions,
  getExamTemplate,
  getQuestion,
  listBanks,
  listExamTemplates,
  listQuestions,
  previewDrawingRule,
  questionImportCommit,
  questionImportDryRun,
  saveExamTemplate,
  scoreUploadCommit,
  scoreUploadDryRun,
  setQuestionStatus,
  updateBank,
  updateQuestion,
});
