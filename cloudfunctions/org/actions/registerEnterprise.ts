import { markBaselinesRegistered } from '../../common/baselines';
import { orgContracts } from '../../../shared/contracts/org';
import { checkCreditCode, CREDIT_CODE_PROBLEM_ZH } from '../../../shared/creditCode';
import { isStrongPassword, PASSWORD_RULE_ZH } from '../../../shared/password';
import { accountIdOf, accountView, type AccountDoc } from '../../common/accounts';
import { moveAfterCommit, placeOfEnterprise } from '../../common/oversight';
import { defineAction } from '../../common/action';
import { hashPassword } from '../../common/crypto';
import { C, getById } from '../../common/db';
import { isDuplicateKey, isTransactionConflict } from '../../common/dbErrors';
import { enterpriseRegion, enterpriseRegionFields, type EnterpriseDoc } from '../../common/enterprises';
import { AppError } from '../../common/errors';

/**
 * Enterprise registration by its first admin: the enterprise (`_id` = normalized credit code) and
 * its admin account are created together in one transaction. A credit code failing only its check
 * character is accepted when the admin confirms it is printed so, flagged for the county regulator.
 */
export default defineAction(orgContracts.registerEnterprise, {
  allow: ['anyone'],
  async run(input, ctx) {
    const { db } = ctx;
    const cc = checkCreditCode(input.creditCode);
    if (!cc.ok && (cc.problem === 'format' || !input.creditCodeConfirmed)) {
      throw new AppError(
        'CREDIT_CODE_INVALID',
        cc.problem === 'format' ? CREDIT_CODE_PROBLEM_ZH.format : `${CREDIT_CODE_PROBLEM_ZH.checksum}；如营业执照上确实如此印制，请勾选确认后提交，由属地监管部门核验`,
        { problem: cc.problem },
      );
    }
    const creditCode = cc.value;
    const creditCodeVerified = cc.ok;
    if (!isStrongPassword(input.admin.password)) throw new AppError('PASSWORD_WEAK', PASSWORD_RULE_ZH);
    const accountId = accountIdOf(input.admin.username);
    const [region, existing, taken] = await Promise.all([
      enterpriseRegion(input.regionCode),
      getById<EnterpriseDoc>(C.enterprises, creditCode),
      getById<AccountDoc>(C.accounts, accountId),
    ]);
    if (existing) throw new AppError('ENTERPRISE_EXISTS', `统一社会信用代码 ${creditCode} 已登记企业“${existing.name}”，请联系该企业管理员添加账号`);
    if (taken) throw new AppError('USERNAME_TAKEN');

    const now = ctx.now();
    const enterprise: EnterpriseDoc = {
      _id: creditCode,
      name: input.name,
      creditCode,
      creditCodeVerified,
      creditCodeStatus: creditCodeVerified ? 'verified' : 'pending',
      regionCode: region.code,
      regionName: region.fullName,
      ...enterpriseRegionFields(region.code),
      address: input.address,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      scale: input.scale,
      supervisionType: input.supervisionType,
      industry: input.industry,
      keyAreas: [...new Set(input.keyAreas)],
      staffCount: 0,
      status: 'active',
      createdAt: now,
      updatedAt: now,
    };
    const account: AccountDoc = {
      _id: accountId,
      username: input.admin.username,
      displayName: input.admin.displayName,
      ...(input.admin.phone ? { phone: input.admin.phone } : {}),
      passwordHash: await hashPassword(input.admin.password),
      role: 'enterpriseAdmin',
      enterpriseId: creditCode,
      enterpriseName: input.name,
      regionCode: region.code,
      regionName: region.fullName,
      status: 'active',
      sessionVersion: 1,
      createdAt: now,
    };
    try {
      await db.runTransaction(async (tx) => {
        // Explicit _ids: a concurrent registration of the same code or username fails here, not twice.
        await tx.collection(C.enterprises).add({ data: { ...enterprise } });
        await tx.collection(C.accounts).add({ data: { ...account } });
        moveAfterCommit(tx, db, [{ place: placeOfEnterprise(enterprise), at: now, inc: { enterprises: 1 } }]);
      });
    } catch (e) {
      // Classified by code: MongoDB's duplicate key (E11000), or a conflict that outlived the retries.
      if (!isDuplicateKey(e) && !isTransactionConflict(e)) throw e;
      const again = await getById<EnterpriseDoc>(C.enterprises, creditCode);
      throw new AppError(again ? 'ENTERPRISE_EXISTS' : 'USERNAME_TAKEN');
    }
    // 名单比对: the period lists that hold this credit code stop listing it as unregistered.
    await markBaselinesRegistered(db, creditCode, now);
    await ctx.audit({
      action: 'enterprise.register',
      targetType: 'enterprise',
      targetId: creditCode,
      details: { name: input.name, regionCode: region.code, creditCodeVerified, adminAccount: accountId },
    });
    return { enterpriseId: creditCode, creditCodeVerified, account: accountView(account) };
  },
});
