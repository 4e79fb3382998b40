import { wrongBookId } from '../../shared/exam/attemptState';
import type { QuestionType } from '../../shared/exam/basics';
import type { PaperItem } from '../../shared/exam/drawing';
import type { GradedItem } from '../../shared/exam/grading';
import { C, type Database } from '../common/db';
import { createOnce } from '../learning/learner';
import type { AttemptDoc } from './attemptDoc';
import { mapLimit } from './limit';

/**
 * 错题本 (collection `wrongBook`, `_id` = `wrong:<personId>:<lineageId>`): a practice question the
 * person answered wrong, across versions (the lineage) — the exam and version it was last wrong
 * in, how often, when, and whether a 错题本 round has since answered it right (`cleared`).
 * Both writes are idempotent per answer (`lastWrongKey` = attempt + question: a replayed
 * practiceCheck counts once), so a replay after a crash between the answer and this write repairs it.
 */
export interface WrongBookDoc {
  _id: string;
  personId: string;
  lineageId: string;
  examId: string;
  courseId: string | null;
  /** The version last answered wrong (its key is on that attempt; a 错题本 round draws it again). */
  questionId: string;
  type: QuestionType;
  wrongCount: number;
  lastWrongAt: Date;
  lastWrongKey: string;
  cleared: boolean;
  clearedAt: Date | null;
  createdAt: Date;
}

export async function recordWrong(db: Database, a: Pick<AttemptDoc, '_id' | 'personId' | 'examId' | 'courseId'>, item: Pick<PaperItem, 'questionId' | 'lineageId' | 'type'>, now: Date): Promise<void> {
  const _id = wrongBookId(a.personId, item.lineageId);
  const key = `${a._id}:${item.questionId}`;
  const _ = db.command;
  const fields = { examId: a.examId, courseId: a.courseId ?? null, questionId: item.questionId, type: item.type, lastWrongAt: now, lastWrongKey: key, cleared: false, clearedAt: null };
  const bump = async () => (await db.collection(C.wrongBook).where({ _id, lastWrongKey: _.neq(key) }).update({ data: { ...fields, wrongCount: _.inc(1) } })).stats.updated === 1;
  if (await bump()) return;
  if (await createOnce(db, C.wrongBook, _id, { personId: a.personId, lineageId: item.lineageId, ...fields, wrongCount: 1, createdAt: now })) return;
  // It exists: this answer was counted already (a replay: nothing happens), or another round created it a moment ago.
  await bump();
}

/**
 * A right answer in a 错题本 round clears the entry — unless it was answered wrong again after
 * this round started (a newer mistake stays in the book).
 */
export async function clearWrong(db: Database, a: Pick<AttemptDoc, 'personId' | 'startedAt'>, item: Pick<PaperItem, 'lineageId'>, now: Date): Promise<void> {
  await db
    .collection(C.wrongBook)
    .where({ _id: wrongBookId(a.personId, item.lineageId), cleared: false, lastWrongAt: db.command.lte(new Date(a.startedAt)) })
    .update({ data: { cleared: true, clearedAt: now } });
}

/**
 * When a practice attempt is graded (submit, the deadline, the timer): its answered-wrong questions
 * go into the 错题本 too — answers saved without a check, and any a crash kept from practiceCheck's
 * write — and in a 错题本 round its right ones clear. One `in` read finds what is already recorded
 * for this attempt (same `lastWrongKey`), so only the missing writes are made (≤ 10 in flight).
 */
export async function syncWrongBook(db: Database, a: AttemptDoc, graded: readonly GradedItem[], now: Date): Promise<void> {
  if (a.kind !== 'practice') return;
  const items = new Map(a.paper.items.map((i) => [i.questionId, i]));
  const pick = (keep: (g: GradedItem) => boolean) => graded.filter((g) => !g.voided && keep(g)).flatMap((g) => (items.has(g.questionId) ? [items.get(g.questionId)!] : []));
  const wrong = pick((g) => !g.correct && g.answer.length > 0);
  const right = a.round === 'wrongBook' ? pick((g) => g.correct) : [];
  if (!wrong.length && !right.length) return;
  const idOf = (i: PaperItem) => wrongBookId(a.personId, i.lineageId);
  const ids = [...wrong, ...right].map(idOf);
  const res = await db
    .collection(C.wrongBook)
    .where({ _id: db.command.in(ids) })
    .field({ _id: true, lastWrongKey: true, lastWrongAt: true, cleared: true })
    .limit(ids.length)
    .get<Pick<WrongBookDoc, '_id' | 'lastWrongKey' | 'lastWrongAt' | 'cleared'>>();
  const stored = new Map(res.data.map((d) => [d._id, d]));
  const writes: (() => Promise<void>)[] = [
    ...wrong.filter((i) => stored.get(idOf(i))?.lastWrongKey !== `${a._id}:${i.questionId}`).map((i) => () => recordWrong(db, a, i, now)),
    ...right
      .filter((i) => {
        const d = stored.get(idOf(i));
        return !!d && !d.cleared && new Date(d.lastWrongAt).getTime() <= a.startedAt;
      })
      .map((i) => () => clearWrong(db, a, i, now)),
  ];
  await mapLimit(writes, 10, (w) => w());
}
