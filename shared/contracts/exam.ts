import { z } from 'zod';
import { contract } from './define';
import { keyword, page, pageSize, safeLine, safeLines, type Paged } from './common';
import type { ReachPreview } from './courses';
import { pushRuleInput, regionCodeInput, type PushRule } from '../learning/pushRule';
import { INDUSTRY_CODES, type IndustryCode, type PostCategoryCode } from '../taxonomy';
import { DIFFICULTIES, QUESTION_STATUSES, QUESTION_TYPES, type QuestionType } from '../exam/basics';
import { questionInput, type Question, type QuestionImportProblem } from '../exam/questions';
import { drawingRuleInput, type DrawingRule, type DrawingValidation } from '../exam/drawing';
import type { PublicQuestion, ReviewItem } from '../exam/grading';
import { EXAM_KINDS, type AttemptStatus, type ExamKind, type MyExamStatus, type PersonOutcome } from '../exam/attemptState';
import type { AppealStatus, ItemFlag } from '../exam/itemAnalysis';

/**
 * Function `exam` (issue 10). Worker actions first: `myExams`, `start`, `saveAnswer`, `submit` are
 * the scripting contract — keep their shapes. Answer keys and analysis never appear in a
 * worker's payload before grading (`findAnswerLeaks` in shared/exam/grading.ts scans for them).
 * Times are ISO strings. See docs/exam-design.md for collections, ids and round trips.
 */
const id = z.string().min(1).max(64);
const isoTime = z.iso.datetime({ offset: true });
const reason = z.string().trim().min(2, '请填写原因（至少2个字）').max(200).refine(...safeLine);
const title = z.string().trim().min(2, '标题至少2个字').max(60, '标题不能超过60个字').refine(...safeLine);
const fileID = z.string().trim().min(1).max(512);
/** Client-made id so a retried create writes once. */
const requestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

// ---------------------------------------------------------------------------------------------
// Worker

export interface MyExamItem {
  examId: string;
  title: string;
  kind: ExamKind;
  durationMinutes: number;
  fullScore: number;
  passScore: number;
  opensAt: string;
  closesAt: string;
  /** Attempts the worker may still start (null: unlimited — practice and mock). */
  attemptsLeft: number | null;
  status: MyExamStatus;
  /** 逢查必考: an inspector's on-site spot exam (the list shows a tag). */
  spot: boolean;
}

export interface StartOutput {
  attemptId: string;
  /** The server's deadline: min(start + duration, window close). */
  deadline: string;
  questions: PublicQuestion[];
  /** Resuming: the answers saved so far (displayed letters per question id). */
  saved?: Record<string, string[]>;
  /** The server's clock when it answered: the page counts down against it, not the phone's (which may be wrong). */
  serverNow?: string;
}

export interface AttemptRow {
  attemptId: string;
  attemptNo: number;
  window: 'primary' | 'retake';
  status: AttemptStatus;
  startedAt: string;
  deadline: string;
  submittedAt: string | null;
  score: number | null;
  fullScore: number;
  passed: boolean | null;
  /** Seconds from start to submission (expired: to the deadline). */
  timeUsedSeconds: number | null;
  cheating: boolean;
}

export interface AppealRow {
  appealId: string;
  examId: string;
  examTitle: string;
  attemptId: string;
  questionId: string;
  stem: string;
  reason: string;
  status: AppealStatus;
  reply: string | null;
  createdAt: string;
  decidedAt: string | null;
  /** Admin lists only. */
  person?: { personId: string; name: string; idMasked: string; enterpriseName: string | null };
}

const answerLetters = z.array(z.string().trim().toUpperCase().max(2)).max(8);

export const examWorkerContracts = {
  /** Exams pushed to the caller (push rule match, no per-person fan-out) plus spot exams joined. */
  myExams: contract<{ items: MyExamItem[] }>()(z.object({})),
  /** Starts or resumes (same attempt, same paper, any device, until the deadline). ≤ 3 round trips. */
  start: contract<StartOutput>()(z.object({ examId: id })),
  /** One question's answer, saved as the worker goes (`[]` clears it). ANSWER_INVALID, ATTEMPT_EXPIRED, ATTEMPT_SUBMITTED. ≤ 2 round trips. */
  saveAnswer: contract<{ saved: true }>()(z.object({ attemptId: id, questionId: id, answer: answerLetters })),
  /** Grades on the server from what was saved; every repeat answers the same. ≤ 3 round trips. */
  submit: contract<{ score: number; fullScore: number; passed: boolean }>()(z.object({ attemptId: id })),

  /** Practice only: saves the answer, locks it (ANSWER_LOCKED afterwards) and tells whether it was right, with the key and 解析. */
  practiceCheck: contract<{ correct: boolean; correctAnswer: string[]; analysis: string }>()(z.object({ attemptId: id, questionId: id, answer: answerLetters.min(1, '请先作答') })),
  /** A practice round over the caller's 错题本 of a practice exam (wrong answers not yet answered right since). */
  startWrongBook: contract<StartOutput>()(z.object({ examId: id })),
  /** The 错题本 page, newest mistake first; `examId` of each entry is the practice exam to re-practise it in (startWrongBook). */
  wrongBook: contract<Paged<{ questionId: string; examId: string; type: QuestionType; stem: string; wrongCount: number; lastWrongAt: string }>>()(
    z.object({ examId: id.optional(), page, pageSize: pageSize(50) }),
  ),
  myAttempts: contract<{ items: AttemptRow[] }>()(z.object({ examId: id })),
  /** After grading, if the exam allows review (REVIEW_NOT_ALLOWED, ATTEMPT_NOT_GRADED). */
  review: contract<{ score: number; fullScore: number; passed: boolean; cheating: boolean; items: ReviewItem[] }>()(z.object({ attemptId: id })),
  /** 申诉 on one question after review, within the exam's appeal days; one per person and question (APPEAL_EXISTS). */
  appeal: contract<{ appealId: string; status: AppealStatus }>()(z.object({ attemptId: id, questionId: id, reason: z.string().trim().min(5, '请说明申诉理由（至少5个字）').max(500).refine(...safeLines) })),
  myAppeals: contract<{ items: AppealRow[] }>()(z.object({})),
  /** 逢查必考: the short code / QR of a spot exam; only that enterprise's workers (SPOT_CODE_INVALID otherwise, same as a wrong code). */
  joinSpotExam: contract<{ examId: string; title: string }>()(z.object({ code: z.string().trim().toUpperCase().regex(/^[0-9A-Z]{6}$/, '考试码为6位字母或数字') })),
  /** Exams requiring an identity check: start refuses (IDENTITY_CHECK_REQUIRED) until one passed for this exam in the last 10 minutes. */
  identityCheckStart: contract<{ checkId: string; verifier: 'simulated' | 'wechatFace'; params?: Record<string, string> }>()(z.object({ examId: id })),
  identityCheckResult: contract<{ passed: boolean }>()(z.object({ examId: id, checkId: id, ticket: z.string().max(512).optional() })),
};

// ---------------------------------------------------------------------------------------------
// Admin: banks and questions (regulators in their region subtree, enterprise admins their own, sysadmin)

export interface BankRow {
  _id: string;
  name: string;
  description: string;
  /** A course's bank (practice and mock of that course) or a stand-alone industry bank (null). */
  courseId: string | null;
  industries: IndustryCode[];
  owner: { role: 'sysadmin' | 'regulator' | 'enterpriseAdmin'; regionCode?: string; enterpriseId?: string; name: string };
  /** Rollup counters of current, active questions by type. */
  counts: Record<QuestionType, number>;
  updatedAt: string;
}

export type QuestionRow = Pick<Question, '_id' | 'lineageId' | 'version' | 'type' | 'stem' | 'difficulty' | 'status' | 'tags' | 'updatedAt'>;

const bankFields = {
  name: title,
  description: z.string().trim().max(500).refine(...safeLines).optional().default(''),
  courseId: id.nullable().optional().default(null),
  industries: z.array(z.enum(INDUSTRY_CODES)).max(INDUSTRY_CODES.length).optional().default([]),
};

export const examBankContracts = {
  /** `bankId`: that one bank (the console's question page header); a foreign id lists nothing, like a missing one. */
  listBanks: contract<Paged<BankRow>>()(z.object({ keyword, bankId: id.optional(), courseId: id.optional(), industry: z.enum(INDUSTRY_CODES).optional(), page, pageSize: pageSize(100) })),
  createBank: contract<{ bank: BankRow }>()(z.object({ ...bankFields, requestId })),
  updateBank: contract<{ bank: BankRow }>()(z.object({ bankId: id, name: bankFields.name.optional(), description: z.string().trim().max(500).refine(...safeLines).optional(), industries: bankFields.industries.optional() })),
  /** Only an empty bank (QUESTION_BANK_NOT_EMPTY): questions are disabled, never deleted (attempts keep them). */
  deleteBank: contract<{ deleted: true }>()(z.object({ bankId: id })),
  listQuestions: contract<Paged<QuestionRow>>()(
    z.object({
      bankId: id,
      keyword,
      type: z.enum(QUESTION_TYPES).optional(),
      status: z.enum(QUESTION_STATUSES).optional(),
      difficulty: z.enum(DIFFICULTIES).optional(),
      knowledgePoint: z.string().trim().max(30).optional(),
      page,
      pageSize: pageSize(100),
    }),
  ),
  /** The current version with its key and analysis (admins of the bank only) and the version list. */
  getQuestion: contract<{ question: Question; versions: { _id: string; version: number; updatedAt: string }[] }>()(z.object({ questionId: id })),
  /** QUESTION_INVALID (details: QuestionProblem[] with stable codes), QUESTION_DUPLICATE. */
  createQuestion: contract<{ question: Question }>()(z.object({ bankId: id, requestId, question: questionInput })),
  /** A changed content makes version + 1 (attempts keep theirs); `expectedVersion` guards lost edits (CONFLICT). */
  updateQuestion: contract<{ question: Question; changed: boolean }>()(z.object({ questionId: id, expectedVersion: z.number().int().min(1), question: questionInput })),
  setQuestionStatus: contract<{ question: Question }>()(z.object({ questionId: id, status: z.enum(QUESTION_STATUSES) })),
  /** Writes nothing: per-row problems by row number and column header; duplicates of the bank's stems counted. */
  questionImportDryRun: contract<{ total: number; create: number; duplicates: number; problems: QuestionImportProblem[] }>()(z.object({ bankId: id, fileID })),
  /** Refuses a file with problems other than duplicates; idempotent per file content (lineage ids from the file hash and row). */
  questionImportCommit: contract<{ processed: number; total: number; done: boolean; created: number; skipped: number }>()(
    z.object({ bankId: id, fileID, offset: z.number().int().min(0).optional().default(0), limit: z.number().int().min(1).max(200).optional().default(200) }),
  ),
  /** Template rows (QUESTION_TEMPLATE_COLUMNS) of current questions, in pages; the console writes the xlsx. */
  exportQuestions: contract<{ header: string[]; rows: string[][]; total: number; done: boolean }>()(
    z.object({ bankId: id, offset: z.number().int().min(0).optional().default(0), limit: z.number().int().min(1).max(500).optional().default(500) }),
  ),
};

// ---------------------------------------------------------------------------------------------
// Admin: drawing rules, exam templates, organised exams

export interface ExamTemplate {
  _id: string;
  name: string;
  industry: IndustryCode | null;
  description: string;
  rule: DrawingRule;
  fullScore: number;
  passScore: number;
  durationMinutes: number;
  owner: BankRow['owner'];
  archived: boolean;
  updatedAt: string;
}

export const RETAKE_MODES = ['none', 'attempts', 'secondWindow'] as const;
export const retakeInput = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }),
  z.object({ mode: z.literal('attempts'), maxAttempts: z.number().int().min(2, '至少2次').max(10) }),
  z.object({ mode: z.literal('secondWindow'), opensAt: isoTime, closesAt: isoTime, maxAttempts: z.number().int().min(1).max(5).optional().default(1) }),
]);

export const EXAM_TIERS = ['enterprise', 'county', 'city', 'province'] as const;
export type ExamTier = (typeof EXAM_TIERS)[number];
export const EXAM_TIER_ZH: Record<ExamTier, string> = { enterprise: '企业组织', county: '县区组织', city: '市级组织', province: '全省大统考' };
export type ExamStatus = 'draft' | 'published' | 'cancelled';

const examShape = {
  title,
  kind: z.enum(EXAM_KINDS),
  /** The course whose banks a practice or mock draws from (also shown with the course). */
  courseId: id.nullable(),
  /** Either a rule or a saved template's (copied at save: later template edits do not move the exam). */
  rule: drawingRuleInput.optional(),
  templateId: id.optional(),
  fullScore: z.number().min(1).max(1000),
  passScore: z.number().min(0).max(1000),
  durationMinutes: z.number().int().min(1).max(600),
  opensAt: isoTime,
  closesAt: isoTime,
  retake: retakeInput,
  identityCheck: z.enum(['none', 'start']),
  /** After grading, the worker sees answers, keys and analysis. */
  allowReview: z.boolean(),
  /** 多选题 partial credit (少选得分): null = all-or-nothing. */
  multiplePartialRatio: z.number().min(0.1).max(0.9).nullable(),
  appealDays: z.number().int().min(0).max(30),
  pushRule: pushRuleInput,
};

export const examFields = z
  .object({
    ...examShape,
    courseId: examShape.courseId.optional().default(null),
    retake: retakeInput.optional().default({ mode: 'none' }),
    identityCheck: examShape.identityCheck.optional().default('none'),
    allowReview: examShape.allowReview.optional().default(true),
    multiplePartialRatio: examShape.multiplePartialRatio.optional().default(null),
    appealDays: examShape.appealDays.optional().default(7),
    pushRule: pushRuleInput.prefault({}),
    /** Client-made: a retried or replayed create writes one draft and answers it. */
    requestId: requestId.optional(),
  })
  .refine((e) => (e.rule ? 1 : 0) + (e.templateId ? 1 : 0) === 1, { message: '请设置抽题规则或选择考试模板', path: ['rule'] })
  .refine((e) => e.passScore <= e.fullScore, { message: '及格分不能高于满分', path: ['passScore'] })
  .refine((e) => Date.parse(e.opensAt) < Date.parse(e.closesAt), { message: '结束时间应晚于开始时间', path: ['closesAt'] });
export type ExamFieldsInput = z.input<typeof examFields>;

export interface ExamDetail {
  _id: string;
  title: string;
  kind: ExamKind;
  tier: ExamTier;
  courseId: string | null;
  rule: DrawingRule;
  fullScore: number;
  passScore: number;
  durationMinutes: number;
  opensAt: string;
  closesAt: string;
  retake: z.output<typeof retakeInput>;
  identityCheck: 'none' | 'start';
  allowReview: boolean;
  multiplePartialRatio: number | null;
  appealDays: number;
  pushRule: PushRule;
  status: ExamStatus;
  /** 逢查必考 only. */
  spot?: { enterpriseId: string; inspectionId: string | null; code: string };
  /** Question version ids voided by accepted appeals. */
  voidedQuestionIds: string[];
  publisher: BankRow['owner'] & { accountId: string };
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export type ExamRow = Pick<ExamDetail, '_id' | 'title' | 'kind' | 'tier' | 'status' | 'fullScore' | 'passScore' | 'durationMinutes' | 'opensAt' | 'closesAt' | 'publishedAt'> & {
  /** Rollup counters (summed shards, not a scan). */
  started: number;
  graded: number;
  passed: number;
  /** 逢查必考 only: the inspected enterprise (its name for the list) and the code. */
  spot?: NonNullable<ExamDetail['spot']> & { enterpriseName: string | null };
};

export interface ResultRow {
  personId: string;
  name: string;
  idMasked: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  departmentName: string | null;
  postCategory: PostCategoryCode;
  outcome: PersonOutcome;
  /** Best graded attempt (null: none). */
  score: number | null;
  attempts: number;
  lastSubmittedAt: string | null;
  source: 'online' | 'uploaded';
  cheating: { reason: string; by: string; at: string } | null;
  bestAttemptId: string | null;
}

/** A 逢查必考 exam with its code and counts (attempts: started; graded = submitted or expired; passed excludes 作弊). */
export interface SpotExamRow {
  examId: string;
  title: string;
  code: string;
  qrText: string;
  inspectionId: string | null;
  enterpriseId: string;
  enterpriseName: string;
  opensAt: string;
  closesAt: string;
  /** Published and before its close: workers of the enterprise can still join with the code. */
  open: boolean;
  status: ExamStatus;
  fullScore: number;
  passScore: number;
  durationMinutes: number;
  createdBy: string;
  started: number;
  graded: number;
  passed: number;
  failed: number;
  cheating: number;
}

export const examAdminContracts = {
  /** Counts per section against the banks' current questions; nothing saved. */
  previewDrawingRule: contract<DrawingValidation>()(z.object({ rule: drawingRuleInput, fullScore: z.number().min(1).max(1000) })),
  /** 考试模板 (per industry): a saved drawing rule with defaults; DRAWING_RULE_INVALID (details: the validation). */
  saveExamTemplate: contract<{ template: ExamTemplate }>()(
    z
      .object({
        templateId: id.optional(),
        name: title,
        industry: z.enum(INDUSTRY_CODES).nullable(),
        description: z.string().trim().max(500).refine(...safeLines).optional().default(''),
        rule: drawingRuleInput,
        fullScore: z.number().min(1).max(1000),
        passScore: z.number().min(0).max(1000),
        durationMinutes: z.number().int().min(1).max(600),
      })
      .refine((t) => t.passScore <= t.fullScore, { message: '及格分不能高于满分', path: ['passScore'] }),
  ),
  listExamTemplates: contract<Paged<ExamTemplate>>()(z.object({ keyword, industry: z.enum(INDUSTRY_CODES).optional(), includeArchived: z.boolean().optional().default(false), page, pageSize: pageSize(100) })),
  getExamTemplate: contract<{ template: ExamTemplate; validation: DrawingValidation }>()(z.object({ templateId: id })),
  archiveExamTemplate: contract<{ template: ExamTemplate }>()(z.object({ templateId: id, archived: z.boolean() })),

  /** 组织考试: a draft; the push rule is narrowed to the publisher's scope (PUSH_RULE_OUT_OF_SCOPE); the rule is validated (DRAWING_RULE_INVALID). */
  createExam: contract<{ exam: ExamDetail; validation: DrawingValidation }>()(examFields),
  /** Drafts only (EXAM_NOT_EDITABLE); published exams may only extend `closesAt` and change `title`. */
  updateExam: contract<{ exam: ExamDetail; validation: DrawingValidation }>()(
    z.object(examShape).partial().extend({ examId: id, expectedUpdatedAt: z.string().max(40).optional() }),
  ),
  listExams: contract<Paged<ExamRow>>()(
    z.object({
      keyword,
      kind: z.enum(EXAM_KINDS).optional(),
      status: z.enum(['draft', 'published', 'cancelled', 'all']).optional().default('all'),
      /** true: only 逢查必考 spot exams (the inspector's list); false: only the others; absent: all. */
      spot: z.boolean().optional(),
      /** mine: the exams the caller manages (default); reaching: published exams whose push rule reaches the caller's scope (the results viewer's list). */
      scope: z.enum(['mine', 'reaching']).optional().default('mine'),
      page,
      pageSize: pageSize(100),
    }),
  ),
  getExam: contract<{ exam: ExamDetail }>()(z.object({ examId: id })),
  /** Count queries only (as the learning issue's reach preview). */
  previewExamReach: contract<ReachPreview>()(z.object({ examId: id.optional(), pushRule: pushRuleInput.optional() })),
  /** ≤ 2 writes whatever the reach (no per-person fan-out); re-validates the rule against the banks. */
  publishExam: contract<{ exam: ExamDetail; reach: { persons: number; enterprises: number } }>()(z.object({ examId: id })),
  /** Ends a published exam now; attempts in progress are graded with what was saved. */
  cancelExam: contract<{ exam: ExamDetail }>()(z.object({ examId: id, reason })),

  /** Per targeted person (缺考 derived after close); regulators: their subtree, enterprise admins: own staff. */
  examResults: contract<Paged<ResultRow> & { summary: Record<PersonOutcome, number> }>()(
    z.object({
      examId: id,
      outcome: z.enum(['notStarted', 'inProgress', 'pending', 'passed', 'failed', 'absent', 'cheating', 'all']).optional().default('all'),
      regionCode: regionCodeInput.optional(),
      enterpriseId: id.optional(),
      departmentId: id.optional(),
      keyword,
      page,
      pageSize: pageSize(100),
    }),
  ),
  /** One attempt with the paper, answers and keys, for the organiser and regulators in scope. */
  attemptDetail: contract<{ attempt: AttemptRow & { personId: string; name: string; idMasked: string }; items: ReviewItem[] }>()(z.object({ attemptId: id })),
  /** 作弊: regulator in scope or the organising enterprise; counts as failed (ATTEMPT_ALREADY_MARKED for a different reason). Audited. */
  markCheating: contract<{ attempt: AttemptRow }>()(z.object({ attemptId: id, reason })),

  /** Offline enterprise exams: xlsx (身份证号码, 成绩, 考试日期, 考试名称) into the persons' records, marked uploaded. Writes nothing. */
  scoreUploadDryRun: contract<{ total: number; create: number; unchanged: number; problems: { row: number; column: string; reason: string; name?: string }[] }>()(z.object({ fileID, fullScore: z.number().min(1).max(1000).optional().default(100), passScore: z.number().min(0).max(1000).optional().default(80) })),
  /** Own current staff only (others are problems); idempotent per person, exam name and date. */
  scoreUploadCommit: contract<{ processed: number; total: number; done: boolean; created: number; skipped: number }>()(
    z.object({ fileID, fullScore: z.number().min(1).max(1000).optional().default(100), passScore: z.number().min(0).max(1000).optional().default(80), offset: z.number().int().min(0).optional().default(0), limit: z.number().int().min(1).max(200).optional().default(200) }),
  ),

  /** 逢查必考: an inspector's short exam for one enterprise in scope, open now for `validMinutes`; a 6-character code (unique via a lock document) and QR text. */
  createSpotExam: contract<{ exam: ExamDetail; code: string; qrText: string }>()(
    z
      .object({
        enterpriseId: id,
        inspectionId: id.nullable().optional().default(null),
        title: title.optional(),
        templateId: id.optional(),
        rule: drawingRuleInput.optional(),
        fullScore: z.number().min(1).max(1000).optional().default(100),
        passScore: z.number().min(0).max(1000).optional().default(80),
        durationMinutes: z.number().int().min(5).max(120).optional().default(20),
        validMinutes: z.number().int().min(10).max(24 * 60).optional().default(120),
        /** Client-made: a retried create answers the same exam and code. */
        requestId: requestId.optional(),
      })
      .refine((e) => (e.rule ? 1 : 0) + (e.templateId ? 1 : 0) === 1, { message: '请设置抽题规则或选择考试模板', path: ['rule'] }),
  ),
  /**
   * 逢查必考 exams of enterprises in the caller's scope (regulators: region subtree and industries;
   * sysadmin all), newest first, by inspection or enterprise, with their counts (one aggregate per
   * page). Per person: examResults of the exam.
   */
  listSpotExams: contract<Paged<SpotExamRow>>()(
    z.object({ inspectionId: id.optional(), enterpriseId: id.optional(), state: z.enum(['open', 'closed', 'all']).optional().default('all'), page, pageSize: pageSize(50) }),
  ),

  /** 题目分析 of a formal exam: per question, overall or per region / industry; flags facility < 0.2 and negative discrimination. */
  itemAnalysis: contract<{
    responses: number;
    groups: { key: string; name: string; items: { questionId: string; type: QuestionType; stem: string; n: number; facility: number; discrimination: number | null; flags: ItemFlag[]; voided: boolean }[] }[];
  }>()(z.object({ examId: id, by: z.enum(['overall', 'region', 'industry']).optional().default('overall') })),

  listAppeals: contract<Paged<AppealRow>>()(z.object({ examId: id.optional(), status: z.enum(['pending', 'accepted', 'rejected', 'all']).optional().default('pending'), page, pageSize: pageSize(100) })),
  /** Accepting voids the question for the whole exam and rescores every attempt that drew it (idempotent; APPEAL_NOT_PENDING for the loser of a race). */
  decideAppeal: contract<{ appeal: AppealRow; rescored: number; nowPassed: number }>()(
    z.object({ appealId: z.string().min(1).max(200), decision: z.enum(['accept', 'reject']), reply: z.string().trim().min(2, '请填写处理意见').max(500).refine(...safeLines) }),
  ),
};

/**
 * The `exam` function's timer (every minute): grades attempts past their deadline with what was saved
 * and grants passes; then the rollup pass (docs/exam-design.md "Rollups": persons whose contribution
 * moved, documents written, lost pass points repaired, exams closed; `busy` when another pass holds the lease).
 */
export const examTimerContracts = {
  tick: contract<{ expired: number; granted: number; rollup: { persons: number; documents: number; granted: number; closed: number; busy: boolean } }>()(z.object({})),
};

/** Every action of function `exam` (`contracts.exam`). */
export const examFunctionContracts = { ...examWorkerContracts, ...examBankContracts, ...examAdminContracts, ...examTimerContracts };
