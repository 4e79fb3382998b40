import { statsContracts } from '../../../shared/contracts/stats';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';

const PAGE = 1000;

/**
 * Counters are kept by the events that change them (the employment lifecycle) and recomputed where
 * a step cannot share a transaction with them (imports); this nightly job checks them all against
 * the records: one aggregation of active persons per enterprise, then the enterprises page by page.
 * Any drift is fixed, logged and answered — the tests demand zero.
 */
export default defineAction(statsContracts.reconcileCounts, {
  allow: ['timer', 'sysadmin'],
  async run(_input, ctx) {
    const { db } = ctx;
    const _ = db.command;
    const $ = _.aggregate;
    const counted = await db
      .collection(C.persons)
      .aggregate()
      .match({ status: 'active' })
      .group({ _id: '$enterpriseId', n: $.sum(1) })
      .limit(1_000_000)
      .end<{ _id: string | null; n: number }>();
    const actual = new Map(counted.list.filter((c) => c._id).map((c) => [c._id as string, c.n]));
    const drift: { enterpriseId: string; stored: number; actual: number }[] = [];
    let enterprises = 0;
    for (let after = ''; ; ) {
      const page = await db
        .collection(C.enterprises)
        .where({ _id: _.gt(after) })
        .orderBy('_id', 'asc')
        .limit(PAGE)
        .field({ _id: true, staffCount: true })
        .get<{ _id: string; staffCount?: number }>();
      for (const e of page.data) {
        enterprises++;
        const n = actual.get(e._id) ?? 0;
        if ((e.staffCount ?? 0) !== n) drift.push({ enterpriseId: e._id, stored: e.staffCount ?? 0, actual: n });
      }
      if (page.data.length < PAGE) break;
      after = page.data[page.data.length - 1]._id;
    }
    for (const d of drift) await db.collection(C.enterprises).doc(d.enterpriseId).update({ data: { staffCount: d.actual } });
    if (drift.length) ctx.log('staffCount drift repaired', { drift: drift.slice(0, 50), total: drift.length });
    const expired = await db
      .collection(C.stats)
      .where({ kind: _.in(['rateLimit', 'loginGuard', 'uploadQuota']), expiresAt: _.lt(ctx.now()) })
      .remove();
    await db
      .collection(C.stats)
      .doc('reconcile:last')
      .set({ data: { kind: 'reconcile', at: ctx.now(), enterprises, drift: drift.length } });
    return { enterprises, drift, expiredCountersRemoved: expired.stats.removed };
  },
});
