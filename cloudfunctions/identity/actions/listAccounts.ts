import { identityContracts } from '../../../shared/contracts/identity';
import { escapeRegExp } from '../../../shared/text';
import { accountView, type AccountDoc } from '../../common/accounts';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { accountPrincipal } from '../accountScope';

/**
 * Console accounts the caller can see: sysadmin all; a regulator the accounts of its region
 * subtree (regulators and admins of enterprises located there: accounts carry `regionCode`);
 * an enterprise admin the admins of its enterprise.
 */
export default defineAction(identityContracts.listAccounts, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ keyword, page, pageSize }, { db, principal }) {
    const p = accountPrincipal(principal);
    const _ = db.command;
    const conds: Record<string, unknown>[] = [];
    if (p.role === 'enterpriseAdmin') {
      if (!p.enterpriseId) throw new AppError('FORBIDDEN');
      conds.push({ enterpriseId: p.enterpriseId });
    } else if (p.role === 'regulator') {
      if (!p.regionCode) throw new AppError('FORBIDDEN');
      conds.push({ regionCode: db.RegExp({ regexp: `^${p.regionCode}` }) });
    }
    if (keyword) {
      const re = db.RegExp({ regexp: escapeRegExp(keyword), options: 'i' });
      conds.push(_.or([{ username: re }, { displayName: re }, { enterpriseName: re }]));
    }
    const where = conds.length === 0 ? {} : conds.length === 1 ? conds[0] : _.and(conds);
    const coll = db.collection(C.accounts);
    const [res, count] = await Promise.all([
      coll
        .where(where)
        .orderBy('username', 'asc')
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .get<AccountDoc>(),
      coll.where(where).count(),
    ]);
    const items = res.data.map((a) => ({ ...accountView(a), status: a.status, createdAt: new Date(a.createdAt).toISOString() }));
    return { items, total: count.total, page, pageSize };
  },
});
