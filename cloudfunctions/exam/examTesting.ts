/** Arrangements shared by the exam action tests and the authorization matrix (not shipped: only index.ts and its imports are bundled). */
import type { BankRow, ExamTemplate } from '../../shared/contracts/exam';
import type { Question, QuestionInput } from '../../shared/exam/questions';
import { expectOk, type TestCloud } from '../common/testing';

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
export const requestIdOf = () => `req-${uniq()}`;

export const exam = <T = unknown>(cloud: TestCloud, token: string, action: string, input: Record<string, unknown> = {}) => cloud.call<T>('exam', { action, ...input }, { sessionToken: token });

export async function createBank(cloud: TestCloud, token: string, overrides: Record<string, unknown> = {}): Promise<BankRow> {
  return expectOk(await exam<{ bank: BankRow }>(cloud, token, 'createBank', { name: `安全生产题库${seq++}`, requestId: requestIdOf(), ...overrides })).bank;
}

export function judgeInput(stem = `作业前应检查安全防护用品是否完好${uniq()}`): QuestionInput {
  return { type: 'judge', stem, answer: ['A'], analysis: '《安全生产法》要求从业人员正确佩戴和使用劳动防护用品。' };
}

export function singleInput(stem = `进入施工现场必须（ ）${uniq()}`): QuestionInput {
  return { type: 'single', stem, options: ['戴好安全帽', '穿拖鞋', '酒后作业', '无证操作'], answer: ['A'], analysis: '安全帽是基本防护用品。', tags: { knowledgePoints: ['劳动防护用品'] } };
}

export async function createQuestion(cloud: TestCloud, token: string, bankId: string, question: QuestionInput = judgeInput()): Promise<Question> {
  return expectOk(await exam<{ question: Question }>(cloud, token, 'createQuestion', { bankId, requestId: requestIdOf(), question })).question;
}

/** One judge question worth the full score: the smallest valid rule over a bank. */
export const oneJudgeRule = (bankId: string, count = 1, scorePerQuestion = 100) => ({ sections: [{ from: { bankIds: [bankId] }, type: 'judge', count, scorePerQuestion }] });

export async function createTemplate(cloud: TestCloud, token: string, bankId: string, overrides: Record<string, unknown> = {}): Promise<ExamTemplate> {
  return expectOk(
    await exam<{ template: ExamTemplate }>(cloud, token, 'saveExamTemplate', { name: `建筑施工模板${uniq()}`, industry: null, rule: oneJudgeRule(bankId), fullScore: 100, passScore: 80, durationMinutes: 60, ...overrides }),
  ).template;
}
