import { planMoves, type OvMove, type OvPlace, type PlannedDoc } from '../../shared/oversight/rollup';
import { C, afterCommit, type Database, type Transaction } from './db';
import { isDuplicateKey } from './dbErrors';
import type { EnterpriseDoc } from './enterprises';

/**
 * The oversight rollups' writer (docs/oversight-design.md §1–2): moves counters on every document a
 * batch of events touches. Documents sharing the same deltas move in one multi-document update
 * (usually one round trip for all 27); documents seen for the first time are created with their
 * static fields (create-once; a duplicate-key loser adds to the winner's document).
 */
export async function applyMoves(db: Database, moves: OvMove[]): Promise<void> {
  const planned = planMoves(moves);
  if (!planned.size) return;
  const _ = db.command;
  const at = new Date();
  // Group by identical deltas: one update each.
  const groups = new Map<string, { ids: string[]; inc: Record<string, number> }>();
  for (const [id, d] of planned) {
    const key = JSON.stringify(Object.entries(d.inc).sort());
    const g = groups.get(key) ?? { ids: [], inc: d.inc };
    g.ids.push(id);
    groups.set(key, g);
  }
  await Promise.all(
    [...groups.values()].map(async ({ ids, inc }) => {
      const data: Record<string, unknown> = { updatedAt: at };
      for (const [k, v] of Object.entries(inc)) data[k] = _.inc(v);
      const res = await db.collection(C.stats).where({ _id: _.in(ids) }).update({ data });
      if (res.stats.updated === ids.length) return;
      const have = await db.collection(C.stats).where({ _id: _.in(ids) }).field({ _id: true }).limit(ids.length).get<{ _id: string }>();
      const existing = new Set(have.data.map((d) => d._id));
      await createMissing(db, ids.filter((i) => !existing.has(i)), planned, data, at);
    }),
  );
}

/**
 * Creates the documents seen for the first time in one batch insert. A batch that loses a race
 * part-way (ordered insert: the documents before the duplicate are written) is sorted out by the
 * batch's own token: documents carrying it were created here (already counted); the others are
 * created or added to one by one.
 */
async function createMissing(db: Database, ids: string[], planned: Map<string, PlannedDoc>, data: Record<string, unknown>, at: Date): Promise<void> {
  if (!ids.length) return;
  if (ids.length === 1) return createOrAdd(db, ids[0], planned.get(ids[0]) as PlannedDoc, data, at);
  const batch = `${at.getTime().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  try {
    await db.collection(C.stats).add({ data: ids.map((id) => { const d = planned.get(id) as PlannedDoc; return { _id: id, ...d.meta, ...d.inc, createdBy: batch, updatedAt: at }; }) });
    return;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
  const _ = db.command;
  const now = await db.collection(C.stats).where({ _id: _.in(ids) }).field({ _id: true, createdBy: true }).limit(ids.length).get<{ _id: string; createdBy?: string }>();
  const mine = new Set(now.data.filter((d) => d.createdBy === batch).map((d) => d._id));
  for (const id of ids.filter((i) => !mine.has(i))) await createOrAdd(db, id, planned.get(id) as PlannedDoc, data, at);
}

async function createOrAdd(db: Database, id: string, d: PlannedDoc, data: Record<string, unknown>, at: Date): Promise<void> {
  try {
    await db.collection(C.stats).add({ data: { _id: id, ...d.meta, ...d.inc, updatedAt: at } });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    await db.collection(C.stats).doc(id).update({ data });
  }
}

/** Where events of an enterprise count. */
export const placeOfEnterprise = (e: Pick<EnterpriseDoc, '_id' | 'name' | 'regionCode' | 'industry'>): OvPlace => ({
  enterpriseId: e._id,
  enterpriseName: e.name,
  regionCode: e.regionCode,
  industry: e.industry,
});

/** Where a person's events count while employed (the enterprise's fields denormalized on the person). */
export function placeOfPerson(p: { enterpriseId?: string | null; enterpriseName?: string | null; townCode?: string | null; countyCode?: string | null; industry?: string | null }): OvPlace | null {
  const regionCode = p.townCode ?? p.countyCode;
  if (!p.enterpriseId || !regionCode) return null;
  return { enterpriseId: p.enterpriseId, ...(p.enterpriseName ? { enterpriseName: p.enterpriseName } : {}), regionCode, industry: p.industry ?? null };
}

/** Moves the counters once the transaction `tx` has committed (see db.afterCommit). */
export function moveAfterCommit(tx: Transaction, db: Database, moves: OvMove[]): void {
  if (moves.length) afterCommit(tx, () => applyMoves(db, moves));
}

/**
 * Applies the moves of numbered batch `seq` of a sequence (the exam timer's rollup batches) at most
 * once: a compare-and-set moves `ovseq:<key>` forward first, so a batch replayed after a crash (same
 * seq) moves nothing twice. A crash between the two leaves the counters short: the nightly repairs.
 */
export async function applyMovesOnce(db: Database, key: string, seq: number, moves: OvMove[]): Promise<boolean> {
  if (!moves.length) return false;
  const id = `ovseq:${key}`;
  const r = await db.collection(C.stats).where({ _id: id, seq: db.command.lt(seq) }).update({ data: { seq, updatedAt: new Date() } });
  if (r.stats.updated === 0) {
    try {
      await db.collection(C.stats).add({ data: { _id: id, kind: 'ovSeq', seq, updatedAt: new Date() } });
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }
  await applyMoves(db, moves);
  return true;
}
