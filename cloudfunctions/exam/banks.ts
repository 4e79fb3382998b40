import type { BankRow, QuestionRow } from '../../shared/contracts/exam';
import { QUESTION_TYPES, type QuestionType } from '../../shared/exam/basics';
import { toDrawCandidate, type DrawCandidate } from '../../shared/exam/drawing';
import type { Question } from '../../shared/exam/questions';
import type { IndustryCode } from '../../shared/taxonomy';
import type { Ctx } from '../common/action';
import { C, getById, type Database } from '../common/db';
import { AppError } from '../common/errors';
import { canManage, type Owned } from './owner';

/** A stored bank (collection `questionBanks`). */
export interface BankDoc extends Owned {
  _id: string;
  name: string;
  description: string;
  courseId: string | null;
  industries: IndustryCode[];
  /** Current, active questions by type: recounted (count queries on `bank_current`) after every write that moves them. */
  counts: Record<QuestionType, number>;
  requestId: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function toBankRow(d: BankDoc): BankRow {
  return { _id: d._id, name: d.name, description: d.description, courseId: d.courseId, industries: d.industries, owner: d.owner, counts: d.counts, updatedAt: iso(d.updatedAt) };
}

export const bankNotFound = () => new AppError('NOT_FOUND', '题库不存在或无权访问');
export const questionNotFound = () => new AppError('NOT_FOUND', '试题不存在或无权访问');

/** The bank, if the caller manages it; a foreign bank answers exactly like a missing one. */
export async function loadManagedBank(ctx: Ctx, bankId: string): Promise<BankDoc> {
  const b = await getById<BankDoc>(C.questionBanks, bankId);
  if (!b || !canManage(ctx.principal, b)) throw bankNotFound();
  return b;
}

/** The stored question shape (dates as stored; the contract's strings on the way out). */
export type QuestionDoc = Omit<Question, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date; createdBy?: string; sourceKey?: string };

export const toQuestion = (d: QuestionDoc): Question => ({ ...d, createdAt: iso(d.createdAt), updatedAt: iso(d.updatedAt) }) as Question;
export const toQuestionRow = (d: QuestionDoc): QuestionRow => ({
  _id: d._id,
  lineageId: d.lineageId,
  version: d.version,
  type: d.type,
  stem: d.stem,
  difficulty: d.difficulty,
  status: d.status,
  tags: d.tags,
  updatedAt: iso(d.updatedAt),
});

/** A question version and its bank, if the caller manages the bank (foreign = missing). */
export async function loadManagedQuestion(ctx: Ctx, questionId: string): Promise<{ question: QuestionDoc; bank: BankDoc }> {
  const q = await getById<QuestionDoc>(C.questions, questionId);
  if (!q) throw questionNotFound();
  const bank = await getById<BankDoc>(C.questionBanks, q.bankId);
  if (!bank || !canManage(ctx.principal, bank)) throw questionNotFound();
  return { question: q, bank };
}

/**
 * Recounts the bank's current, active questions by type (3 count queries on `bank_current`) and
 * stores them: idempotent, so a replayed or interrupted write is repaired by the next one.
 */
export async function recountBank(db: Database, bankId: string, now: Date): Promise<Record<QuestionType, number>> {
  const coll = db.collection(C.questions);
  const totals = await Promise.all(QUESTION_TYPES.map((type) => coll.where({ bankId, current: true, status: 'active', type }).count()));
  const counts = Object.fromEntries(QUESTION_TYPES.map((t, i) => [t, totals[i].total])) as Record<QuestionType, number>;
  await db.collection(C.questionBanks).doc(bankId).update({ data: { counts, updatedAt: now } });
  return counts;
}

const PAGE = 1000;

/** Pages through a bank's current questions (any status) with a projection; ordered by `_id`. */
export async function* currentQuestions<T>(db: Database, bankIds: string[], field: Record<string, boolean>, extra: Record<string, unknown> = {}): AsyncGenerator<T[]> {
  const _ = db.command;
  let after = '';
  for (;;) {
    const where: Record<string, unknown> = { bankId: bankIds.length === 1 ? bankIds[0] : _.in(bankIds), current: true, ...extra };
    if (after) where._id = _.gt(after);
    const res = await db.collection(C.questions).where(where).orderBy('_id', 'asc').limit(PAGE).field(field).get<T & { _id: string }>();
    if (res.data.length) yield res.data;
    if (res.data.length < PAGE) return;
    after = res.data[res.data.length - 1]._id;
  }
}

/** The bank's current stems → lineage (dry-run duplicate check; disabled questions keep their stem). */
export async function bankStemKeys(db: Database, bankId: string): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  for await (const page of currentQuestions<{ stemKey: string; lineageId: string }>(db, [bankId], { _id: true, stemKey: true, lineageId: true })) {
    for (const q of page) m.set(q.stemKey, q.lineageId);
  }
  return m;
}

const CANDIDATE_FIELDS = { _id: true, lineageId: true, version: true, bankId: true, type: true, difficulty: true, status: true, shuffleOptions: true, tags: true, options: true } as const;

/**
 * The drawing pool of a rule: the current, active questions of the rule's banks the caller manages
 * (a foreign or missing bank contributes nothing, alike), as `DrawCandidate`s (no text, no key).
 */
export async function loadPool(ctx: Ctx, bankIds: readonly string[]): Promise<DrawCandidate[]> {
  const ids = [...new Set(bankIds)];
  if (!ids.length) return [];
  const _ = ctx.db.command;
  const banks = await ctx.db.collection(C.questionBanks).where({ _id: _.in(ids) }).field({ _id: true, owner: true, industries: true }).limit(ids.length).get<Pick<BankDoc, '_id' | 'owner' | 'industries'>>();
  const mine = banks.data.filter((b) => canManage(ctx.principal, b)).map((b) => b._id);
  if (!mine.length) return [];
  const pool: DrawCandidate[] = [];
  for await (const page of currentQuestions<Question>(ctx.db, mine, CANDIDATE_FIELDS, { status: 'active' })) for (const q of page) pool.push(toDrawCandidate(q));
  return pool;
}
