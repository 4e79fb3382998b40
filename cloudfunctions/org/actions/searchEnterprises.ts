import { orgContracts, type EnterpriseBrief } from '../../../shared/contracts/org';
import { escapeRegExp } from '../../../shared/text';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';

/** Looks like the start of a credit code: search that field by prefix instead of the name. */
const CREDIT_CODE_PREFIX = /^[0-9A-HJ-NP-RTUW-Y]{4,18}$/;

/**
 * Employer search for workers (also before they have an account). Returns only what is printed on
 * a business licence anyway. One round trip: pageSize+1 rows tell whether there is more.
 */
export default defineAction(orgContracts.searchEnterprises, {
  allow: ['anyone'],
  async run({ keyword, page, pageSize }, { db }) {
    const kw = keyword.toUpperCase();
    const where: Record<string, unknown> = { status: 'active' };
    if (CREDIT_CODE_PREFIX.test(kw)) where.creditCode = db.RegExp({ regexp: `^${escapeRegExp(kw)}` });
    else if (keyword) where.name = db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' });
    const res = await db
      .collection(C.enterprises)
      .where(where)
      .orderBy('name', 'asc')
      .skip((page - 1) * pageSize)
      .limit(pageSize + 1)
      .field({ name: true, creditCode: true, regionName: true })
      .get<EnterpriseBrief>();
    const rows = res.data;
    return {
      items: rows.slice(0, pageSize).map(({ _id, name, creditCode, regionName }) => ({ _id, name, creditCode, regionName })),
      hasMore: rows.length > pageSize,
    };
  },
});
