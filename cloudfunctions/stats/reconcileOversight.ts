import { courseNodes, dayInstant, OV_COUNTERS, planMoves, periodsOf, type OvMove, type OvPlace, type PlannedDoc } from '../../shared/oversight/rollup';
import { regionPath } from '../../shared/regions';
import { C, type Database } from '../common/db';

const PAGE = 1000;

/** Counter fields the reconciliation owns on `ov` documents (all of them) and on `learn:*` ones. */
const OV_FIELDS: readonly string[] = OV_COUNTERS;
const LEARN_FIELDS = ['learners', 'completions', 'onlineSeconds'] as const;

export interface ReconcileReport {
  /** Stored rollup documents compared (plus expected ones that were missing). */
  documents: number;
  /** Documents whose counters differed from the records (and were fixed). */
  drift: number;
  sample: { _id: string; field: string; stored: number; expected: number }[];
}

/** Pages through a collection by `_id` (the only order every collection supports without a scan of its own). */
async function* pages<T extends { _id: string }>(
  db: Database,
  collection: string,
  field: Record<string, boolean>,
  where: Record<string, unknown> = {},
  range?: [string, string],
): AsyncGenerator<T[]> {
  const _ = db.command;
  for (let after = range?.[0] ?? ''; ; ) {
    const page = await db
      .collection(collection)
      .where({ ...where, _id: range ? _.gt(after).and(_.lt(range[1])) : _.gt(after) })
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .field({ _id: true, ...field })
      .get<T>();
    if (page.data.length) yield page.data;
    if (page.data.length < PAGE) return;
    after = page.data[page.data.length - 1]._id;
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
    if (stored) await db.collection(C.stats).doc(id).update({ data: { ...diff, reconciledAt: new Date() } });
    else if (create) await db.collection(C.stats).doc(id).set({ data: { ...create, ...Object.fromEntries(fields.map((f) => [f, want[f] ?? 0])), reconciledAt: new Date() } });
  };

  // `ov:` documents sort between 'ov:' and 'ov;' (';' follows ':'): one range, paged by _id.
  for await (const page of pages<Record<string, unknown> & { _id: string }>(db, C.stats, Object.fromEntries(OV_FIELDS.map((f) => [f, true])), {}, ['ov:', 'ov;'])) {
    for (const d of page) {
      const want = expected.get(d._id);
      expected.delete(d._id);
      await compare(d._id, d, want?.inc ?? {}, OV_FIELDS, null);
    }
  }
  for (const [id, d] of expected) {
    if (Object.values(d.inc).every((v) => v === 0)) continue;
    await compare(id, null, d.inc, OV_FIELDS, { ...d.meta });
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
  if (report.drift) opts.log?.('oversight rollup drift repaired', { drift: report.drift, sample: report.sample.slice(0, 20) });
  return report;
}
