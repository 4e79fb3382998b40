import { randomUUID } from 'crypto';
import type { ExamTier } from '../../shared/contracts/exam';
import type { ExamKind } from '../../shared/exam/attemptState';
import { applyDelta, contributionDelta, contributionOf, EXAM_ROLLUP_COUNTERS, rollupDimOf, rollupIdsOf, type Contribution, type ExamRollupCounts } from '../../shared/exam/rollup';
import { ledgerEntryId } from '../../shared/learning/points';
import { C, type Database } from '../common/db';
import { isDuplicateKey } from '../common/dbErrors';
import { reachPersonConditions } from '../common/reach';
import { creditLearnerOnce, grantPass, SUMMARY_FIELDS, type AttemptDoc } from './attemptDoc';
import type { ExamDoc } from './examDoc';
import { mapLimit } from './limit';
import { examOutcomeInc, type OvMove } from '../../shared/oversight/rollup';
import { applyMovesOnce } from '../common/oversight';

/**
 * The exam timer's rollup pass (docs/exam-design.md "Rollups"). Per exam, `stats` documents
 * `exam:<examId>:all`, `:ent:<id>`, `:region:<code>` (every level of the path) and `:ind:<industry>`
 * count targeted, started, graded, passed, failed, absent, cheating persons and the sum of their
 * best scores. Never written by start / submit (no hot document on the taking path).
 *
 * Incremental: attempts touched since the cursor (`touchedAt`, `_id`), in batches; for each
 * (exam, person) of a batch the person's contribution is recomputed from all its attempts and the
 * documents move by the difference to the contribution stored on its attempt 1 (`rolled`).
 * Idempotent: a batch has a sequence number; a document records the last batch applied to it
 * (`seq`) and is written only when older (compare-and-set), before the persons' contributions and
 * the cursor move — a replay after a crash recomputes the same differences and skips the documents
 * already moved. One pass at a time (a lease in `locks`): batches never interleave.
 * The same pass repairs lost points: a clean formal pass in the batch without its ledger entry gets it
 * (create-once id). The close pass stores `targeted` (the push rule's reach, grouped in one
 * aggregate) and `absent` = targeted − started once the window closed.
 */

const CURSOR_ID = 'examRollup:cursor';
const LEASE_ID = 'examRollup:lease';
const LEASE_MS = 55_000;
/** Changed attempts per batch (their persons' attempts of the exam: ≤ 10 each, one read ≤ 1,000). */
const BATCH = 100;
const MAX_BATCHES = 20;
/** Attempts touched in the last seconds wait for the next pass: a write in flight may carry an earlier time. */
export const ROLLUP_LAG_MS = 10_000;
const CLOSE_EXAMS = 5;
/** Wall time for the batches of one pass (the timer's function times out at 60 s; the close pass and expiry need their share). */
const BATCH_BUDGET_MS = 30_000;

interface Cursor {
  t: number;
  id: string;
  seq: number;
}

type StoredRollup = Partial<ExamRollupCounts> & { _id: string; seq?: number };
type ExamMeta = Pick<ExamDoc, '_id' | 'kind' | 'tier' | 'title' | 'closesAt' | 'rollupClosedAt' | 'pushRule'>;
type PersonAttempt = Pick<AttemptDoc, '_id' | 'examId' | 'examTitle' | 'kind' | 'personId' | 'enterpriseId' | 'countyCode' | 'townCode' | 'industry' | 'rolled' | 'attemptNo' | 'status' | 'deadline' | 'result' | 'cheating' | 'window' | 'startedAt' | 'submittedAt' | 'gradedAt' | 'rev'>;

const first = <T>(r: { data: unknown }): T | null => ((Array.isArray(r.data) ? r.data[0] : r.data) ?? null) as T | null;

async function acquire(db: Database, now: number): Promise<string | null> {
  const holder = randomUUID();
  try {
    await db.collection(C.locks).add({ data: { _id: LEASE_ID, kind: 'lease', holder, until: now + LEASE_MS } });
    return holder;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
  const r = await db.collection(C.locks).where({ _id: LEASE_ID, until: db.command.lte(now) }).update({ data: { holder, until: now + LEASE_MS } });
  return r.stats.updated === 1 ? holder : null;
}

const release = (db: Database, holder: string) => db.collection(C.locks).where({ _id: LEASE_ID, holder }).update({ data: { until: 0 } });

/** A document's fields when first created: what it counts and for which exam, tier and kind (issue 11 reads the tier). */
function newDoc(id: string, exam: ExamMeta | undefined, counts: ExamRollupCounts, seq: number, now: number) {
  const { examId, dim, key } = rollupDimOf(id);
  return { _id: id, kind: 'examRollup', examId, dim, key, tier: (exam?.tier ?? null) as ExamTier | null, examKind: (exam?.kind ?? null) as ExamKind | null, ...counts, seq, updatedAt: new Date(now) };
}

const countsOf = (c: ExamRollupCounts) => Object.fromEntries(EXAM_ROLLUP_COUNTERS.map((k) => [k, c[k]]));

async function readRollups(db: Database, ids: string[]): Promise<Map<string, StoredRollup>> {
  const out = new Map<string, StoredRollup>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const res = await db.collection(C.stats).where({ _id: db.command.in(chunk) }).limit(chunk.length).get<StoredRollup>();
    for (const d of res.data) out.set(d._id, d);
  }
  return out;
}

/** Writes one document's new counts if it has not seen batch `seq` yet (compare-and-set on its `seq`). */
async function writeRollup(db: Database, id: string, stored: StoredRollup | undefined, counts: ExamRollupCounts, seq: number, exam: ExamMeta | undefined, now: number): Promise<void> {
  if (stored) {
    await db.collection(C.stats).where({ _id: id, seq: stored.seq ?? 0 }).update({ data: { ...countsOf(counts), seq, updatedAt: new Date(now) } });
    return;
  }
  try {
    await db.collection(C.stats).add({ data: newDoc(id, exam, counts, seq, now) });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
}

const closedAt = (e: ExamMeta | undefined): boolean => !!e?.rollupClosedAt;

/** One batch: returns how many attempts it read (0: nothing left). */
async function batch(db: Database, cur: Cursor, now: number, stats: { persons: number; documents: number; granted: number }): Promise<Cursor | null> {
  const _ = db.command;
  const changed = await db
    .collection(C.attempts)
    .where(_.and([_.or([{ touchedAt: _.gt(cur.t) }, { touchedAt: cur.t, _id: _.gt(cur.id) }]), { touchedAt: _.lte(now - ROLLUP_LAG_MS) }]))
    .orderBy('touchedAt', 'asc')
    .orderBy('_id', 'asc')
    .limit(BATCH)
    .field({ _id: true, examId: true, personId: true, touchedAt: true, kind: true })
    .get<Pick<AttemptDoc, '_id' | 'examId' | 'personId' | 'touchedAt' | 'kind'>>();
  if (!changed.data.length) return null;
  const last = changed.data[changed.data.length - 1];
  const seq = cur.seq + 1;
  // Practice attempts (unlimited, 错题本 rounds) are not results: they move no rollup.
  const pairs = new Map<string, Set<string>>();
  for (const a of changed.data) if (a.kind !== 'practice') (pairs.get(a.examId) ?? pairs.set(a.examId, new Set()).get(a.examId)!).add(a.personId);
  const examIds = [...pairs.keys()];
  const [examRes, ...perExam] = await Promise.all([
    examIds.length ? db.collection(C.exams).where({ _id: _.in(examIds) }).limit(examIds.length).field({ _id: true, kind: true, tier: true, title: true, closesAt: true, rollupClosedAt: true }).get<ExamMeta>() : Promise.resolve({ data: [] as ExamMeta[] }),
    ...examIds.map((examId) =>
      db
        .collection(C.attempts)
        .where({ examId, personId: _.in([...pairs.get(examId)!]) })
        .field({ ...SUMMARY_FIELDS, personId: true, examTitle: true, kind: true, enterpriseId: true, countyCode: true, townCode: true, industry: true, rolled: true })
        .limit(1000)
        .get<PersonAttempt>(),
    ),
  ]);
  const exams = new Map(examRes.data.map((e) => [e._id, e]));
  const deltas = new Map<string, Partial<ExamRollupCounts>>();
  const acks: { id: string; c: Contribution | null }[] = [];
  const passes: PersonAttempt[] = [];
  // Oversight rollups (docs/oversight-design.md): a formal exam's outcome per person, by tier, at the person's place.
  const ovMoves: OvMove[] = [];
  examIds.forEach((examId, i) => {
    const byPerson = new Map<string, PersonAttempt[]>();
    for (const a of perExam[i].data) (byPerson.get(a.personId) ?? byPerson.set(a.personId, []).get(a.personId)!).push(a);
    for (const atts of byPerson.values()) {
      const one = atts.reduce((m, a) => (a.attemptNo < m.attemptNo ? a : m));
      const after = contributionOf(examId, one, atts, now);
      const before = one.rolled?.c ?? null;
      for (const [id, d] of contributionDelta(before, after)) {
        const acc = deltas.get(id) ?? {};
        for (const [k, v] of Object.entries(d) as [keyof ExamRollupCounts, number][]) acc[k] = (acc[k] ?? 0) + v;
        deltas.set(id, acc);
      }
      if (JSON.stringify(before) !== JSON.stringify(after)) acks.push({ id: one._id, c: after });
      const exam = exams.get(examId);
      const leaf = one.townCode ?? one.countyCode;
      if (exam?.kind === 'formal' && exam.tier && one.enterpriseId && leaf && before?.outcome !== after?.outcome) {
        ovMoves.push({ place: { enterpriseId: one.enterpriseId, regionCode: leaf, industry: one.industry ?? null }, at: now, inc: examOutcomeInc(exam.tier, before?.outcome, after?.outcome) });
      }
      for (const a of atts) if (a.kind === 'formal' && (a.status === 'graded' || a.status === 'expired') && a.result?.passed && !a.cheating) passes.push(a);
    }
  });

  // Documents first (each at most once per batch), then the persons' contributions, then the cursor.
  const ids = [...deltas.keys()];
  const stored = await readRollups(db, ids);
  await mapLimit(ids, 10, async (id) => {
    const s = stored.get(id);
    if (s && (s.seq ?? 0) >= seq) return;
    const exam = exams.get(rollupDimOf(id).examId);
    await writeRollup(db, id, s, applyDelta(s ?? {}, deltas.get(id)!, closedAt(exam)), seq, exam, now);
    stats.documents++;
  });
  // Before the contributions are acknowledged: a replay of this batch recomputes the same moves, which the sequence check skips.
  await applyMovesOnce(db, 'examRollup', seq, ovMoves);
  await mapLimit(acks, 10, async (a) => {
    await db.collection(C.attempts).doc(a.id).update({ data: { rolled: _.set({ seq, c: a.c }) } });
  });
  stats.persons += acks.length;

  // Lost points (a crash between grading and the ledger entry): create-once, so a present entry is left alone.
  // Entries made by submit (learnerCredited: false) move the learner's total now, once per exam.
  if (passes.length) {
    const ledgerIds = passes.map((a) => ledgerEntryId(a.personId, 'examPass', a.examId));
    const have = await db.collection(C.pointsLedger).where({ _id: _.in(ledgerIds) }).limit(ledgerIds.length).field({ _id: true, learnerCredited: true, points: true }).get<{ _id: string; learnerCredited?: boolean; points: number }>();
    const present = new Map(have.data.map((x) => [x._id, x]));
    const done = new Set<string>();
    for (const a of passes) {
      const id = ledgerEntryId(a.personId, 'examPass', a.examId);
      if (done.has(id)) continue;
      done.add(id);
      const entry = present.get(id);
      if (!entry) {
        if (await grantPass(db, a as AttemptDoc, now)) stats.granted++;
      } else if (entry.learnerCredited === false) await creditLearnerOnce(db, id, a.personId, a.examId, entry.points);
    }
  }
  const next = { t: last.touchedAt!, id: last._id, seq };
  await db.collection(C.stats).doc(CURSOR_ID).set({ data: { kind: 'examRollupCursor', ...next, updatedAt: new Date(now) } });
  return next;
}

/**
 * The close pass: for exams whose window closed and whose rollups lack `targeted`, the push rule's
 * reach grouped by enterprise, region and industry (one aggregate over persons), then per document
 * `targeted` and `absent` = targeted − started (compare-and-set on its `seq`).
 */
async function closePass(db: Database, now: number): Promise<number> {
  const _ = db.command;
  const due = await db
    .collection(C.exams)
    .where({ rollupClosedAt: null, closesAt: _.lte(new Date(now)), status: _.in(['published', 'cancelled']) })
    .limit(CLOSE_EXAMS)
    .field({ _id: true, kind: true, tier: true, title: true, closesAt: true, rollupClosedAt: true, pushRule: true })
    .get<ExamMeta>();
  for (const exam of due.data) {
    if (exam.kind !== 'practice') {
      const conds = reachPersonConditions(db, exam.pushRule);
      const where = conds.length === 1 ? conds[0] : _.and(conds);
      const groups = await db
        .collection(C.persons)
        .aggregate()
        .match(where)
        .group({ _id: { e: '$enterpriseId', c: '$countyCode', t: '$townCode', i: '$industry' }, n: _.aggregate.sum(1) })
        .limit(100_000)
        .end<{ _id: { e: string | null; c: string | null; t?: string | null; i: string | null }; n: number }>();
      const targeted = new Map<string, number>();
      for (const g of groups.list) for (const id of rollupIdsOf(exam._id, { enterpriseId: g._id.e ?? null, countyCode: g._id.c ?? null, townCode: g._id.t ?? null, industry: g._id.i ?? null })) targeted.set(id, (targeted.get(id) ?? 0) + g.n);
      const ids = [...targeted.keys()];
      const stored = await readRollups(db, ids);
      await mapLimit(ids, 10, async (id) => {
        const s = stored.get(id);
        const n = targeted.get(id)!;
        const counts = applyDelta(s ?? {}, {}, false);
        counts.targeted = n;
        counts.absent = Math.max(0, n - counts.started);
        await writeRollup(db, id, s, counts, s?.seq ?? 0, exam, now);
      });
    }
    await db.collection(C.exams).doc(exam._id).update({ data: { rollupClosedAt: now } });
  }
  return due.data.length;
}

/** The whole pass, under the lease (another pass running: nothing done now, the next minute catches up). */
export async function rollupExams(db: Database, now: number): Promise<{ persons: number; documents: number; granted: number; closed: number; busy: boolean }> {
  const stats = { persons: 0, documents: 0, granted: 0, closed: 0, busy: false };
  const holder = await acquire(db, now);
  if (!holder) return { ...stats, busy: true };
  try {
    let cur: Cursor = first<Cursor>(await db.collection(C.stats).doc(CURSOR_ID).get()) ?? { t: 0, id: '', seq: 0 };
    // Real time, not the (injectable) business clock: this bounds the invocation's duration.
    const stopAt = Date.now() + BATCH_BUDGET_MS;
    for (let i = 0; i < MAX_BATCHES && Date.now() < stopAt; i++) {
      const next = await batch(db, cur, now, stats);
      if (!next) break;
      cur = next;
    }
    stats.closed = await closePass(db, now);
  } finally {
    await release(db, holder);
  }
  return stats;
}
