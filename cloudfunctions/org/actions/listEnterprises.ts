import { orgContracts, type CreditCodeStatus } from '../../../shared/contracts/org';
import { escapeRegExp } from '../../../shared/text';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { enterpriseRow, type EnterpriseDoc } from '../../common/enterprises';
import { scopeConditions } from '../../common/scope';

type Command = Parameters<typeof scopeConditions>[0];

/**
 * Older documents carry only creditCodeVerified (creditCodeStatusOf derives the rest): pending is
 * unverified and not recorded wrong, verified is verified (or recorded so). Equality / in on the two
 * fields only, so an index on creditCodeVerified (+ creditCodeStatus) serves it.
 */
function creditCodeCondition(_: Command, status: CreditCodeStatus) {
  if (status === 'wrong') return { creditCodeStatus: 'wrong' };
  if (status === 'pending') return { creditCodeVerified: false, creditCodeStatus: _.neq('wrong') };
  return { creditCodeVerified: _.neq(false), creditCodeStatus: _.neq('wrong') };
}

/** Console enterprise archive: scoped to the caller's region / industries / enterprise. */
export default defineAction(orgContracts.listEnterprises, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ keyword, regionCode, industry, creditCodeStatus, page, pageSize }, { db, principal }) {
    const _ = db.command;
    const conds = scopeConditions(_, principal, { requestedRegion: regionCode, requestedIndustry: industry, enterpriseField: '_id' });
    if (keyword) {
      const re = db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' });
      conds.push(_.or([{ name: re }, { creditCode: db.RegExp({ regexp: `^${escapeRegExp(keyword.toUpperCase())}` }) }]));
    }
    if (creditCodeStatus) conds.push(creditCodeCondition(_, creditCodeStatus));
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
    const items = res.data.map(enterpriseRow);
    return { items, total: count.total, page, pageSize };
  },
});
