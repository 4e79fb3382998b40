/**
 * 基础名单 storage rules shared by functions (docs/oversight-baselines.md): the baseline documents,
 * their per-region rollups in `stats` (`base:<period>:<regionCode>`), and the registered flag that
 * enterprise registration refreshes.
 */
import { addTotals, baselineRollupId, emptyTotals, type BaselineList, type BaselineRollup, type BaselineTotals } from '../../shared/baselines';
import type { IndustryCode } from '../../shared/taxonomy';
import { C, type Database } from './db';

/** One row of a period's list (`_id` = baselineDocId(period, list, creditCode)). */
export interface BaselineDoc {
  _id: string;
  kind: 'baseline';
  period: string;
  list: BaselineList;
  creditCode: string;
  name: string;
  /** The most specific region (county or town) and its denormalized levels (scope queries). */
  regionCode: string;
  regionName: string;
  provinceCode: string;
  cityCode: string;
  countyCode: string;
  townCode: string | null;
  industry: IndustryCode | null;
  /** insured list only. */
  insured: number | null;
  registered: boolean;
  importedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

interface Bucket {
  _id: { list: BaselineList; town: string | null; industry: IndustryCode | null };
  n: number;
  insured: number;
}

type Totals = Pick<BaselineRollup, 'enterprises' | 'insuredEnterprises' | 'insured' | 'byIndustry'>;

const emptyRollup = (): Totals => ({ ...emptyTotals(), byIndustry: {} });

function addBucket(t: Totals, list: BaselineList, industry: IndustryCode | null, n: number, insured: number) {
  const add: Partial<BaselineTotals> = list === 'market' ? { enterprises: n } : { insuredEnterprises: n, insured };
  addTotals(t, add);
  if (industry) t.byIndustry[industry] = addTotals(t.byIndustry[industry] ?? emptyTotals(), add);
}

function addRollup(into: Totals, r: Totals) {
  addTotals(into, r);
  for (const [ind, v] of Object.entries(r.byIndustry) as [IndustryCode, BaselineTotals][]) into.byIndustry[ind] = addTotals(into.byIndustry[ind] ?? emptyTotals(), v);
}

/** Canonical form for "did it change" (key order of byIndustry does not matter). */
const fingerprint = (t: Totals | null | undefined): string =>
  t
    ? JSON.stringify([t.enterprises, t.insuredEnterprises, t.insured, Object.entries(t.byIndustry ?? {}).filter(([, v]) => v && (v.enterprises || v.insuredEnterprises || v.insured)).sort(([a], [b]) => a.localeCompare(b))])
    : JSON.stringify([0, 0, 0, []]);

const parentOf = (code: string): string => (code.length === 9 ? code.slice(0, 6) : code.length === 6 ? code.slice(0, 4) : code.length === 4 ? code.slice(0, 2) : '');

async function readRollups(db: Database, ids: string[]): Promise<Map<string, BaselineRollup>> {
  const out = new Map<string, BaselineRollup>();
  if (!ids.length) return out;
  const res = await db.collection(C.stats).where({ _id: db.command.in(ids) }).limit(ids.length).get<BaselineRollup>();
  for (const d of res.data) out.set(d._id, d);
  return out;
}

async function childRollups(db: Database, period: string, parentCode: string): Promise<BaselineRollup[]> {
  const res = await db.collection(C.stats).where({ parentCode, period, kind: 'baseline' }).limit(1000).get<BaselineRollup>();
  return res.data;
}

/** Writes the rollups whose totals differ from what is stored; answers how many it wrote. */
async function writeChanged(db: Database, period: string, fresh: Map<string, Totals>, stored: Map<string, BaselineRollup>, at: Date): Promise<number> {
  let written = 0;
  await Promise.all(
    [...fresh].map(async ([code, t]) => {
      const id = baselineRollupId(period, code);
      if (fingerprint(stored.get(id)) === fingerprint(t)) return;
      written++;
      await db.collection(C.stats).doc(id).set({ data: { kind: 'baseline', period, regionCode: code, parentCode: parentOf(code), ...t, updatedAt: at } });
    }),
  );
  return written;
}

/**
 * One pass: the counties' rollups (and their towns') from their baseline documents, then each
 * affected city and the province from their children's rollups. Writes only what differs.
 */
async function pass(db: Database, period: string, counties: string[], at: Date): Promise<number> {
  const $ = db.command.aggregate;
  let written = 0;
  await Promise.all(
    counties.map(async (county) => {
      const res = await db
        .collection(C.baselines)
        .aggregate()
        .match({ countyCode: county, period })
        .group({ _id: { list: '$list', town: '$townCode', industry: '$industry' }, n: $.sum(1), insured: $.sum('$insured') })
        .limit(10000)
        .end<Bucket>();
      const fresh = new Map<string, Totals>([[county, emptyRollup()]]);
      // Towns that had rows before and have none now must drop to zero too.
      for (const t of await childRollups(db, period, county)) fresh.set(t.regionCode, emptyRollup());
      for (const b of res.list) {
        addBucket(fresh.get(county)!, b._id.list, b._id.industry, b.n, b.insured ?? 0);
        if (b._id.town) {
          if (!fresh.has(b._id.town)) fresh.set(b._id.town, emptyRollup());
          addBucket(fresh.get(b._id.town)!, b._id.list, b._id.industry, b.n, b.insured ?? 0);
        }
      }
      const stored = await readRollups(db, [...fresh.keys()].map((c) => baselineRollupId(period, c)));
      written += await writeChanged(db, period, fresh, stored, at);
    }),
  );
  // Cities, then the province: each the sum of its children (O(children)).
  for (const parents of [[...new Set(counties.map((c) => c.slice(0, 4)))], [...new Set(counties.map((c) => c.slice(0, 2)))]]) {
    await Promise.all(
      parents.map(async (code) => {
        const sum = emptyRollup();
        for (const child of await childRollups(db, period, code)) addRollup(sum, child);
        const stored = await readRollups(db, [baselineRollupId(period, code)]);
        written += await writeChanged(db, period, new Map([[code, sum]]), stored, at);
      }),
    );
  }
  return written;
}

/**
 * Recomputes the period's rollups of `counties` and their ancestors from the records. Repeats
 * until a pass finds nothing to write: a concurrent import of a neighbouring county that summed
 * the city before this one's county changed is corrected by whichever writer checks last, and a
 * crash before the rollups is repaired by re-running the import (or the nightly reconciliation).
 */
export async function recomputeBaselineRollups(db: Database, period: string, counties: string[], at: Date): Promise<void> {
  const list = [...new Set(counties)].filter((c) => c.length === 6);
  for (let i = 0; i < 4; i++) if ((await pass(db, period, list, at)) === 0) return;
}

/**
 * Nightly: every period's rollups recomputed from the rows (the counties that hold rows, and those
 * that have a rollup but no rows any more). `drift` counts the rollup documents that were wrong and
 * were fixed — zero when every import and 清空 finished its own recompute.
 */
export async function reconcileBaselineRollups(db: Database, at: Date): Promise<{ documents: number; drift: number }> {
  const _ = db.command;
  const byPeriod = new Map<string, Set<string>>();
  const add = (period: string, county: string) => {
    if (county?.length !== 6) return;
    if (!byPeriod.has(period)) byPeriod.set(period, new Set());
    byPeriod.get(period)!.add(county);
  };
  const rows = await db
    .collection(C.baselines)
    .aggregate()
    .group({ _id: { period: '$period', county: '$countyCode' } })
    .limit(100000)
    .end<{ _id: { period: string; county: string } }>();
  for (const r of rows.list) add(r._id.period, r._id.county);
  let documents = 0;
  for (let last = ''; ; ) {
    const page = await db
      .collection(C.stats)
      .where({ kind: 'baseline', ...(last ? { _id: _.gt(last) } : {}) })
      .orderBy('_id', 'asc')
      .field({ period: true, regionCode: true })
      .limit(1000)
      .get<{ _id: string; period: string; regionCode: string }>();
    documents += page.data.length;
    for (const d of page.data) if (d.regionCode.length >= 6) add(d.period, d.regionCode.slice(0, 6));
    if (page.data.length < 1000) break;
    last = page.data[page.data.length - 1]._id;
  }
  let drift = 0;
  for (const [period, counties] of byPeriod) {
    drift += await pass(db, period, [...counties], at);
    await recomputeBaselineRollups(db, period, [...counties], at);
  }
  return { documents, drift };
}

/** Enterprise registration: the baselines with its credit code now count it as registered (one update). */
export async function markBaselinesRegistered(db: Database, creditCode: string, at: Date): Promise<void> {
  await db.collection(C.baselines).where({ creditCode, registered: false }).update({ data: { registered: true, updatedAt: at } });
}
