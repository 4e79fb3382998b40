import { orgContracts, type EnterpriseRow } from '../../../shared/contracts/org';
import { escapeRegExp } from '../../../shared/text';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { scopeConditions } from '../../common/scope';

interface EnterpriseDoc extends Omit<EnterpriseRow, 'createdAt'> {
  createdAt: Date;
}

/** Console enterprise archive: scoped to the caller's region / industries / enterprise. */
export default defineAction(orgContracts.listEnterprises, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ keyword, regionCode, industry, page, pageSize }, { db, principal }) {
    const _ = db.command;
    const conds = scopeConditions(_, principal, { requestedRegion: regionCode, requestedIndustry: industry, enterpriseField: '_id' });
    if (keyword) {
      const re = db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' });
      conds.push(_.or([{ name: re }, { creditCode: db.RegExp({ regexp: `^${escapeRegExp(keyword.toUpperCase())}` }) }]));
    }
    const where = conds.length === 0 ? {} : conds.length === 1 ? conds[0] : _.and(conds);
    const coll = db.collection(C.enterprises);
    const [res, count] = await Promise.all([
      coll
        .where(where)
        .orderBy('name', 'asc')
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .get<EnterpriseDoc>(),
      coll.where(where).count(),
    ]);
    const items = res.data.map(
      (d): EnterpriseRow => ({
        _id: d._id,
        name: d.name,
        creditCode: d.creditCode,
        regionCode: d.regionCode,
        regionName: d.regionName,
        industry: d.industry,
        supervisionType: d.supervisionType,
        keyAreas: d.keyAreas ?? [],
        scale: d.scale,
        staffCount: d.staffCount ?? 0,
        contactName: d.contactName ?? '',
        contactPhone: d.contactPhone ?? '',
        createdAt: new Date(d.createdAt).toISOString(),
      }),
    );
    return { items, total: count.total, page, pageSize };
  },
});
