import { identityContracts } from '../../../shared/contracts/identity';
import type { RegionLevel } from '../../../shared/regions';
import { accountIdOf, accountView, type AccountDoc } from '../../common/accounts';
import { defineAction } from '../../common/action';
import { hashPassword } from '../../common/crypto';
import { C, getById } from '../../common/db';
import { AppError } from '../../common/errors';
import { randomInitialPassword } from '../../common/randomPassword';
import { accountPrincipal, assertCanManage, callerAccount } from '../accountScope';
import type { EnterpriseLite } from '../workers';

interface RegionDoc {
  _id: string;
  level: RegionLevel;
  fullName: string;
}

/**
 * Creates a console account (scope rule in accountScope.ts) with a random initial password, shown
 * once in the answer and to be changed at first sign-in. Usernames are unique by the account's
 * deterministic `_id`.
 */
export default defineAction(identityContracts.createAccount, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run(input, ctx) {
    const p = accountPrincipal(ctx.principal);
    const { role } = input;
    const id = accountIdOf(input.username);
    let enterpriseId = input.enterpriseId;
    if (role === 'regulator') {
      if (!input.regionCode) throw new AppError('INVALID_INPUT', '请选择监管账号的行政区划');
      if (enterpriseId) throw new AppError('INVALID_INPUT', '监管账号不能指定企业');
    } else {
      if (p.role === 'enterpriseAdmin') enterpriseId ??= p.enterpriseId;
      if (!enterpriseId) throw new AppError('INVALID_INPUT', '请选择企业');
      if (input.industries?.length) throw new AppError('INVALID_INPUT', '企业管理员账号不能限定行业');
    }
    // A limited regulator's sub-accounts inherit its industries unless narrowed.
    const industries = role === 'regulator' ? (input.industries?.length ? input.industries : p.role === 'regulator' && p.industries?.length ? p.industries : undefined) : undefined;
    if (role === 'regulator' || p.role === 'enterpriseAdmin') assertCanManage(p, { role, regionCode: input.regionCode, industries, enterpriseId });

    const caller = callerAccount(ctx);
    const [region, enterprise, existing, initialPassword] = await Promise.all([
      role === 'regulator' ? getById<RegionDoc>(C.regions, input.regionCode!) : null,
      role === 'enterpriseAdmin' ? getById<EnterpriseLite>(C.enterprises, enterpriseId!) : null,
      getById<AccountDoc>(C.accounts, id),
      randomInitialPassword(),
    ]);
    if (role === 'regulator' && !region) throw new AppError('REGION_INVALID', '行政区划不存在');
    if (role === 'enterpriseAdmin') {
      if (!enterprise) throw new AppError('ENTERPRISE_NOT_FOUND');
      assertCanManage(p, { role, regionCode: enterprise.regionCode, enterpriseId: enterprise._id, enterpriseIndustry: enterprise.industry });
    }
    if (existing) throw new AppError('USERNAME_TAKEN');

    const now = ctx.now();
    const account: AccountDoc = {
      _id: id,
      username: input.username,
      displayName: input.displayName,
      passwordHash: await hashPassword(initialPassword),
      role,
      ...(region ? { regionCode: region._id, regionLevel: region.level, regionName: region.fullName } : {}),
      ...(industries ? { industries } : {}),
      ...(enterprise ? { enterpriseId: enterprise._id, enterpriseName: enterprise.name, regionCode: enterprise.regionCode, regionName: enterprise.regionName } : {}),
      status: 'active',
      sessionVersion: 1,
      mustChangePassword: true,
      createdAt: now,
    };
    try {
      await ctx.db.collection(C.accounts).add({ data: { ...account, createdBy: caller._id } });
    } catch (e) {
      // Lost a race for the same username.
      if (await getById(C.accounts, id)) throw new AppError('USERNAME_TAKEN');
      throw e;
    }
    await ctx.audit({
      action: 'account.create',
      targetType: 'account',
      targetId: id,
      details: { role, regionCode: account.regionCode ?? null, enterpriseId: account.enterpriseId ?? null, industries: industries ?? null },
    });
    return { account: accountView(account), initialPassword };
  },
});
