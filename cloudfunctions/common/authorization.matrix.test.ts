/**
 * The role × action × scope matrix (ARCHITECTURE §9a): every action of every contract, called
 * through the real router by every kind of caller, answers either "passed authorization" or the
 * exact refusal written here. The expectations are declared by hand, independently of the actions'
 * `allow` lists, so a changed `allow` (or a scope check that goes missing) fails a named case; a new
 * action fails the coverage test (and the type check) until it has its row.
 *
 * "allow" means the call got past authorization: it may still fail for input or business reasons,
 * so any answer except the refusal codes below counts (INTERNAL and UNKNOWN_ACTION never do).
 * Scope is meaningful: ids in the inputs belong to the "own" side — a fresh enterprise in 滕州市
 * (tz_regulator's county) with a department, staff and pending requests.
 */
import { contracts, type ActionName, type FunctionName } from '../../shared/contracts';
import type { ErrorCode, Fail, Ok } from '../../shared/errors';
import { PRIVACY_NOTICE_VERSION } from '../../shared/privacy';
import { isoWeekKey } from '../../shared/calendar';
import { shanghaiMonth } from '../../shared/oversight/rollup';
import { functionNames } from '../../scripts/paths';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { enterpriseInput, freshCreditCode, freshIdNumber, newEnterprise, pendingRegistration } from '../org/orgTesting';
import { expectOk, startTestCloud, type CallOptions, type TestCloud } from './testing';
import { courseInput, createCourse as newCourse, publishedCourse } from '../learning/learningTesting';
import { createBank as newBank, createQuestion as newQuestion, createTemplate as newTemplate, judgeInput, oneJudgeRule } from '../exam/examTesting';
import { draftExam, examInput, publishedExam } from '../exam/examTesting';

jest.setTimeout(30_000);

/** Answers that mean "not past authorization". */
const REFUSALS = new Set<string>(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_IN_SCOPE', 'SESSION_EXPIRED', 'PASSWORD_CHANGE_REQUIRED']);

const CALLERS = [
  'guest', // no OPENID, no session
  'guestUnbound', // an OPENID bound to nobody
  'workerPending', // self-registered at the target enterprise, not approved yet
  'employee', // active at the target enterprise
  'workerLeft', // was employed at the target enterprise, 离职
  'sysadmin',
  'regulatorIn', // tz_regulator: 滕州市, the target's county
  'regulatorOut', // a regulator of 枣庄市市中区 (370402)
  'adminOwn', // the target enterprise's admin
  'adminOther', // ent_admin: another enterprise (also in 滕州市)
  'timer', // a real timer invocation (TRIGGER_SRC=timer)
] as const;
type Caller = (typeof CALLERS)[number];
type ConsoleCaller = Extract<Caller, 'sysadmin' | 'regulatorIn' | 'regulatorOut' | 'adminOwn' | 'adminOther'>;
type WorkerCaller = Extract<Caller, 'workerPending' | 'employee' | 'workerLeft'>;
const CONSOLE_CALLERS: readonly ConsoleCaller[] = ['sysadmin', 'regulatorIn', 'regulatorOut', 'adminOwn', 'adminOther'];
const WORKER_CALLERS: readonly WorkerCaller[] = ['workerPending', 'employee', 'workerLeft'];

type Expected = 'allow' | ErrorCode;
type Input = Record<string, unknown>;
interface Spec {
  expect: Record<Caller, Expected>;
  /** The action's input for this caller (ids of the "own" side); side effects get throwaway targets. */
  input?: (c: Caller) => Input | Promise<Input>;
  /** Puts back what an allowed call changed (a logout, a cancelled request) for the cases after it. */
  after?: (c: Caller, r: Ok<unknown> | Fail) => Promise<void>;
}

const A = 'allow';
const U = 'UNAUTHENTICATED';
const F = 'FORBIDDEN';
const S = 'NOT_IN_SCOPE';
/** One row, in the order of CALLERS. */
function row(...e: [Expected, Expected, Expected, Expected, Expected, Expected, Expected, Expected, Expected, Expected, Expected]): Record<Caller, Expected> {
  return Object.fromEntries(CALLERS.map((c, i) => [c, e[i]])) as Record<Caller, Expected>;
}

// ---------------------------------------------------------------- fixtures (filled in beforeAll)
let cloud: TestCloud;
const PASSWORD = 'Worker2026ok';
const CONSOLE_PASSWORD = 'Matrix2026ok';
interface Worker {
  personId: string;
  idNumber: string;
  openid: string;
  name: string;
  requestId: string;
}
const fx = {
  target: { _id: '', name: '' },
  deptId: '',
  deptName: '矩阵部门',
  secondAdminId: '',
  junkFileID: '',
  /** Courses of the "own" side: published by tz_regulator (regulators, sysadmin) and by the target's admin (admins). */
  trainingId: '',
  courses: { regulator: { draft: '', published: '', unpublished: '' }, admin: { draft: '', published: '', unpublished: '' } },
  /** Exam banks (one judge question each) and templates of the own side, as for courses. */
  exam: { regulator: { bankId: '', questionId: '', stem: '', templateId: '' }, admin: { bankId: '', questionId: '', stem: '', templateId: '' } },
  /** Exams of the "own" side (as courses), drawn from the side's bank. */
  exams: { regulator: { draft: '', published: '' }, admin: { draft: '', published: '' } },
  workers: {} as Record<WorkerCaller, Worker>,
  tokens: {} as Record<ConsoleCaller, string>,
  logins: {} as Record<ConsoleCaller, { username: string; password: string }>,
};
let seq = 0;
const uniq = () => `${Date.now().toString(36).slice(-4)}${(seq++).toString(36)}`;

const optsFor = (c: Caller): CallOptions => {
  if (c === 'timer') return { timer: true };
  if (c === 'guest') return {};
  if (c === 'guestUnbound') return { openid: 'o-mx-unbound' };
  if ((WORKER_CALLERS as readonly string[]).includes(c)) return { openid: fx.workers[c as WorkerCaller].openid };
  return { sessionToken: fx.tokens[c as ConsoleCaller] };
};

/** Calls an action as the caller: a timer invocation is a Timer event naming the action. */
function callAs(fn: string, action: string, c: Caller, input: Input, opts: CallOptions = optsFor(c)) {
  const event = c === 'timer' ? { Type: 'Timer', TriggerName: action } : { action, ...input };
  return cloud.call(fn, event, opts);
}

/** The outcome as the matrix names it: an expected exact code, "allow" for anything past authorization, else the code. */
function outcome(r: Ok<unknown> | Fail, expected: Expected): string {
  if (!r.ok && r.code === expected) return expected;
  if (r.ok || (!REFUSALS.has(r.code) && r.code !== 'INTERNAL' && r.code !== 'UNKNOWN_ACTION')) return 'allow';
  return r.code;
}

const asAdminOwn = (action: string, input: Input) => cloud.call('org', { action, ...input }, { sessionToken: fx.tokens.adminOwn });
/** A throwaway current employee of the target enterprise (for 离职 and password resets). */
async function freshStaff(): Promise<string> {
  const r = expectOk(await asAdminOwn('addStaff', { name: '矩阵临时工', idNumber: freshIdNumber(), postCategory: 'otherWorker', employmentType: 'regular' })) as { personId: string };
  return r.personId;
}

async function registerWorker(openid: string, name: string): Promise<Worker> {
  const idNumber = freshIdNumber();
  const r = expectOk(
    await cloud.call<{ personId: string; requestId: string }>(
      'identity',
      { action: 'register', name, idNumber, password: PASSWORD, enterpriseId: fx.target._id, postCategory: 'otherWorker', certificates: [], consentVersion: PRIVACY_NOTICE_VERSION },
      { openid },
    ),
  );
  return { personId: r.personId, requestId: r.requestId, idNumber, openid, name };
}

const workerLogin = (w: Worker, password = PASSWORD) => cloud.call('identity', { action: 'login', idNumber: w.idNumber, password }, { openid: w.openid });

// ---------------------------------------------------------------- the matrix
//                        guest unbound pending employee left sysadmin regIn regOut adminOwn adminOther timer
const ANYONE = row(A, A, A, A, A, A, A, A, A, A, F);
/** Anyone with an OPENID (the mini-program): console callers come without one. */
const WITH_OPENID = row(U, A, A, A, A, U, U, U, U, U, F);
const WORKER = row(U, U, A, A, A, U, U, U, U, U, F);
const CONSOLE_ANY = row(U, U, U, U, U, A, A, A, A, A, F);
/** Enterprise admins only, each on its own enterprise (no foreign id in the input). */
const ADMIN_OWN_ENTERPRISE = row(U, U, U, U, U, F, F, F, A, A, F);
/** Enterprise admins only, on an id of the target enterprise. */
const ADMIN_TARGET = row(U, U, U, U, U, F, F, F, A, S, F);
/** Console roles reading the target enterprise (regulators in scope, its own admin). */
const CONSOLE_TARGET = row(U, U, U, U, U, A, A, S, A, S, F);
/** Oversight reports: regulators in scope and the sysadmin; enterprise admins are not their readers. */
const REGULATOR_REPORT = row(U, U, U, U, U, A, A, S, F, F, F);
const TIMER_OR_SYSADMIN = row(U, U, U, U, U, A, F, F, F, F, A);
/** Course management on the own side's course: another region's regulator and another enterprise's admin get NOT_FOUND, as for a missing course. */
const COURSE_OWN = row(U, U, U, U, U, A, A, 'NOT_FOUND', A, 'NOT_FOUND', F);
/** The caller side's course of a kind (admins: the target admin's; everybody else: tz_regulator's). */
const courseFor = (c: Caller, kind: 'draft' | 'published' | 'unpublished') => (c === 'adminOwn' || c === 'adminOther' ? fx.courses.admin : fx.courses.regulator)[kind];
/** The caller side's organised exam of a kind (as courseFor). */
const ownExam = (c: Caller, kind: 'draft' | 'published') => (c === 'adminOwn' || c === 'adminOther' ? fx.exams.admin : fx.exams.regulator)[kind];
/** A fresh draft of the caller side's publisher (publishing changes it). */
const freshCourseFor = async (c: Caller) => (await newCourse(cloud, c === 'adminOwn' || c === 'adminOther' ? fx.tokens.adminOwn : fx.tokens.regulatorIn))._id;

/** Banks and templates: managed by their owner's unit (regulators: the subtree); foreign ids answer NOT_FOUND, as missing ones. */
const EXAM_OWN = COURSE_OWN;
const examBankFor = (c: Caller) => (c === 'adminOwn' || c === 'adminOther' ? fx.exam.admin : fx.exam.regulator).bankId;
const examFor = (c: Caller) => (c === 'adminOwn' || c === 'adminOther' ? fx.exam.admin : fx.exam.regulator);

const MATRIX: { [Fn in FunctionName]: { [Act in ActionName<Fn>]: Spec } } = {
  org: {
    searchEnterprises: { expect: ANYONE, input: () => ({ keyword: '' }) },
    listEnterprises: { expect: row(U, U, U, U, U, A, A, S, A, A, F), input: () => ({ regionCode: '370481' }) },
    listRegions: { expect: ANYONE, input: () => ({ parentCode: '3704' }) },
    // The target's credit code again: ENTERPRISE_EXISTS, nothing written.
    registerEnterprise: { expect: ANYONE, input: () => enterpriseInput({ creditCode: fx.target._id }) },
    getEnterprise: { expect: CONSOLE_TARGET, input: () => ({ enterpriseId: fx.target._id }) },
    updateEnterprise: { expect: ADMIN_OWN_ENTERPRISE, input: () => ({}) },
    verifyCreditCode: { expect: row(U, U, U, U, U, A, A, S, F, F, F), input: () => ({ enterpriseId: fx.target._id }) },
    listDepartments: { expect: CONSOLE_TARGET, input: () => ({ enterpriseId: fx.target._id }) },
    createDepartment: { expect: ADMIN_TARGET, input: () => ({ name: `矩阵子部门${uniq()}`, parentId: fx.deptId }) },
    renameDepartment: { expect: ADMIN_TARGET, input: () => ({ departmentId: fx.deptId, name: fx.deptName }) },
    // Looked up in the caller's own department tree only: a foreign id is NOT_FOUND (no oracle either way).
    moveDepartment: { expect: row(U, U, U, U, U, F, F, F, A, 'NOT_IN_SCOPE', F), input: () => ({ departmentId: fx.deptId, parentId: null }) },
    // The department holds the employee: the own admin gets DEPARTMENT_NOT_EMPTY, nothing deleted.
    deleteDepartment: { expect: ADMIN_TARGET, input: () => ({ departmentId: fx.deptId }) },
    listStaff: { expect: CONSOLE_TARGET, input: () => ({ enterpriseId: fx.target._id }) },
    // The target's employee: PERSON_EXISTS for its own admin, never claimable by another enterprise.
    addStaff: {
      expect: row(U, U, U, U, U, F, F, F, A, 'PERSON_EMPLOYED_ELSEWHERE', F),
      input: () => ({ name: fx.workers.employee.name, idNumber: fx.workers.employee.idNumber, postCategory: 'otherWorker', employmentType: 'regular' }),
    },
    updateStaff: { expect: ADMIN_TARGET, input: () => ({ personId: fx.workers.employee.personId, employmentType: 'regular' }) },
    leaveStaff: { expect: ADMIN_TARGET, input: async () => ({ personId: await freshStaff(), reason: '矩阵测试' }) },
    resetStaffPassword: { expect: ADMIN_TARGET, input: async () => ({ personId: await freshStaff() }) },
    // Not the sysadmin (README: the employer's admin and regulators in scope only).
    revealIdNumber: { expect: row(U, U, U, U, U, F, A, S, A, S, F), input: () => ({ personId: fx.workers.employee.personId }) },
    listRequests: { expect: ADMIN_OWN_ENTERPRISE, input: () => ({}) },
    pendingRequestCount: { expect: ADMIN_OWN_ENTERPRISE, input: () => ({}) },
    decideRequest: {
      expect: ADMIN_TARGET,
      input: async () => ({ requestId: (await pendingRegistration(cloud, fx.target, { name: '矩阵申请' })).requestId, decision: 'reject', reason: '矩阵测试' }),
    },
  },
  imports: {
    // An upload that is not a spreadsheet: IMPORT_INVALID after authorization, nothing written.
    staffImportDryRun: { expect: ADMIN_OWN_ENTERPRISE, input: () => ({ fileID: fx.junkFileID }) },
    staffImportCommit: { expect: ADMIN_OWN_ENTERPRISE, input: () => ({ fileID: fx.junkFileID, offset: 0, limit: 10 }) },
    // 基础名单: regulators and the sysadmin only; rows outside the caller's region are problems of the file
    // (imports.baselines.test.ts), a requested region outside it is NOT_IN_SCOPE.
    baselineDryRun: { expect: row(U, U, U, U, U, A, A, A, F, F, F), input: () => ({ fileID: fx.junkFileID, period: '2026-11', list: 'market' }) },
    baselineCommit: { expect: row(U, U, U, U, U, A, A, A, F, F, F), input: () => ({ fileID: fx.junkFileID, period: '2026-11', list: 'market', offset: 0, limit: 10 }) },
    baselinePeriods: { expect: row(U, U, U, U, U, A, A, A, F, F, F), input: () => ({}) },
    // A period nobody imported: nothing removed, nothing to put back.
    baselineClear: { expect: row(U, U, U, U, U, A, A, S, F, F, F), input: () => ({ period: '2001-01', list: 'market', regionCode: '370481' }) },
    baselineSummary: { expect: row(U, U, U, U, U, A, A, S, F, F, F), input: () => ({ period: '2026-11', regionCode: '370481' }) },
    listBaselines: { expect: row(U, U, U, U, U, A, A, S, F, F, F), input: () => ({ period: '2026-11', list: 'market', regionCode: '370481' }) },
    baselineReconcile: { expect: row(U, U, U, U, U, A, A, S, F, F, F), input: () => ({ kind: 'inactive', period: '2026-11', regionCode: '370481' }) },
  },
  files: {
    // A staff-import ticket is an enterprise admin's; any other signed-in caller is refused by purpose.
    requestUpload: { expect: row(U, U, F, F, F, F, F, F, A, A, F), input: () => ({ purpose: 'staffImport', name: '名单.xlsx', size: 1000, contentType: '' }) },
  },
  identity: {
    // The employee's ID number: PERSON_EXISTS, nothing written, no OPENID bound.
    register: {
      expect: WITH_OPENID,
      input: () => ({ name: '矩阵重复', idNumber: fx.workers.employee.idNumber, password: PASSWORD, enterpriseId: fx.target._id, postCategory: 'otherWorker', certificates: [], consentVersion: PRIVACY_NOTICE_VERSION }),
    },
    // An unknown ID number (its own failure counter): LOGIN_FAILED.
    login: { expect: WITH_OPENID, input: () => ({ idNumber: freshIdNumber(), password: 'Wrong2026xx' }) },
    logout: {
      expect: WORKER,
      after: async (c, r) => {
        if (r.ok && (WORKER_CALLERS as readonly string[]).includes(c)) expectOk(await workerLogin(fx.workers[c as WorkerCaller]));
      },
    },
    me: { expect: ANYONE },
    changePassword: { expect: WORKER, input: () => ({ oldPassword: 'Wrong2026xx', newPassword: 'Another2026x' }) },
    updateProfile: { expect: WORKER, input: () => ({}) },
    myEmployments: { expect: WORKER },
    // An enterprise that does not exist: ENTERPRISE_NOT_FOUND, no request filed.
    requestEmployerChange: { expect: WORKER, input: () => ({ enterpriseId: freshCreditCode() }) },
    // The pending worker's own request; other workers' → NOT_IN_SCOPE.
    cancelRequest: {
      expect: row(U, U, A, S, S, U, U, U, U, U, F),
      input: () => ({ requestId: fx.workers.workerPending.requestId }),
      after: async (c, r) => {
        if (!r.ok || c !== 'workerPending') return;
        const again = expectOk(await cloud.call<{ requestId: string }>('identity', { action: 'requestEmployerChange', enterpriseId: fx.target._id }, { openid: fx.workers.workerPending.openid }));
        fx.workers.workerPending.requestId = again.requestId;
      },
    },
    consoleLogin: { expect: ANYONE, input: () => ({ username: `mx_nobody_${uniq()}`, password: 'Wrong2026xx' }) },
    consoleMe: { expect: CONSOLE_ANY },
    consoleLogout: {
      expect: CONSOLE_ANY,
      after: async (c, r) => {
        if (r.ok && (CONSOLE_CALLERS as readonly string[]).includes(c)) fx.tokens[c as ConsoleCaller] = await cloud.login(fx.logins[c as ConsoleCaller].username, fx.logins[c as ConsoleCaller].password);
      },
    },
    consoleChangePassword: { expect: CONSOLE_ANY, input: () => ({ oldPassword: 'Wrong2026xx', newPassword: 'Another2026x' }) },
    // An admin account for the target enterprise.
    createAccount: {
      expect: row(U, U, U, U, U, A, A, S, A, S, F),
      input: () => ({ username: `mx_new_${uniq()}`, displayName: '矩阵新账号', role: 'enterpriseAdmin', enterpriseId: fx.target._id }),
    },
    listAccounts: { expect: CONSOLE_ANY, input: () => ({}) },
    // A second admin of the target enterprise, set to the status it has (no write when allowed).
    setAccountStatus: { expect: row(U, U, U, U, U, A, A, S, A, S, F), input: () => ({ accountId: fx.secondAdminId, status: 'active' }) },
    resetAccountPassword: { expect: row(U, U, U, U, U, A, A, S, A, S, F), input: () => ({ accountId: fx.secondAdminId }) },
  },
  learning: {
    createCourse: { expect: CONSOLE_ANY, input: () => ({ ...courseInput() }) },
    // No field changed: answers the draft, nothing written.
    updateCourse: { expect: COURSE_OWN, input: (c) => ({ courseId: courseFor(c, 'draft') }) },
    listCourses: { expect: CONSOLE_ANY, input: () => ({}) },
    getCourseDetail: { expect: COURSE_OWN, input: (c) => ({ courseId: courseFor(c, 'draft') }) },
    previewReach: { expect: COURSE_OWN, input: (c) => ({ courseId: courseFor(c, 'draft') }) },
    publishCourse: { expect: COURSE_OWN, input: async (c) => ({ courseId: await freshCourseFor(c) }) },
    // Already unpublished: answers the course, nothing written.
    unpublishCourse: { expect: COURSE_OWN, input: (c) => ({ courseId: courseFor(c, 'unpublished') }) },
    // The first allowed call makes the v2 draft; later ones answer it.
    newCourseVersion: { expect: COURSE_OWN, input: (c) => ({ courseId: courseFor(c, 'published') }) },
    courseRatings: { expect: COURSE_OWN, input: (c) => ({ courseId: courseFor(c, 'published') }) },
    courseCenter: { expect: ADMIN_OWN_ENTERPRISE, input: () => ({}) },
    // The target admin's course reaches only the target: another enterprise's admin gets NOT_FOUND, as for a missing course.
    courseCompletion: { expect: row(U, U, U, U, U, F, F, F, A, 'NOT_FOUND', F), input: () => ({ courseId: fx.courses.admin.published }) },
    remindLearners: { expect: row(U, U, U, U, U, F, F, F, A, 'NOT_FOUND', F), input: () => ({ courseId: fx.courses.admin.published }) },
    sendReminders: { expect: TIMER_OR_SYSADMIN },
    // The target's employee: another enterprise's admin cannot record it (PERSON_NOT_FOUND, as for a made-up id).
    createOfflineTraining: {
      expect: row(U, U, U, U, U, F, F, F, A, 'PERSON_NOT_FOUND', F),
      input: () => ({ date: '2026-01-05', topic: '矩阵线下培训', trainer: '张老师', hours: 2, attendeeIds: [fx.workers.employee.personId], requestId: `mx-${uniq()}-req` }),
    },
    listOfflineTrainings: { expect: ADMIN_OWN_ENTERPRISE, input: () => ({}) },
    voidOfflineTraining: { expect: row(U, U, U, U, U, F, F, F, A, 'NOT_FOUND', F), input: () => ({ trainingId: fx.trainingId, reason: '矩阵作废' }) },
    hoursReport: { expect: ADMIN_OWN_ENTERPRISE, input: () => ({ year: 2026 }) },
    // Worker actions: any bound person passes authorization; pending and former staff get no course
    // (COURSE_NOT_AVAILABLE), ids that are not the caller's get the same answer as missing ones.
    myTasks: { expect: WORKER },
    getCourse: { expect: WORKER, input: () => ({ courseId: 'crsmatrixnone' }) },
    startStudy: { expect: WORKER, input: () => ({ courseId: 'crsmatrixnone', materialId: 'm1' }) },
    checkpoint: { expect: WORKER, input: () => ({ sessionId: 'ssmatrixnone' }) },
    identityCheckStart: { expect: WORKER, input: () => ({ sessionId: 'ssmatrixnone' }) },
    identityCheckResult: { expect: WORKER, input: () => ({ sessionId: 'ssmatrixnone', checkId: 'chkmatrix', ticket: 'pass' }) },
    rateCourse: { expect: WORKER, input: () => ({ courseId: 'crsmatrixnone', stars: 5 }) },
    myPoints: { expect: WORKER },
    myRank: { expect: WORKER },
    leaderboard: { expect: WORKER, input: () => ({ scope: 'enterprise' }) },
    issueCertificate: { expect: WORKER, input: () => ({ year: 2026 }) },
    myCertificates: { expect: WORKER },
    // Public: the console's verification page calls it without a session.
    verifyCertificate: { expect: ANYONE, input: () => ({ code: 'ABCDEFGH' }) },
    myArchive: { expect: WORKER },
  },
  exam: {
    listBanks: { expect: CONSOLE_ANY, input: () => ({}) },
    createBank: { expect: CONSOLE_ANY, input: () => ({ name: '矩阵题库', requestId: `mx-${uniq()}-bank` }) },
    // No field changed: answers the bank, nothing written.
    updateBank: { expect: EXAM_OWN, input: (c) => ({ bankId: examFor(c).bankId }) },
    // The bank holds a question: QUESTION_BANK_NOT_EMPTY, nothing deleted.
    deleteBank: { expect: EXAM_OWN, input: (c) => ({ bankId: examFor(c).bankId }) },
    listQuestions: { expect: EXAM_OWN, input: (c) => ({ bankId: examFor(c).bankId }) },
    getQuestion: { expect: EXAM_OWN, input: (c) => ({ questionId: examFor(c).questionId }) },
    // The bank's own stem again: QUESTION_DUPLICATE, nothing written.
    createQuestion: { expect: EXAM_OWN, input: (c) => ({ bankId: examFor(c).bankId, requestId: `mx-${uniq()}-q`, question: judgeInput(examFor(c).stem) }) },
    // A stale version: CONFLICT, nothing written.
    updateQuestion: { expect: EXAM_OWN, input: (c) => ({ questionId: examFor(c).questionId, expectedVersion: 99, question: judgeInput(examFor(c).stem) }) },
    // The status it has: nothing written.
    setQuestionStatus: { expect: EXAM_OWN, input: (c) => ({ questionId: examFor(c).questionId, status: 'active' }) },
    // The admin's junk upload: FILE_NOT_FOUND / IMPORT_INVALID after authorization, nothing written.
    questionImportDryRun: { expect: EXAM_OWN, input: (c) => ({ bankId: examFor(c).bankId, fileID: fx.junkFileID }) },
    questionImportCommit: { expect: EXAM_OWN, input: (c) => ({ bankId: examFor(c).bankId, fileID: fx.junkFileID }) },
    exportQuestions: { expect: EXAM_OWN, input: (c) => ({ bankId: examFor(c).bankId }) },
    // Foreign banks count as empty (no oracle): anyone in the console may preview.
    previewDrawingRule: { expect: CONSOLE_ANY, input: (c) => ({ rule: oneJudgeRule(examFor(c).bankId), fullScore: 100 }) },
    // More questions than the bank holds: DRAWING_RULE_INVALID, nothing written.
    saveExamTemplate: { expect: CONSOLE_ANY, input: (c) => ({ name: '矩阵模板', industry: null, rule: oneJudgeRule(examFor(c).bankId, 5, 20), fullScore: 100, passScore: 60, durationMinutes: 30 }) },
    listExamTemplates: { expect: CONSOLE_ANY, input: () => ({}) },
    getExamTemplate: { expect: EXAM_OWN, input: (c) => ({ templateId: examFor(c).templateId }) },
    // The state it has: nothing written.
    archiveExamTemplate: { expect: EXAM_OWN, input: (c) => ({ templateId: examFor(c).templateId, archived: false }) },
    // Enterprise admins, their own staff only; the junk upload is refused after authorization (another admin: FILE_NOT_FOUND).
    scoreUploadDryRun: { expect: ADMIN_OWN_ENTERPRISE, input: () => ({ fileID: fx.junkFileID }) },
    scoreUploadCommit: { expect: ADMIN_OWN_ENTERPRISE, input: () => ({ fileID: fx.junkFileID }) },
    createExam: { expect: CONSOLE_ANY, input: (c) => ({ ...examInput(examBankFor(c), { rule: oneJudgeRule(examBankFor(c)) } as never) }) },
    // Drafts and published exams of the own side; another side's answers NOT_FOUND, as a missing one.
    updateExam: { expect: COURSE_OWN, input: (c) => ({ examId: ownExam(c, 'draft') }) },
    listExams: { expect: CONSOLE_ANY, input: () => ({}) },
    getExam: { expect: COURSE_OWN, input: (c) => ({ examId: ownExam(c, 'draft') }) },
    previewExamReach: { expect: COURSE_OWN, input: (c) => ({ examId: ownExam(c, 'draft') }) },
    // Already published: answers the exam, nothing written.
    publishExam: { expect: COURSE_OWN, input: (c) => ({ examId: ownExam(c, 'published') }) },
    // A draft cannot be cancelled (EXAM_NOT_EDITABLE: past authorization, nothing written).
    cancelExam: { expect: COURSE_OWN, input: (c) => ({ examId: ownExam(c, 'draft'), reason: '矩阵测试' }) },
    // Results of the own side's exam; another region's regulator and another enterprise's admin: NOT_FOUND, as a missing exam.
    examResults: { expect: COURSE_OWN, input: (c) => ({ examId: ownExam(c, 'published') }) },
    itemAnalysis: { expect: COURSE_OWN, input: (c) => ({ examId: ownExam(c, 'published') }) },
    // Attempt scope (the taker's county / enterprise, the organiser) is exercised in cloudfunctions/exam/exam.test.ts.
    attemptDetail: { expect: CONSOLE_ANY, input: () => ({ attemptId: 'att:exmatrix:none:1' }) },
    markCheating: { expect: row(U, U, U, U, U, F, A, A, A, A, F), input: () => ({ attemptId: 'att:exmatrix:none:1', reason: '矩阵测试' }) },
    listAppeals: { expect: CONSOLE_ANY, input: () => ({}) },
    decideAppeal: { expect: CONSOLE_ANY, input: () => ({ appealId: 'appeal:exmatrix:q:p', decision: 'reject', reply: '矩阵测试' }) },
    // 逢查必考: regulators, for an enterprise in scope (another region: NOT_IN_SCOPE, as a missing one); the rule asks for more
    // questions than the bank holds: DRAWING_RULE_INVALID after authorization, nothing written.
    createSpotExam: { expect: row(U, U, U, U, U, F, A, S, F, F, F), input: () => ({ enterpriseId: fx.target._id, rule: oneJudgeRule(fx.exam.regulator.bankId, 5, 20) }) },
    listSpotExams: { expect: row(U, U, U, U, U, A, A, A, F, F, F), input: () => ({ enterpriseId: fx.target._id }) },
    // No such code: SPOT_CODE_INVALID after authorization.
    joinSpotExam: { expect: WORKER, input: () => ({ code: 'ZZZZZZ' }) },
    myExams: { expect: WORKER },
    start: { expect: WORKER, input: () => ({ examId: 'exmatrixnone' }) },
    saveAnswer: { expect: WORKER, input: () => ({ attemptId: 'att:exmatrix:none:1', questionId: 'q-v1', answer: ['A'] }) },
    submit: { expect: WORKER, input: () => ({ attemptId: 'att:exmatrix:none:1' }) },
    practiceCheck: { expect: WORKER, input: () => ({ attemptId: 'att:exmatrix:none:1', questionId: 'q-v1', answer: ['A'] }) },
    startWrongBook: { expect: WORKER, input: () => ({ examId: 'exmatrixnone' }) },
    wrongBook: { expect: WORKER, input: () => ({}) },
    myAttempts: { expect: WORKER, input: () => ({ examId: 'exmatrixnone' }) },
    review: { expect: WORKER, input: () => ({ attemptId: 'att:exmatrix:none:1' }) },
    appeal: { expect: WORKER, input: () => ({ attemptId: 'att:exmatrix:none:1', questionId: 'q-v1', reason: '矩阵测试申诉理由' }) },
    myAppeals: { expect: WORKER },
    identityCheckStart: { expect: WORKER, input: () => ({ examId: 'exmatrixnone' }) },
    identityCheckResult: { expect: WORKER, input: () => ({ examId: 'exmatrixnone', checkId: 'chkmatrix', ticket: 'pass' }) },
    tick: { expect: TIMER_OR_SYSADMIN },
  },
  stats: {
    // Only the deployer's HMAC proof passes (no session, OPENID or timer does): cloudfunctions/stats/bootstrap.test.ts.
    bootstrap: { expect: row(U, U, U, U, U, U, U, U, U, U, F), input: () => ({ regions: [] }) },
    // The same: cloudfunctions/stats/reissueSysadminPassword.test.ts.
    reissueSysadminPassword: { expect: row(U, U, U, U, U, U, U, U, U, U, F), input: () => ({}) },
    nightly: { expect: TIMER_OR_SYSADMIN },
    rollupEnterpriseCounts: { expect: TIMER_OR_SYSADMIN },
    reconcileCounts: { expect: TIMER_OR_SYSADMIN },
    // fix: false only reports (the matrix runs it many times; nothing written).
    reconcileOversight: { expect: TIMER_OR_SYSADMIN, input: () => ({ fix: false }) },
  },
  oversight: {
    // Admins ask for the target enterprise (adminOther: another one's); regulators and the sysadmin for 滕州市.
    // More scope cases (sub-regions, enterprises, industries): cloudfunctions/oversight/dashboard.test.ts.
    dashboard: { expect: CONSOLE_TARGET, input: (c) => (c === 'adminOwn' || c === 'adminOther' ? { enterpriseId: fx.target._id } : { regionCode: '370481' }) },
    // Reports are the regulators' (and the sysadmin's): 滕州市 asked for; another county's regulator is refused.
    // More scope cases: cloudfunctions/oversight/report.test.ts.
    weeklyReport: { expect: REGULATOR_REPORT, input: () => ({ regionCode: '370481', week: isoWeekKey(new Date()) }) },
    monthlyReport: { expect: REGULATOR_REPORT, input: () => ({ regionCode: '370481', month: shanghaiMonth(new Date()) }) },
    annex3: { expect: REGULATOR_REPORT, input: () => ({ regionCode: '370481' }) },
    // tz_regulator's published exam: another region's regulator gets NOT_FOUND, as for a missing exam.
    annex4: { expect: row(U, U, U, U, U, A, A, 'NOT_FOUND', F, F, F), input: () => ({ examId: fx.exams.regulator.published }) },
    // Admins get their own enterprise's rank (no region asked); regulators and the sysadmin rank 滕州市. More: rankings.test.ts.
    rankings: { expect: row(U, U, U, U, U, A, A, S, A, A, F), input: (c) => (c === 'adminOwn' || c === 'adminOther' ? {} : { regionCode: '370481' }) },
    // Archives: regulators and the sysadmin search 滕州市 (another county's regulator is refused); admins their own enterprise.
    // More scope cases (industries, ID-number lookup, foreign ids): cloudfunctions/oversight/archives.test.ts.
    searchArchives: { expect: row(U, U, U, U, U, A, A, S, A, A, F), input: (c) => (c === 'adminOwn' || c === 'adminOther' ? { kind: 'person' } : { kind: 'enterprise', regionCode: '370481' }) },
    enterpriseArchive: { expect: CONSOLE_TARGET, input: () => ({ enterpriseId: fx.target._id }) },
    personArchive: { expect: row(U, U, U, U, U, A, A, S, A, S, F), input: () => ({ personId: fx.workers.employee.personId }) },
    // 合规清单: regulators and the sysadmin for 滕州市 (another county refused); admins their own enterprise's staff. More: compliance.test.ts.
    complianceList: { expect: row(U, U, U, U, U, A, A, S, A, A, F), input: (c) => (c === 'adminOwn' || c === 'adminOther' ? { list: 'expiring' } : { list: 'trainers', regionCode: '370481' }) },
    // 待办: every regulator reads its own scope (no input), admins are refused.
    todos: { expect: row(U, U, U, U, U, A, A, A, F, F, F) },
    auditLogs: { expect: CONSOLE_TARGET, input: () => ({ enterpriseId: fx.target._id }) },
  },
};

type Entry = { fn: FunctionName; action: string; spec: Spec };
const ENTRIES: Entry[] = (Object.keys(MATRIX) as FunctionName[]).flatMap((fn) =>
  Object.entries(MATRIX[fn] as Record<string, Spec>).map(([action, spec]) => ({ fn, action, spec })),
);
const entry = (fn: string, action: string) => ENTRIES.find((e) => e.fn === fn && e.action === action)!;
const inputFor = async (e: Entry, c: Caller) => (e.spec.input ? await e.spec.input(c) : {});

/** Actions a console session may call: a console caller passes, a guest with an OPENID does not. */
const CONSOLE_ACTIONS = ENTRIES.filter((e) => e.spec.expect.guestUnbound === U && CONSOLE_CALLERS.some((c) => !REFUSALS.has(e.spec.expect[c])));
/** Worker actions: some worker passes, a guest with an OPENID does not (plus `me`, which reads the worker). */
const WORKER_ACTIONS = [
  ...ENTRIES.filter((e) => e.spec.expect.guestUnbound === U && WORKER_CALLERS.some((c) => !REFUSALS.has(e.spec.expect[c]))),
  entry('identity', 'me'),
];
/** The console caller whose call would pass: the action's session cases use that role's accounts. */
const roleFor = (e: Entry): 'adminOwn' | 'regulatorIn' | 'sysadmin' => (['adminOwn', 'regulatorIn', 'sysadmin'] as const).find((c) => !REFUSALS.has(e.spec.expect[c]))!;
const PASSWORD_CHANGE_CONSOLE = new Set(['consoleMe', 'consoleChangePassword', 'consoleLogout']);
const PASSWORD_CHANGE_WORKER = new Set(['me', 'changePassword', 'logout']);

// ---------------------------------------------------------------- session fixtures
type Scenario = 'disabled' | 'passwordChanged' | 'loggedOut' | 'mustChangePassword';
const SCENARIOS: Scenario[] = ['disabled', 'passwordChanged', 'loggedOut', 'mustChangePassword'];
type Role = ReturnType<typeof roleFor>;
const sessionTokens = {} as Record<Role, Record<Scenario, string>>;
const mustChangeLogins = {} as Record<Role, { username: string; password: string }>;
let mustChangeWorker: Worker;

/** A console account of the role (regulator of 滕州市, admin of the target, or a sysadmin) with its initial password. */
async function newConsoleAccount(role: Role, label: string): Promise<{ username: string; password: string }> {
  const username = `mx_${label}_${uniq()}`.toLowerCase();
  if (role === 'sysadmin') {
    // createAccount makes no sysadmins: copy the demo one (same password), flagged as a fresh account.
    const admin = (await cloud.db().collection('accounts').doc('u:admin').get()).data as unknown as Record<string, unknown> | Record<string, unknown>[];
    const { _id: _drop, ...doc } = (Array.isArray(admin) ? admin[0] : admin) as Record<string, unknown>;
    await cloud.db().collection('accounts').add({ data: { ...doc, _id: `u:${username}`, username, displayName: '矩阵系统管理员', sessionVersion: 1, mustChangePassword: true, revokedSessions: [], createdAt: new Date() } });
    return { username, password: 'Anxue@2026' };
  }
  const input = role === 'regulatorIn' ? { role: 'regulator', regionCode: '370481' } : { role: 'enterpriseAdmin', enterpriseId: fx.target._id };
  const by = role === 'regulatorIn' ? fx.tokens.sysadmin : fx.tokens.adminOwn;
  const r = expectOk(await cloud.call<{ initialPassword: string }>('identity', { action: 'createAccount', username, displayName: '矩阵会话账号', ...input }, { sessionToken: by }));
  return { username, password: r.initialPassword };
}

const consoleCall = <T = unknown>(action: string, token: string, input: Input = {}) => cloud.call<T>('identity', { action, ...input }, { sessionToken: token });

/** Signs in with the initial password and changes it: a token that works. */
async function workingToken(login: { username: string; password: string }): Promise<string> {
  const first = await cloud.login(login.username, login.password);
  const changed = expectOk(await consoleCall<{ token: string }>('consoleChangePassword', first, { oldPassword: login.password, newPassword: CONSOLE_PASSWORD }));
  expectOk(await consoleCall('consoleMe', changed.token));
  return changed.token;
}

beforeAll(async () => {
  cloud = await startTestCloud();
  const t = await newEnterprise(cloud);
  fx.target._id = t.enterpriseId;
  fx.tokens.adminOwn = t.token;
  fx.logins.adminOwn = { username: t.username, password: 'Secret123' };
  for (const [c, u] of [['sysadmin', 'admin'], ['regulatorIn', 'tz_regulator'], ['adminOther', 'ent_admin']] as const) {
    fx.tokens[c] = await cloud.login(u);
    fx.logins[c] = { username: u, password: 'Anxue@2026' };
  }
  const ent = expectOk(await asAdminOwn('getEnterprise', {})) as { enterprise: { name: string } };
  fx.target.name = ent.enterprise.name;

  // A regulator of another county: created by the sysadmin, initial password changed.
  const out = expectOk(
    await consoleCall<{ initialPassword: string; account: { username: string } }>('createAccount', fx.tokens.sysadmin, {
      username: `mx_out_${uniq()}`,
      displayName: '市中区监管',
      role: 'regulator',
      regionCode: '370402',
    }),
  );
  const outLogin = { username: out.account.username, password: out.initialPassword };
  fx.tokens.regulatorOut = await workingToken(outLogin);
  fx.logins.regulatorOut = { username: outLogin.username, password: CONSOLE_PASSWORD };

  const dept = expectOk(await asAdminOwn('createDepartment', { name: fx.deptName })) as { department: { _id: string } };
  fx.deptId = dept.department._id;

  fx.workers.workerPending = await registerWorker('o-mx-pending', '矩阵待审');
  fx.workers.employee = await registerWorker('o-mx-employee', '矩阵在职');
  fx.workers.workerLeft = await registerWorker('o-mx-left', '矩阵离职');
  for (const w of [fx.workers.employee, fx.workers.workerLeft]) expectOk(await asAdminOwn('decideRequest', { requestId: w.requestId, decision: 'approve' }));
  expectOk(await asAdminOwn('updateStaff', { personId: fx.workers.employee.personId, departmentId: fx.deptId }));
  expectOk(await asAdminOwn('leaveStaff', { personId: fx.workers.workerLeft.personId }));

  const second = expectOk(await consoleCall<{ account: { _id: string } }>('createAccount', fx.tokens.adminOwn, { username: `mx_second_${uniq()}`, displayName: '矩阵第二管理员', role: 'enterpriseAdmin' }));
  fx.secondAdminId = second.account._id;
  fx.junkFileID = cloud.putFile('名单.xlsx', Buffer.from('not a spreadsheet'), fx.logins.adminOwn.username);
  for (const [side, token] of [['regulator', fx.tokens.regulatorIn], ['admin', fx.tokens.adminOwn]] as const) {
    fx.courses[side].draft = (await newCourse(cloud, token))._id;
    fx.courses[side].published = (await publishedCourse(cloud, token))._id;
    const off = (await publishedCourse(cloud, token))._id;
    expectOk(await cloud.call('learning', { action: 'unpublishCourse', courseId: off }, { sessionToken: token }));
    fx.courses[side].unpublished = off;
  }
  for (const [side, token] of [['regulator', fx.tokens.regulatorIn], ['admin', fx.tokens.adminOwn]] as const) {
    const bank = await newBank(cloud, token);
    const question = await newQuestion(cloud, token, bank._id);
    fx.exam[side] = { bankId: bank._id, questionId: question._id, stem: question.stem, templateId: (await newTemplate(cloud, token, bank._id))._id };
    fx.exams[side].draft = (await draftExam(cloud, token, bank._id, { rule: oneJudgeRule(bank._id) } as never))._id;
    fx.exams[side].published = (await publishedExam(cloud, token, bank._id, { rule: oneJudgeRule(bank._id) } as never))._id;
  }
  const training = expectOk(
    await cloud.call<{ training: { _id: string } }>(
      'learning',
      { action: 'createOfflineTraining', date: '2026-01-04', topic: '矩阵作废对象', trainer: '李老师', hours: 1, attendeeIds: [fx.workers.employee.personId], requestId: `mx-${uniq()}-fixture` },
      { sessionToken: fx.tokens.adminOwn },
    ),
  );
  fx.trainingId = training.training._id;

  // Session scenarios, one account per role and scenario.
  for (const role of ['adminOwn', 'regulatorIn', 'sysadmin'] as const) {
    const tokens = {} as Record<Scenario, string>;
    const disabled = await newConsoleAccount(role, 'dis');
    tokens.disabled = await workingToken(disabled);
    expectOk(await consoleCall('setAccountStatus', fx.tokens.sysadmin, { accountId: `u:${disabled.username}`, status: 'disabled' }));
    const changed = await newConsoleAccount(role, 'chg');
    tokens.passwordChanged = await workingToken(changed);
    expectOk(await consoleCall('consoleChangePassword', tokens.passwordChanged, { oldPassword: CONSOLE_PASSWORD, newPassword: 'Matrix2026ok2' }));
    const out2 = await newConsoleAccount(role, 'out');
    tokens.loggedOut = await workingToken(out2);
    expectOk(await consoleCall('consoleLogout', tokens.loggedOut));
    mustChangeLogins[role] = await newConsoleAccount(role, 'must');
    tokens.mustChangePassword = await cloud.login(mustChangeLogins[role].username, mustChangeLogins[role].password);
    sessionTokens[role] = tokens;
  }

  // A worker added by the admin, signed in with the one-time password (must change it).
  const idNumber = freshIdNumber();
  const added = expectOk(await asAdminOwn('addStaff', { name: '矩阵初始密码', idNumber, postCategory: 'otherWorker', employmentType: 'regular' })) as { personId: string; initialPassword: string };
  mustChangeWorker = { personId: added.personId, idNumber, openid: 'o-mx-mustchange', name: '矩阵初始密码', requestId: '' };
  const login = expectOk(await workerLogin(mustChangeWorker, added.initialPassword)) as { person: { mustChangePassword?: boolean } };
  expect(login.person.mustChangePassword).toBe(true);
}, 90_000);
afterAll(() => cloud?.close());

describe('coverage', () => {
  it('every function is in the contracts and in the matrix', () => {
    expect(Object.keys(contracts).sort()).toEqual(functionNames());
    expect(Object.keys(MATRIX).sort()).toEqual(functionNames());
  });

  it.each(functionNames())('%s: every contract action has a matrix entry, and every entry is a contract action', (fn) => {
    const inContract = Object.keys(contracts[fn as FunctionName]).sort();
    const inMatrix = Object.keys(MATRIX[fn as FunctionName]).sort();
    expect({ fn, missingFromMatrix: inContract.filter((a) => !inMatrix.includes(a)), notInContract: inMatrix.filter((a) => !inContract.includes(a)) }).toEqual({
      fn,
      missingFromMatrix: [],
      notInContract: [],
    });
  });

  it.each(functionNames())('%s: one action file per contract action, each defined with that contract', (fn) => {
    const files = readdirSync(join(__dirname, '..', fn, 'actions'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => f.slice(0, -3))
      .sort();
    expect(files).toEqual(Object.keys(contracts[fn as FunctionName]).sort());
    // index.ts routes exactly these (the router's table is not exported: read the imports it wires).
    const index = readFileSync(join(__dirname, '..', fn, 'index.ts'), 'utf8');
    expect([...index.matchAll(/from '\.\/actions\/(\w+)'/g)].map((m) => m[1]).sort()).toEqual(files);
    for (const name of files) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(`../${fn}/actions/${name}`) as { default: { contract: unknown; allow: unknown; run: unknown } };
      expect({ name, sameContract: mod.default.contract === (contracts[fn as FunctionName] as Record<string, unknown>)[name] }).toEqual({ name, sameContract: true });
      expect(Array.isArray(mod.default.allow) && typeof mod.default.run === 'function').toBe(true);
    }
  });
});

const CASES = ENTRIES.flatMap((e) => CALLERS.map((c) => [`${e.fn}.${e.action}`, c, e.spec.expect[c], e, c] as const));

describe('role × action × scope', () => {
  it.each(CASES)('%s as %s → %s', async (_name, _c, expected, e, c) => {
    const r = await callAs(e.fn, e.action, c, await inputFor(e, c));
    expect(outcome(r, expected)).toBe(expected);
    if (r.ok) expect(r.data).toBeDefined();
    await e.spec.after?.(c, r);
  });
});

describe('lists hold only what is in the caller’s scope', () => {
  type Items = { items: Record<string, unknown>[] };
  const list = async (fn: string, action: string, c: ConsoleCaller, input: Input) => (expectOk(await callAs(fn, action, c, input)) as Items).items;
  const SEES: [string, string, () => Input, (items: Record<string, unknown>[]) => boolean, Record<ConsoleCaller, boolean>][] = [
    ['org', 'listEnterprises', () => ({ keyword: fx.target.name }), (items) => items.some((i) => i._id === fx.target._id), { sysadmin: true, regulatorIn: true, regulatorOut: false, adminOwn: true, adminOther: false }],
    ['identity', 'listAccounts', () => ({ keyword: fx.logins.adminOwn.username }), (items) => items.some((i) => i.username === fx.logins.adminOwn.username), { sysadmin: true, regulatorIn: true, regulatorOut: false, adminOwn: true, adminOther: false }],
    ['learning', 'listCourses', () => ({ pageSize: 100 }), (items) => items.some((i) => i._id === fx.courses.regulator.draft), { sysadmin: true, regulatorIn: true, regulatorOut: false, adminOwn: false, adminOther: false }],
    ['learning', 'listCourses', () => ({ pageSize: 100 }), (items) => items.some((i) => i._id === fx.courses.admin.draft), { sysadmin: true, regulatorIn: false, regulatorOut: false, adminOwn: true, adminOther: false }],
    ['exam', 'listBanks', () => ({ pageSize: 100 }), (items) => items.some((i) => i._id === fx.exam.regulator.bankId), { sysadmin: true, regulatorIn: true, regulatorOut: false, adminOwn: false, adminOther: false }],
    ['exam', 'listBanks', () => ({ pageSize: 100 }), (items) => items.some((i) => i._id === fx.exam.admin.bankId), { sysadmin: true, regulatorIn: false, regulatorOut: false, adminOwn: true, adminOther: false }],
    ['exam', 'listExamTemplates', () => ({ pageSize: 100 }), (items) => items.some((i) => i._id === fx.exam.regulator.templateId), { sysadmin: true, regulatorIn: true, regulatorOut: false, adminOwn: false, adminOther: false }],
    ['exam', 'listExamTemplates', () => ({ pageSize: 100 }), (items) => items.some((i) => i._id === fx.exam.admin.templateId), { sysadmin: true, regulatorIn: false, regulatorOut: false, adminOwn: true, adminOther: false }],
  ];
  it.each(SEES.flatMap(([fn, action, input, sees, by]) => CONSOLE_CALLERS.map((c) => [`${fn}.${action}`, c, by[c], fn, action, input, sees] as const)))(
    '%s as %s lists the target: %s',
    async (_name, c, expected, fn, action, input, sees) => {
      expect(sees(await list(fn, action, c, input()))).toBe(expected);
    },
  );

  it('逢查必考 of the target (created by its county regulator) are listed by the sysadmin and regulators over it, not by another region', async () => {
    const created = expectOk(await callAs('exam', 'createSpotExam', 'regulatorIn', { enterpriseId: fx.target._id, rule: oneJudgeRule(fx.exam.regulator.bankId), inspectionId: `mx-${uniq()}` })) as { exam: { _id: string } };
    const sees = async (c: ConsoleCaller) => (await list('exam', 'listSpotExams', c, { enterpriseId: fx.target._id, pageSize: 50 })).some((i) => i.examId === created.exam._id);
    expect(await sees('sysadmin')).toBe(true);
    expect(await sees('regulatorIn')).toBe(true);
    expect(await sees('regulatorOut')).toBe(false);
    expect((await list('exam', 'listSpotExams', 'regulatorOut', { pageSize: 50 })).some((i) => i.examId === created.exam._id)).toBe(false);
  });

  it('another enterprise’s admin lists none of the target’s staff, departments or requests (no enterpriseId: its own)', async () => {
    const staff = await list('org', 'listStaff', 'adminOther', { keyword: fx.workers.employee.idNumber });
    expect(staff).toEqual([]);
    for (const status of ['active', 'left']) expect(await list('org', 'listStaff', 'adminOther', { status, pageSize: 100 })).not.toContainEqual(expect.objectContaining({ _id: fx.workers.workerLeft.personId }));
    expect(await list('org', 'listDepartments', 'adminOther', {})).not.toContainEqual(expect.objectContaining({ _id: fx.deptId }));
    const requests = await list('org', 'listRequests', 'adminOther', { status: 'all', pageSize: 100 });
    expect(requests.filter((r) => r.enterpriseId === fx.target._id)).toEqual([]);
    // The own admin sees them (so the checks above are not vacuous).
    expect(await list('org', 'listStaff', 'adminOwn', { keyword: fx.workers.employee.idNumber })).toContainEqual(expect.objectContaining({ _id: fx.workers.employee.personId }));
    expect(await list('org', 'listDepartments', 'adminOwn', {})).toContainEqual(expect.objectContaining({ _id: fx.deptId }));
    expect((await list('org', 'listRequests', 'adminOwn', { status: 'all', pageSize: 100 })).length).toBeGreaterThan(0);
    // 线下培训 and 课程中心: the target's records and its own courses stay with the target.
    expect(await list('learning', 'listOfflineTrainings', 'adminOther', { pageSize: 100 })).not.toContainEqual(expect.objectContaining({ _id: fx.trainingId }));
    expect(await list('learning', 'listOfflineTrainings', 'adminOwn', { pageSize: 100 })).toContainEqual(expect.objectContaining({ _id: fx.trainingId }));
    expect(await list('learning', 'courseCenter', 'adminOther', { pageSize: 50 })).not.toContainEqual(expect.objectContaining({ _id: fx.courses.admin.published }));
    expect(await list('learning', 'courseCenter', 'adminOwn', { pageSize: 50 })).toContainEqual(expect.objectContaining({ _id: fx.courses.admin.published }));
  });
});

describe('console sessions are checked on every call', () => {
  const cases = CONSOLE_ACTIONS.flatMap((e) =>
    SCENARIOS.map((s) => {
      const expected: Expected = s === 'mustChangePassword' ? (PASSWORD_CHANGE_CONSOLE.has(e.action) ? A : 'PASSWORD_CHANGE_REQUIRED') : 'SESSION_EXPIRED';
      return [`${e.fn}.${e.action}`, s, expected, e] as const;
    }),
  );
  it.each(cases)('%s with a token (%s) → %s', async (_name, s, expected, e) => {
    const role = roleFor(e);
    const r = await callAs(e.fn, e.action, role, await inputFor(e, role), { sessionToken: sessionTokens[role][s] });
    expect(outcome(r, expected)).toBe(expected);
    // A logout while the change is due is allowed: sign in again so the later cases keep a token.
    if (r.ok && e.action === 'consoleLogout') sessionTokens[role][s] = await cloud.login(mustChangeLogins[role].username, mustChangeLogins[role].password);
  });

  const MANGLED: [string, (t: string) => string][] = [
    ['two parts', (t) => t.split('.').slice(0, 2).join('.')],
    ['four parts', (t) => `${t}.${t.split('.')[2]}`],
    ['a tampered signature', (t) => t.slice(0, -2) + (t.slice(-2) === 'AA' ? 'BB' : 'AA')],
    [
      'forged claims (a later expiry) under the old signature',
      (t) => {
        const [v, body, sig] = t.split('.');
        const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { exp: number };
        return [v, Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 3_600_000 })).toString('base64url'), sig].join('.');
      },
    ],
  ];
  const malformed = CONSOLE_ACTIONS.flatMap((e) => MANGLED.map(([label, mangle]) => [`${e.fn}.${e.action}`, label, e, mangle] as const));
  it.each(malformed)('%s with %s → UNAUTHENTICATED', async (_name, _label, e, mangle) => {
    const role = roleFor(e);
    const r = await callAs(e.fn, e.action, role, await inputFor(e, role), { sessionToken: mangle(fx.tokens[role]) });
    expect(outcome(r, U)).toBe(U);
  });
});

describe('a worker who must change the one-time password', () => {
  // The logout last: it unbinds the OPENID.
  const ordered = [...WORKER_ACTIONS.filter((e) => e.action !== 'logout'), ...WORKER_ACTIONS.filter((e) => e.action === 'logout')];
  const cases = ordered.map((e) => [`${e.fn}.${e.action}`, PASSWORD_CHANGE_WORKER.has(e.action) ? A : 'PASSWORD_CHANGE_REQUIRED', e] as const);
  it.each(cases)('%s → %s', async (_name, expected, e) => {
    const r = await callAs(e.fn, e.action, 'employee', await inputFor(e, 'employee'), { openid: mustChangeWorker.openid });
    expect(outcome(r, expected)).toBe(expected);
  });
});
