import { orgContracts } from './org';
import { identityContracts } from './identity';
import { statsContracts } from './stats';
import { staffContracts } from './staff';
import { importsContracts } from './imports';
import { filesContracts } from './files';
import { learningFunctionContracts } from './learning';
import { oversightContracts } from './oversight';
import { examAdminContracts as ea, examBankContracts, examTimerContracts, examWorkerContracts as ew } from './exam';

/**
 * Function `exam` as built so far (issue 10): banks, templates and score uploads (part A); taking
 * and organising exams (part B). Becomes `examFunctionContracts` once practice (practiceCheck,
 * 错题本), spot exams, results and item analysis land.
 */
const examContracts = {
  ...examBankContracts,
  previewDrawingRule: ea.previewDrawingRule,
  saveExamTemplate: ea.saveExamTemplate,
  listExamTemplates: ea.listExamTemplates,
  getExamTemplate: ea.getExamTemplate,
  archiveExamTemplate: ea.archiveExamTemplate,
  scoreUploadDryRun: ea.scoreUploadDryRun,
  scoreUploadCommit: ea.scoreUploadCommit,
  myExams: ew.myExams,
  start: ew.start,
  saveAnswer: ew.saveAnswer,
  submit: ew.submit,
  practiceCheck: ew.practiceCheck,
  startWrongBook: ew.startWrongBook,
  wrongBook: ew.wrongBook,
  joinSpotExam: ew.joinSpotExam,
  createSpotExam: ea.createSpotExam,
  listSpotExams: ea.listSpotExams,
  myAttempts: ew.myAttempts,
  review: ew.review,
  appeal: ew.appeal,
  myAppeals: ew.myAppeals,
  identityCheckStart: ew.identityCheckStart,
  identityCheckResult: ew.identityCheckResult,
  createExam: ea.createExam,
  updateExam: ea.updateExam,
  listExams: ea.listExams,
  getExam: ea.getExam,
  previewExamReach: ea.previewExamReach,
  publishExam: ea.publishExam,
  cancelExam: ea.cancelExam,
  examResults: ea.examResults,
  itemAnalysis: ea.itemAnalysis,
  attemptDetail: ea.attemptDetail,
  markCheating: ea.markCheating,
  listAppeals: ea.listAppeals,
  decideAppeal: ea.decideAppeal,
  ...examTimerContracts,
};

/** Every cloud function and its actions. The only list clients may call. */
export const contracts = {
  org: { ...orgContracts, ...staffContracts },
  imports: importsContracts,
  identity: identityContracts,
  stats: statsContracts,
  files: filesContracts,
  learning: learningFunctionContracts,
  exam: examContracts,
  oversight: oversightContracts,
} as const;

export type Contracts = typeof contracts;
export type FunctionName = keyof Contracts;
export type ActionName<F extends FunctionName> = keyof Contracts[F] & string;

export * from './define';
export * from './common';
export * from './org';
export * from './identity';
export * from './stats';
export * from './people';
export * from './staff';
export * from './imports';
export * from './courses';
export * from './learning';
export * from './files';
export * from './exam';
export * from './oversight';
