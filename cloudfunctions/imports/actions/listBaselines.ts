import { importsContracts, type BaselineItem } from '../../../shared/contracts/imports';
import { escapeRegExp } from '../../../shared/text';
import { defineAction } from '../../common/action';
import type { BaselineDoc } from '../../common/baselines';
import { C } from '../../common/db';
import { scopeConditions } from '../../common/scope';
import { baselineScope } from '../baselineFile';

export const baselineItem = (d: BaselineDoc): BaselineItem => ({
  _id: d._id,
  period: d.period,
  list: d.list,
  creditCode: d.creditCode,
  name: d.name,
  regionCode: d.regionCode,
  regionName: d.regionName,
  industry: d.industry,
  insured: d.insured,
  registered: d.registered,
  updatedAt: new Date(d.updatedAt).toISOString(),
});

/** One page of a period's list in the caller's scope (region subtree, industries), by credit code. */
export default defineAction(importsContracts.listBaselines, {
  allow: ['regulator', 'sysadmin'],
  async run({ period, list, regionCode, industry, keyword, registered, page, pageSize }, ctx) {
    baselineScope(ctx);
    const { db } = ctx;
    const _ = db.command;
    const conds: Record<string, unknown>[] = [{ period, list }, ...scopeConditions(_, ctx.principal, { requestedRegion: regionCode, requestedIndustry: industry })];
    if (registered !== undefined) conds.push({ registered });
    if (keyword) {
      const code = keyword.toUpperCase();
      conds.push(/^[0-9A-Z]{4,18}$/.test(code) ? { creditCode: db.RegExp({ regexp: `^${code}` }) } : { name: db.RegExp({ regexp: escapeRegExp(keyword) }) });
    }
    const where = _.and(conds);
    const coll = db.collection(C.baselines);
    const [rows, count] = await Promise.all([
      coll.where(where).orderBy('creditCode', 'asc').skip((page - 1) * pageSize).limit(pageSize).get<BaselineDoc>(),
      coll.where(where).count(),
    ]);
    return { items: rows.data.map(baselineItem), total: count.total, page, pageSize };
  },
});
