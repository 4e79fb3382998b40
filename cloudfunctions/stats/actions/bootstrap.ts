import { statsContracts } from '../../../shared/contracts/stats';
import { accountIdOf, type AccountDoc } from '../../common/accounts';
import { defineAction } from '../../common/action';
import { hashPassword } from '../../common/crypto';
import { C, getById } from '../../common/db';
import { randomInitialPassword } from '../../common/randomPassword';
import { ensureSchema } from '../../common/schema';

/** The first console administrator's username (its `_id` is deterministic: created once). */
export const FIRST_SYSADMIN = 'sysadmin';

/**
 * Bootstrap of a fresh environment — the same code for `npm run deploy` (invoked through
 * manager-node) and `DEMO=0 npm start` (invoked on the local cloud). Only the deployer may call it
 * (`deployer`: the router checks the HMAC proof and burns its nonce). Idempotent: a second run
 * creates nothing and returns no password.
 */
export default defineAction(statsContracts.bootstrap, {
  allow: ['deployer'],
  async run(input, ctx) {
    const { created: collectionsCreated } = await ensureSchema(ctx.db);
    const _ = ctx.db.command;

    let regionsCreated = 0;
    if (input.regions.length) {
      const ids = input.regions.map((r) => r._id);
      const existing = await ctx.db.collection(C.regions).where({ _id: _.in(ids) }).field({ _id: true }).limit(ids.length).get();
      const have = new Set((existing.data as { _id: string }[]).map((d) => d._id));
      const missing = input.regions.filter((r) => !have.has(r._id));
      if (missing.length) {
        await ctx.db.collection(C.regions).add({ data: missing as never });
        regionsCreated = missing.length;
      }
    }

    const id = accountIdOf(FIRST_SYSADMIN);
    let oneTimePassword: string | null = null;
    const existing = await getById<AccountDoc>(C.accounts, id);
    if (!existing) {
      const password = randomInitialPassword();
      const account: AccountDoc = {
        _id: id,
        username: FIRST_SYSADMIN,
        displayName: '系统管理员',
        passwordHash: await hashPassword(password),
        role: 'sysadmin',
        status: 'active',
        sessionVersion: 1,
        mustChangePassword: true,
        createdAt: ctx.now(),
      };
      try {
        await ctx.db.collection(C.accounts).add({ data: { ...account } });
        oneTimePassword = password;
      } catch (e) {
        // A parallel bootstrap created it first: that call holds the password.
        if (!(await getById(C.accounts, id))) throw e;
      }
      if (oneTimePassword) await ctx.audit({ action: 'bootstrap.createSysadmin', targetType: 'account', targetId: id });
    }
    return {
      collectionsCreated,
      regions: { received: input.regions.length, created: regionsCreated },
      sysadmin: {
        username: FIRST_SYSADMIN,
        created: oneTimePassword !== null,
        oneTimePassword,
        awaitingFirstLogin: oneTimePassword !== null || (!!existing && existing.mustChangePassword === true && !existing.lastLoginAt),
      },
    };
  },
});
