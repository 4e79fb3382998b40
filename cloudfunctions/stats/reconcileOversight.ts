import { contributionOf } from '../../shared/exam/rollup';
import type { AttemptState } from '../../shared/exam/attemptState';
import { courseNodes, dayInstant, examOutcomeInc, OV_COUNTERS, OV_EXAM_COUNTERS, type OvTier, planMoves, periodsOf, type OvMove, type OvPlace, type PlannedDoc } from '../../shared/oversight/rollup';
import { regionPath } from '../../shared/regions';
import { C, type Database } from '../common/db';
import { isDuplicateKey } from '../common/dbErrors';

const PAGE = 1000;
/** Records per aggregation answer (well under the 16 MB response cap at ~200 bytes a record). */
const CHUNK = 20_000;
/** Documents created per batch write, and drifted documents fixed in parallel. */
const CREATE_BATCH = 500;
const FIX_PARALLEL = 20;

/** Counter fields the reconciliation owns on `ov` documents (all of them) and on `learn:*` ones. */
const OV_FIELDS: readonly string[] = OV_COUNTERS;
/** Week and month documents: the exam counters there are the timer's net moves in the period (attempt history has no per-period outcome), not recomputed. */
const OV_PERIOD_FIELDS: readonly string[] = OV_COUNTERS.filter((f) => !OV_EXAM_COUNTERS.includes(f));
const LEARN_FIELDS = ['learners', 'completions', 'onlineSeconds'] as const;

export interface ReconcileReport {
  /** Stored rollup documents compared (plus expected ones that were missing). */
  documents: number;
  /** Documents whose counters differed from the records (and were fixed). */
  drift: number;
  sample: { _id: string; field: string; stored: number; expected: number }[];
}

/**
 * Reads a collection's matching records (only `field`) with aggregations of 20 000 records each
 * (natural order, skip / limit: a write meanwhile may shift a record, which the next run settles) — a range-paged `get` of 1 000 re-plans a scan per page in the
 * local database, which is quadratic — and hands them on in slices of 1 000.
 */
async function* pages<T extends { _id: string }>(
  db: Database,
  collection: string,
  field: Record<string, boolean>,
  where: Record<string, unknown> = {},
  range?: [string, string],
): AsyncGenerator<T[]> {
  const _ = db.command;
  const match = range ? { ...where, _id: _.gt(range[0]).and(_.lt(range[1])) } : where;
  const project = { _id: 1, ...Object.fromEntries(Object.keys(field).map((k) => [k, 1])) };
  for (let offset = 0; ; offset += CHUNK) {
    const res = await db.collection(collection).aggregate().match(match).skip(offset).limit(CHUNK).project(project).end<T>();
    for (let i = 0; i < res.list.length; i += PAGE) yield res.list.slice(i, i + PAGE);
    if (res.list.length < CHUNK) return;
  }
}

function accumulate(into: Map<string, PlannedDoc>, moves: OvMove[]): void {
  for (const [id, d] of planMoves(moves)) {
    const e = into.get(id);
    if (!e) into.set(id, d);
    else for (const [k, v] of Object.entries(d.inc)) e.inc[k] = (e.inc[k] ?? 0) + v;
  }
}

interface EnterpriseRow {
  _id: string;
  name: string;
  regionCode: string;
  industry: string;
  createdAt: Date;
}

/**
 * The nightly reconciliation of the oversight rollups (`ov:*`) and the learning rollups (`learn:*`)
 * against the records (docs/oversight-design.md §5): everything expected is recomputed in memory,
 * per document (bounded by nodes × periods, not persons), from enterprises, employments,
 * completions, progress and the learning ledger entries, read in pages of 1 000; then the stored
 * documents are compared page by page and every difference is set to the recomputed value.
 */
export async function reconcileOversight(db: Database, opts: { fix?: boolean; log?: (msg: string, data?: Record<string, unknown>) => void } = {}): Promise<ReconcileReport> {
  const fix = opts.fix ?? true;
  const _ = db.command;
  const places = new Map<string, OvPlace>();
  const expected = new Map<string, PlannedDoc>();
  const learnExpected = new Map<string, Record<string, number>>();
  const addLearn = (place: OvPlace, inc: Partial<Record<(typeof LEARN_FIELDS)[number], number>>) => {
    for (const id of [`learn:ent:${place.enterpriseId}`, ...regionPath(place.regionCode).map((c) => `learn:region:${c}`)]) {
      const e = learnExpected.get(id) ?? {};
      for (const [k, v] of Object.entries(inc)) e[k] = (e[k] ?? 0) + (v ?? 0);
      learnExpected.set(id, e);
    }
  };

  for await (const page of pages<EnterpriseRow>(db, C.enterprises, { name: true, regionCode: true, industry: true, createdAt: true })) {
    const moves: OvMove[] = [];
    for (const e of page) {
      const place: OvPlace = { enterpriseId: e._id, enterpriseName: e.name, regionCode: e.regionCode, industry: e.industry };
      places.set(e._id, place);
      moves.push({ place, at: e.createdAt, inc: { enterprises: 1 } });
    }
    accumulate(expected, moves);
  }

  for await (const page of pages<{ _id: string; enterpriseId: string; from: Date; to: Date | null }>(db, C.employments, { enterpriseId: true, from: true, to: true })) {
    const moves: OvMove[] = [];
    for (const em of page) {
      const place = places.get(em.enterpriseId);
      if (!place) continue;
      moves.push({ place, at: em.from, inc: { persons: 1, joined: 1 } });
      if (em.to) moves.push({ place, at: em.to, inc: { persons: -1, leavers: 1 } });
    }
    accumulate(expected, moves);
  }

  for await (const page of pages<{ _id: string; enterpriseId: string | null; courseId: string; title?: string; completedAt: Date }>(db, C.completions, { enterpriseId: true, courseId: true, title: true, completedAt: true })) {
    const moves: OvMove[] = [];
    for (const c of page) {
      const place = c.enterpriseId ? places.get(c.enterpriseId) : undefined;
      if (!place) continue;
      moves.push({ place, at: c.completedAt, inc: { completions: 1 } });
      moves.push({ nodes: courseNodes(place, { courseId: c.courseId, title: c.title }), at: c.completedAt, periods: ['all'], inc: { completions: 1 } });
      addLearn(place, { completions: 1 });
    }
    accumulate(expected, moves);
  }

  for await (const page of pages<{ _id: string; enterpriseId: string | null; courseId: string; title?: string; category?: string }>(db, C.progress, { enterpriseId: true, courseId: true, title: true, category: true })) {
    const moves: OvMove[] = [];
    for (const p of page) {
      const place = p.enterpriseId ? places.get(p.enterpriseId) : undefined;
      if (!place) continue;
      moves.push({ nodes: courseNodes(place, { courseId: p.courseId, title: p.title, category: p.category }), at: 0, periods: ['all'], inc: { learners: 1 } });
    }
    accumulate(expected, moves);
  }

  // Learners: a person counts once per enterprise and period where it was credited time.
  const learnerSeen = new Set<string>();
  for await (const page of pages<{ _id: string; personId: string; source: string; eventKey: string; seconds?: number; points?: number; enterpriseId?: string | null; at: Date }>(
    db,
    C.pointsLedger,
    { personId: true, source: true, eventKey: true, seconds: true, points: true, enterpriseId: true, at: true },
    { source: _.in(['studyTime', 'courseComplete']) },
  )) {
    const moves: OvMove[] = [];
    for (const x of page) {
      const place = x.enterpriseId ? places.get(x.enterpriseId) : undefined;
      if (!place) continue;
      if (x.source === 'courseComplete') {
        moves.push({ place, at: x.at, inc: { points: x.points ?? 0 } });
        continue;
      }
      const at = dayInstant(x.eventKey);
      moves.push({ place, at, inc: { onlineSeconds: x.seconds ?? 0, points: x.points ?? 0 } });
      addLearn(place, { onlineSeconds: x.seconds ?? 0 });
      if ((x.seconds ?? 0) > 0) {
        for (const period of periodsOf(at)) {
          const key = `${x.personId}|${place.enterpriseId}|${period}`;
          if (learnerSeen.has(key)) continue;
          learnerSeen.add(key);
          moves.push({ place, at, periods: [period], inc: { learners: 1 } });
          if (period === 'all') addLearn(place, { learners: 1 });
        }
      }
    }
    accumulate(expected, moves);
  }

  // Formal exams: one outcome per exam and person over its attempts (as the exam timer counts it), at attempt 1's place.
  const exams = new Map<string, { kind: string; tier: OvTier | null }>();
  for await (const page of pages<{ _id: string; kind: string; tier?: OvTier | null }>(db, C.exams, { kind: true, tier: true })) for (const e of page) exams.set(e._id, { kind: e.kind, tier: e.tier ?? null });
  const byPerson = new Map<string, (AttemptState & { examId: string; attemptNo: number; enterpriseId: string | null; countyCode: string | null; townCode?: string | null; industry: string | null })[]>();
  if ([...exams.values()].some((e) => e.kind === 'formal')) {
    type Row = AttemptState & { _id: string; examId: string; personId: string; kind: string; attemptNo: number; enterpriseId: string | null; countyCode: string | null; townCode?: string | null; industry: string | null };
    const fields = { examId: true, personId: true, kind: true, attemptNo: true, round: true, window: true, status: true, startedAt: true, deadline: true, submittedAt: true, gradedAt: true, result: true, cheating: true, rev: true, enterpriseId: true, countyCode: true, townCode: true, industry: true };
    for await (const page of pages<Row>(db, C.attempts, fields)) {
      for (const a of page) {
        if (exams.get(a.examId)?.kind !== 'formal' || a.kind === 'practice') continue;
        const key = `${a.examId}|${a.personId}`;
        (byPerson.get(key) ?? byPerson.set(key, []).get(key)!).push(a);
      }
    }
  }
  const examMoves: OvMove[] = [];
  const now = Date.now();
  for (const [key, atts] of byPerson) {
    const examId = key.slice(0, key.indexOf('|'));
    const tier = exams.get(examId)?.tier;
    const one = atts.reduce((m, a) => (a.attemptNo < m.attemptNo ? a : m));
    const leaf = one.townCode ?? one.countyCode;
    if (!tier || !one.enterpriseId || !leaf) continue;
    const outcome = contributionOf(examId, one, atts, now)?.outcome;
    examMoves.push({ place: { enterpriseId: one.enterpriseId, regionCode: leaf, industry: one.industry }, at: now, periods: ['all'], inc: examOutcomeInc(tier, null, outcome) });
  }
  accumulate(expected, examMoves);

  const report: ReconcileReport = { documents: 0, drift: 0, sample: [] };
  const compare = async (id: string, stored: Record<string, unknown> | null, want: Record<string, number>, fields: readonly string[], create: Record<string, unknown> | null) => {
    report.documents++;
    const diff: Record<string, number> = {};
    for (const f of fields) {
      const s = Number(stored?.[f] ?? 0);
      const w = want[f] ?? 0;
      if (s !== w) {
        diff[f] = w;
        if (report.sample.length < 50) report.sample.push({ _id: id, field: f, stored: s, expected: w });
      }
    }
    if (!Object.keys(diff).length) return;
    report.drift++;
    if (!fix) return;
    if (stored) fixes.push({ id, data: { ...diff, reconciledAt: new Date() } });
    else if (create) creates.push({ _id: id, ...create, ...Object.fromEntries(fields.map((f) => [f, want[f] ?? 0])), reconciledAt: new Date() });
    if (creates.length >= CREATE_BATCH || fixes.length >= FIX_PARALLEL * 10) await flush();
  };
  const creates: Record<string, unknown>[] = [];
  const fixes: { id: string; data: Record<string, unknown> }[] = [];
  const flush = async () => {
    const batch = creates.splice(0);
    if (batch.length) {
      try {
        await db.collection(C.stats).add({ data: batch });
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        // A live event created one of them meanwhile: one by one, the expected values win.
        for (const d of batch) {
          const { _id, ...data } = d as { _id: string };
          await db.collection(C.stats).doc(_id).set({ data });
        }
      }
    }
    const todo = fixes.splice(0);
    for (let i = 0; i < todo.length; i += FIX_PARALLEL) await Promise.all(todo.slice(i, i + FIX_PARALLEL).map((f) => db.collection(C.stats).doc(f.id).update({ data: f.data })));
  };

  // `ov:` documents sort between 'ov:' and 'ov;' (';' follows ':'): one range, paged by _id.
  for await (const page of pages<Record<string, unknown> & { _id: string }>(db, C.stats, Object.fromEntries(OV_FIELDS.map((f) => [f, true])), {}, ['ov:', 'ov;'])) {
    for (const d of page) {
      const want = expected.get(d._id);
      expected.delete(d._id);
      await compare(d._id, d, want?.inc ?? {}, d._id.endsWith(':all') ? OV_FIELDS : OV_PERIOD_FIELDS, null);
    }
  }
  for (const [id, d] of expected) {
    if (Object.values(d.inc).every((v) => v === 0)) continue;
    await compare(id, null, d.inc, id.endsWith(':all') ? OV_FIELDS : OV_PERIOD_FIELDS, { ...d.meta });
  }

  for await (const page of pages<Record<string, unknown> & { _id: string }>(db, C.stats, { learners: true, completions: true, onlineSeconds: true }, {}, ['learn:', 'learn;'])) {
    for (const d of page) {
      const want = learnExpected.get(d._id) ?? {};
      learnExpected.delete(d._id);
      await compare(d._id, d, want, LEARN_FIELDS, null);
    }
  }
  for (const [id, want] of learnExpected) {
    if (Object.values(want).every((v) => v === 0)) continue;
    const [, level, key] = id.split(':');
    await compare(id, null, want, LEARN_FIELDS, { kind: 'learning', ...(level === 'ent' ? { enterpriseId: key } : { regionCode: key }) });
  }
  await flush();
  if (report.drift) opts.log?.('oversight rollup drift repaired', { drift: report.drift, sample: report.sample.slice(0, 20) });
  return report;
}
