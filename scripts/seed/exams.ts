import { shanghai } from '../../shared/calendar';
import type { BankRow, ExamDetail, ExamFieldsInput } from '../../shared/contracts/exam';
import type { DrawingRuleInput } from '../../shared/exam/drawing';
import type { QuestionImportProblem } from '../../shared/exam/questions';
import { consoleCall, consoleLogin, consoleUpload } from '../localcloud/consoleClient';
import type { UploadPurpose } from '../../shared/uploads';
import { DEMO_PASSWORD } from './demo';
import { DEMO_QUESTIONS } from './questions';
import { questionWorkbook } from './questions/workbook';

/**
 * The demo exams, set up the way a regulator does it in the console: 滕州市应急管理局
 * (`tz_regulator`) creates a 题库, imports the seeded questions from an .xlsx in the template format
 * (upload ticket, dry run, chunked commit), then creates and publishes a practice exam and a formal
 * exam (100 questions: 60 single + 20 multiple + 20 judge, 1 point each, 60 minutes, pass 80) open
 * from today for six months and pushed to the county — ent_admin's workers included.
 *
 * Idempotent step by step (a crash halfway is finished by the next start): the bank has a fixed
 * request id, the import skips stems already in the bank, the exams have fixed request ids too and
 * a draft left behind is published. The caller records a marker when it returns.
 */
export const EXAM_SEED_MARKER = 'meta:seed:exams:v1';
export const DEMO_EXAM_PUBLISHER = 'tz_regulator';
export const DEMO_BANK_NAME = '安全生产通用题库';
const BANK_REQUEST_ID = 'seed-demo-bank-v1';

/** How the seed reaches the functions as a console user: HTTP against the local cloud, or a test cloud in jest. */
export interface ConsoleApi {
  login(username: string, password: string): Promise<string>;
  call<T>(fn: string, action: string, input: Record<string, unknown>, token: string): Promise<T>;
  /** Uploads as the session's account (`username` names it for clouds without upload tickets); answers the fileID. */
  upload(token: string, username: string, body: Buffer, name: string, opts: { purpose: UploadPurpose; type: string }): Promise<string>;
}

export const httpConsoleApi = (url: string): ConsoleApi => ({
  login: (username, password) => consoleLogin(url, username, password),
  call: (fn, action, input, token) => consoleCall(url, fn, action, input, token),
  upload: (token, _username, body, name, opts) => consoleUpload(url, token, body, name, opts),
});

export interface DemoExams {
  bank: BankRow;
  practice: ExamDetail;
  formal: ExamDetail;
}

/** 60 × 单选 + 20 × 多选 + 20 × 判断, 1 point each = 100 (the issue's paper). */
export const demoPaperRule = (bankId: string): DrawingRuleInput => ({
  sections: [
    { title: '一、单选题', from: { bankIds: [bankId] }, type: 'single', count: 60, scorePerQuestion: 1 },
    { title: '二、多选题', from: { bankIds: [bankId] }, type: 'multiple', count: 20, scorePerQuestion: 1 },
    { title: '三、判断题', from: { bankIds: [bankId] }, type: 'judge', count: 20, scorePerQuestion: 1 },
  ],
});

export function demoExamInputs(bankId: string, now: Date): { practice: ExamFieldsInput; formal: ExamFieldsInput } {
  // Days as in China, whatever the server's zone: open from 00:00 of the seed's day (Beijing time).
  const today = shanghai(now).startOf('day');
  const window = { opensAt: today.toISOString(), closesAt: today.add(6, 'month').endOf('day').toISOString() };
  const paper = { rule: demoPaperRule(bankId), fullScore: 100, passScore: 80, durationMinutes: 60, ...window };
  const year = today.year();
  return {
    practice: { ...paper, title: `${year}年度安全生产知识练习`, kind: 'practice', allowReview: true, appealDays: 0 },
    formal: {
      ...paper,
      title: `${year}年度滕州市从业人员安全生产考试`,
      kind: 'formal',
      // Two attempts: the demo can be failed once and retaken.
      retake: { mode: 'attempts', maxAttempts: 2 },
      allowReview: true,
      appealDays: 7,
    },
  };
}

async function ensureExam(api: ConsoleApi, token: string, input: ExamFieldsInput, requestId: string): Promise<ExamDetail> {
  // A fixed request id makes the create once-only (a re-run answers the stored exam), and
  // publishExam answers a published exam as it is, so this also finishes a draft left by a crash.
  const { exam } = await api.call<{ exam: ExamDetail }>('exam', 'createExam', { ...input, requestId } as unknown as Record<string, unknown>, token);
  return (await api.call<{ exam: ExamDetail }>('exam', 'publishExam', { examId: exam._id }, token)).exam;
}

/** `target`: the running local cloud's URL, or a ConsoleApi. */
export async function seedDemoExams(target: string | ConsoleApi, opts: { log?: (m: string) => void; now?: Date } = {}): Promise<DemoExams> {
  const api = typeof target === 'string' ? httpConsoleApi(target) : target;
  const log = opts.log ?? (() => undefined);
  const now = opts.now ?? new Date();
  const token = await api.login(DEMO_EXAM_PUBLISHER, DEMO_PASSWORD);
  let { bank } = await api.call<{ bank: BankRow }>(
    'exam',
    'createBank',
    { name: DEMO_BANK_NAME, description: '安全生产法律法规、消防、危险化学品、特种作业、有限空间、用电、高处作业、应急救援、职业健康、粉尘防爆、劳动防护用品等通用知识。', requestId: BANK_REQUEST_ID },
    token,
  );
  const held = bank.counts.single + bank.counts.multiple + bank.counts.judge;
  if (held < DEMO_QUESTIONS.length) {
    const fileID = await api.upload(token, DEMO_EXAM_PUBLISHER, questionWorkbook(), `${DEMO_BANK_NAME}.xlsx`, {
      purpose: 'questionImport',
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    const dry = await api.call<{ problems: QuestionImportProblem[] }>('exam', 'questionImportDryRun', { bankId: bank._id, fileID }, token);
    // Stems already in the bank (a re-run after a crash) are skipped by the commit, not problems.
    const blocking = dry.problems.filter((p) => p.code !== 'DUPLICATE_STEM');
    if (blocking.length) throw new Error(`demo question file: ${blocking.map((p) => `第${p.row}行 ${p.column}：${p.reason}`).join('; ')}`);
    let offset = 0;
    let created = 0;
    for (;;) {
      const r = await api.call<{ processed: number; done: boolean; created: number }>('exam', 'questionImportCommit', { bankId: bank._id, fileID, offset, limit: 200 }, token);
      created += r.created;
      offset = r.processed;
      if (r.done) break;
    }
    bank = (await api.call<{ bank: BankRow }>('exam', 'createBank', { name: DEMO_BANK_NAME, requestId: BANK_REQUEST_ID }, token)).bank;
    log(`  question bank: ${bank.name} (${created} imported; ${bank.counts.single} single, ${bank.counts.multiple} multiple, ${bank.counts.judge} judge)`);
  }
  const inputs = demoExamInputs(bank._id, now);
  const practice = await ensureExam(api, token, inputs.practice, 'seed-demo-practice-v1');
  const formal = await ensureExam(api, token, inputs.formal, 'seed-demo-formal-v1');
  log(`  exams: ${practice.title} (练习), ${formal.title} (正式考试), open until ${formal.closesAt.slice(0, 10)}`);
  return { bank, practice, formal };
}
