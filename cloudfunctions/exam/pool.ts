import type { DrawCandidate } from '../../shared/exam/drawing';
import type { Question } from '../../shared/exam/questions';
import { C, type Database } from '../common/db';

/**
 * The immutable inputs of drawing, cached per function instance (docs/exam-design.md): the pool
 * snapshot frozen at publish (`examPools` `pool:<examId>:<poolRev>`, never modified) and question
 * versions (never modified: an edit writes a new version). A warm instance draws and builds a
 * paper without reading either.
 */
export const poolId = (examId: string, poolRev: number): string => `pool:${examId}:${poolRev}`;

/** Question fields a paper, grading and review need (no bookkeeping). */
export type QuestionText = Pick<Question, '_id' | 'type' | 'stem' | 'options' | 'answer' | 'analysis'>;

class Lru<V> {
  private m = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(k: string): V | undefined {
    const v = this.m.get(k);
    if (v !== undefined) {
      this.m.delete(k);
      this.m.set(k, v);
    }
    return v;
  }
  set(k: string, v: V): void {
    this.m.delete(k);
    this.m.set(k, v);
    while (this.m.size > this.max) this.m.delete(this.m.keys().next().value as string);
  }
}

const pools = new Lru<DrawCandidate[]>(50);
const TEXT_CHUNK = 500;
const questions = new Lru<QuestionText>(20_000);

/** The exam's frozen pool (1 read on a cold instance, none after). */
export async function frozenPool(db: Database, examId: string, poolRev: number): Promise<DrawCandidate[]> {
  const id = poolId(examId, poolRev);
  const hit = pools.get(id);
  if (hit) return hit;
  const r = await db.collection(C.examPools).doc(id).get();
  const doc = (Array.isArray(r.data) ? r.data[0] : r.data) as { candidates: DrawCandidate[] } | null;
  const candidates = doc?.candidates ?? [];
  // The pool's question versions too (immutable): a warm instance then draws and builds any paper without a read.
  for (let i = 0; i < candidates.length; i += TEXT_CHUNK) await questionTexts(db, candidates.slice(i, i + TEXT_CHUNK).map((c) => c._id));
  pools.set(id, candidates);
  return candidates;
}

/** Question versions by id (one `in` query for the ones this instance has not seen). */
export async function questionTexts(db: Database, ids: readonly string[]): Promise<Map<string, QuestionText>> {
  const out = new Map<string, QuestionText>();
  const missing: string[] = [];
  for (const id of ids) {
    const q = questions.get(id);
    if (q) out.set(id, q);
    else missing.push(id);
  }
  if (missing.length) {
    const _ = db.command;
    const res = await db
      .collection(C.questions)
      .where({ _id: _.in(missing) })
      .limit(missing.length)
      .field({ _id: true, type: true, stem: true, options: true, answer: true, analysis: true })
      .get<QuestionText>();
    for (const q of res.data) {
      const t: QuestionText = { _id: q._id, type: q.type, stem: q.stem, options: q.options, answer: q.answer, analysis: q.analysis ?? '' };
      questions.set(q._id, t);
      out.set(q._id, t);
    }
  }
  return out;
}
