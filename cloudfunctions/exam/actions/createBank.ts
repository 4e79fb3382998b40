import { examBankContracts } from '../../../shared/contracts/exam';
import { hashKey } from '../../../shared/random';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { isDuplicateKey } from '../../common/dbErrors';
import { AppError } from '../../common/errors';
import { loadManagedCourse } from '../../learning/courseAdmin';
import { toBankRow, type BankDoc } from '../banks';
import { accountOf, assertWithinIndustries, canManage, MANAGERS, ownerOf } from '../owner';

/**
 * 新建题库: stand-alone (industry bank) or a course's bank (a course the caller manages). The `_id`
 * comes from the caller and its request id, so a retried or parallel create writes once and
 * answers the stored bank.
 */
export default defineAction(examBankContracts.createBank, {
  allow: MANAGERS,
  async run(input, ctx) {
    const p = accountOf(ctx.principal);
    const _id = `qb${hashKey(`${p.accountId}\n${input.requestId}`)}`;
    const replay = await getById<BankDoc>(C.questionBanks, _id);
    if (replay && canManage(p, replay)) return { bank: toBankRow(replay) };
    if (replay) throw new AppError('CONFLICT');
    assertWithinIndustries(p, { industries: input.industries });
    if (input.courseId) await loadManagedCourse(ctx, input.courseId);
    const now = ctx.now();
    const doc: BankDoc = {
      _id,
      name: input.name,
      description: input.description,
      courseId: input.courseId ?? null,
      industries: input.industries,
      ...ownerOf(ctx),
      counts: { single: 0, multiple: 0, judge: 0 },
      requestId: input.requestId,
      createdBy: p.accountId,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await ctx.db.collection(C.questionBanks).add({ data: doc as unknown as Record<string, unknown> });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const won = await getById<BankDoc>(C.questionBanks, _id);
      if (!won) throw e;
      return { bank: toBankRow(won) };
    }
    await ctx.audit({ action: 'questionBank.create', targetType: 'questionBank', targetId: _id, details: { name: doc.name, courseId: doc.courseId } });
    return { bank: toBankRow(doc) };
  },
});
