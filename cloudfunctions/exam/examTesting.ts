/** Arrangements shared by the exam action tests and the authorization matrix (not shipped: only index.ts and its imports are bundled). */
import type { BankRow, ExamDetail, ExamFieldsInput, ExamTemplate } from '../../shared/contracts/exam';
import type { Question, QuestionInput } from '../../shared/exam/questions';
import { expectOk, type TestCloud } from '../common/testing';
import { randomBytes } from 'crypto';
import type { QuestionType } from '../../shared/exam/basics';
import type { DrawingRuleInput } from '../../shared/exam/drawing';
import { makeQuestion } from '../../shared/exam/testPool';
import { regionPath } from '../../shared/regions';

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

/**
 * A bank with many questions, inserted in the stored shape (`questionBanks`, `questions` = shared/exam
 * Question versions) — faster than creating them one by one. Drawing uses banks the publisher manages.
 */
export async function addBank(
  cloud: TestCloud,
  counts: Partial<Record<QuestionType, number>> = { judge: 20, single: 20, multiple: 20 },
  owner: { role: 'sysadmin' | 'regulator' | 'enterpriseAdmin'; regionCode?: string; enterpriseId?: string } = { role: 'sysadmin' },
): Promise<string> {
  const bankId = `qb${randomBytes(8).toString('hex')}`;
  const at = new Date();
  await cloud.db().collection('questionBanks').add({
    data: { _id: bankId, name: `测试题库${bankId.slice(-4)}`, description: '', courseId: null, industries: [], owner: { ...owner, name: '测试' }, ownerRegions: owner.regionCode ? regionPath(owner.regionCode) : [], counts: { single: 0, multiple: 0, judge: 0, ...counts }, createdAt: at, updatedAt: at },
  });
  const qs = [];
  for (const type of ['judge', 'single', 'multiple'] as const) for (let i = 0; i < (counts[type] ?? 0); i++) qs.push(makeQuestion(bankId, type, i));
  for (let i = 0; i < qs.length; i += 100) await cloud.db().collection('questions').add({ data: qs.slice(i, i + 100) as unknown as Record<string, unknown>[] });
  return bankId;
}

/** 10 judge × 2 + 10 single × 3 + 10 multiple × 5 = 100 points. */
export const ruleFor = (bankId: string, per = 10): DrawingRuleInput => ({
  sections: [
    { from: { bankIds: [bankId] }, type: 'judge', count: per, scorePerQuestion: 2 },
    { from: { bankIds: [bankId] }, type: 'single', count: per, scorePerQuestion: 3 },
    { from: { bankIds: [bankId] }, type: 'multiple', count: per, scorePerQuestion: 5 },
  ],
});

export function examInput(bankId: string, overrides: Partial<ExamFieldsInput> = {}): ExamFieldsInput {
  return {
    title: '安全生产考试',
    kind: 'formal',
    rule: ruleFor(bankId),
    fullScore: 100,
    passScore: 60,
    durationMinutes: 60,
    opensAt: new Date(Date.now() - 3600_000).toISOString(),
    closesAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
    ...overrides,
  } as ExamFieldsInput;
}

export const examCall = <T = unknown>(cloud: TestCloud, token: string, action: string, input: Record<string, unknown> = {}) => cloud.call<T>('exam', { action, ...input }, { sessionToken: token });

export async function publishedExam(cloud: TestCloud, token: string, bankId: string, overrides: Partial<ExamFieldsInput> = {}): Promise<ExamDetail> {
  const { exam } = expectOk(await examCall<{ exam: ExamDetail }>(cloud, token, 'createExam', { ...examInput(bankId, overrides) }));
  return expectOk(await examCall<{ exam: ExamDetail }>(cloud, token, 'publishExam', { examId: exam._id })).exam;
}

export async function draftExam(cloud: TestCloud, token: string, bankId: string, overrides: Partial<ExamFieldsInput> = {}): Promise<ExamDetail> {
  return expectOk(await examCall<{ exam: ExamDetail }>(cloud, token, 'createExam', { ...examInput(bankId, overrides) })).exam;
}
