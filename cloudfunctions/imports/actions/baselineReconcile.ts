import { isUnderstaffed } from '../../../shared/baselines';
import { isoWeekKey } from '../../../shared/calendar';
import { importsContracts, type ReconcileItem, type ReconcilePage } from '../../../shared/contracts/imports';
import type { IndustryCode } from '../../../shared/taxonomy';
import { defineAction } from '../../common/action';
import type { BaselineDoc } from '../../common/baselines';
import { C, type Database } from '../../common/db';
import type { EnterpriseDoc } from '../../common/enterprises';
import { scopeConditions } from '../../common/scope';
import { baselineScope } from '../baselineFile';

/** A call examines at most this many rows (lists that need a check per row are scanned in steps). */
export const RECONCILE_MAX_SCAN = 1000;
const BATCH = 200;

const ENT_FIELDS = { _id: true, name: true, regionCode: true, regionName: true, industry: true, staffCount: true } as const;

/** Enterprises among `ids` with at least one learner who studied in ISO week `week` (one grouping query). */
async function activeEnterprises(db: Database, ids: string[], week: string): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const _ = db.command;
  const res = await db
    .collection(C.studySessions)
    .aggregate()
    .match({ week, enterpriseId: _.in(ids), weekSeconds: _.gt(0) })
    .group({ _id: '$enterpriseId' })
    .limit(ids.length)
    .end<{ _id: string }>();
  return new Set(res.list.map((r) => r._id));
}

/**
 * 名单比对, three lists in the caller's scope:
 * - `unregistered`: the period's 市场主体名单 rows whose credit code no registered enterprise has
 *   (the `registered` flag, set at import and by registration; a page is re-checked against the
 *   enterprises and stale flags are repaired). Indexed: a page and a count.
 * - `understaffed`: registered enterprises of the period's 社保缴纳名单 whose active staff now is
 *   below UNDERSTAFFED_RATIO of the insured headcount (firms under UNDERSTAFFED_MIN_INSURED insured
 *   are not listed).
 * - `inactive`: registered enterprises with active staff of whom nobody studied in `week` (default:
 *   this ISO week), from the learners' weekly seconds.
 * The last two need a check per row: a call scans at most RECONCILE_MAX_SCAN rows in credit-code
 * order and answers a cursor to continue.
 */
export default defineAction(importsContracts.baselineReconcile, {
  allow: ['regulator', 'sysadmin'],
  async run({ kind, period, week, regionCode, industry, cursor, pageSize }, ctx) {
    baselineScope(ctx);
    const { db } = ctx;
    const _ = db.command;
    const scope = scopeConditions(_, ctx.principal, { requestedRegion: regionCode, requestedIndustry: industry });
    const after = cursor ? [{ _id: _.gt(cursor) }] : [];
    const page: ReconcilePage = { kind, items: [], cursor: null, scanned: 0 };

    if (kind === 'unregistered') {
      const where = _.and([{ period, list: 'market', registered: false }, ...scope]);
      const [rows, count] = await Promise.all([
        db.collection(C.baselines).where(_.and([{ period, list: 'market', registered: false }, ...scope, ...after])).orderBy('_id', 'asc').limit(pageSize).get<BaselineDoc>(),
        db.collection(C.baselines).where(where).count(),
      ]);
      page.scanned = rows.data.length;
      const codes = rows.data.map((d) => d.creditCode);
      const registered = codes.length
        ? new Set((await db.collection(C.enterprises).where({ _id: _.in(codes) }).field({ _id: true }).limit(codes.length).get()).data.map((e) => e._id))
        : new Set<string>();
      if (registered.size) {
        // A registration the flag missed (registered before the flag existed): repaired here.
        await db.collection(C.baselines).where({ _id: _.in(rows.data.filter((d) => registered.has(d.creditCode)).map((d) => d._id)) }).update({ data: { registered: true } });
      }
      page.items = rows.data
        .filter((d) => !registered.has(d.creditCode))
        .map((d) => ({ creditCode: d.creditCode, name: d.name, regionCode: d.regionCode, regionName: d.regionName, industry: d.industry }));
      page.total = count.total - registered.size;
      page.cursor = rows.data.length === pageSize ? rows.data[rows.data.length - 1]._id : null;
      return page;
    }

    const theWeek = week ?? isoWeekKey(ctx.now());
    let last = cursor ?? null;
    for (;;) {
      const room = Math.min(BATCH, RECONCILE_MAX_SCAN - page.scanned);
      if (room <= 0) break;
      const gt = last ? [{ _id: _.gt(last) }] : [];
      let items: { id: string; item: ReconcileItem | null }[];
      let got: number;
      if (kind === 'understaffed') {
        const rows = await db
          .collection(C.baselines)
          .where(_.and([{ period, list: 'insured', registered: true }, ...scope, ...gt]))
          .orderBy('_id', 'asc')
          .limit(room)
          .get<BaselineDoc>();
        got = rows.data.length;
        const codes = rows.data.map((d) => d.creditCode);
        const ents = codes.length ? (await db.collection(C.enterprises).where({ _id: _.in(codes) }).field(ENT_FIELDS).limit(codes.length).get<EnterpriseDoc>()).data : [];
        const byCode = new Map(ents.map((e) => [e._id, e]));
        items = rows.data.map((d) => {
          const e = byCode.get(d.creditCode);
          const staff = e?.staffCount ?? 0;
          const insured = d.insured ?? 0;
          if (!e || !isUnderstaffed(staff, insured)) return { id: d._id, item: null };
          return {
            id: d._id,
            item: { creditCode: d.creditCode, name: e.name, regionCode: e.regionCode, regionName: e.regionName, industry: e.industry as IndustryCode, insured, staff, ratio: insured ? Math.round((staff / insured) * 1000) / 1000 : 0 },
          };
        });
      } else {
        const rows = await db
          .collection(C.enterprises)
          .where(_.and([{ status: 'active', staffCount: _.gt(0) }, ...scope, ...gt]))
          .orderBy('_id', 'asc')
          .field(ENT_FIELDS)
          .limit(room)
          .get<EnterpriseDoc>();
        got = rows.data.length;
        const active = await activeEnterprises(db, rows.data.map((e) => e._id), theWeek);
        items = rows.data.map((e) => ({
          id: e._id,
          item: active.has(e._id) ? null : { creditCode: e._id, name: e.name, regionCode: e.regionCode, regionName: e.regionName, industry: e.industry, staff: e.staffCount ?? 0 },
        }));
      }
      for (const x of items) {
        page.scanned++;
        last = x.id;
        if (x.item) page.items.push(x.item);
        if (page.items.length >= pageSize) break;
      }
      if (page.items.length >= pageSize) {
        page.cursor = last;
        return page;
      }
      if (got < room) return page;
    }
    page.cursor = last;
    return page;
  },
});
