import { statsContracts } from '../../../shared/contracts/stats';
import type { IndustryCode } from '../../../shared/taxonomy';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';

interface CountyBucket {
  _id: { county: string; industry: IndustryCode };
  n: number;
}

/**
 * Recomputes `stats` documents `ent:<regionCode>` = { total, byIndustry } for every county, city and
 * province from one aggregation over enterprises. Dashboards read these documents instead of
 * counting enterprises; this nightly run repairs any drift in the live counters.
 */
export default defineAction(statsContracts.rollupEnterpriseCounts, {
  allow: ['timer', 'sysadmin'],
  async run(_input, { db, now }) {
    const $ = db.command.aggregate;
    const res = await db
      .collection(C.enterprises)
      .aggregate()
      .match({ status: 'active' })
      .group({ _id: { county: '$countyCode', industry: '$industry' }, n: $.sum(1) })
      .limit(100000)
      .end<CountyBucket>();
    const totals = new Map<string, { total: number; byIndustry: Record<string, number> }>();
    let enterprises = 0;
    for (const b of res.list) {
      enterprises += b.n;
      const c = b._id.county;
      for (const code of [c.slice(0, 2), c.slice(0, 4), c]) {
        const t = totals.get(code) ?? { total: 0, byIndustry: {} };
        t.total += b.n;
        t.byIndustry[b._id.industry] = (t.byIndustry[b._id.industry] ?? 0) + b.n;
        totals.set(code, t);
      }
    }
    const at = now();
    for (const [code, t] of totals) {
      await db.collection(C.stats).doc(`ent:${code}`).set({ data: { kind: 'enterpriseCount', regionCode: code, ...t, updatedAt: at } });
    }
    return { regions: totals.size, enterprises };
  },
});
