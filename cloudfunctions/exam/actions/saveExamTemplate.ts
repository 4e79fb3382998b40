import { examAdminContracts } from '../../../shared/contracts/exam';
import { hashKey } from '../../../shared/random';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { isDuplicateKey } from '../../common/dbErrors';
import { AppError } from '../../common/errors';
import { accountOf, assertWithinIndustries, canManage, MANAGERS, ownerKey, ownerOf } from '../owner';
import { assertValid, loadManagedTemplate, toTemplate, validateRule, type TemplateDoc } from '../templates';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * 保存考试模板: the rule is validated against the banks (DRAWING_RULE_INVALID, details.validation).
 * A new template's `_id` comes from the owning unit and the name, so a replayed save writes once
 * (the same content answers the stored template; another content under the name is CONFLICT).
 * Editing is compare-and-set on `rev`.
 */
export default defineAction(examAdminContracts.saveExamTemplate, {
  allow: MANAGERS,
  async run({ templateId, ...fields }, ctx) {
    const p = accountOf(ctx.principal);
    const current = templateId ? await loadManagedTemplate(ctx, templateId) : null;
    assertWithinIndustries(p, { industry: fields.industry });
    assertValid(await validateRule(ctx, fields.rule, fields.fullScore));
    const now = ctx.now();
    const content = { name: fields.name, industry: fields.industry, description: fields.description, rule: fields.rule, fullScore: fields.fullScore, passScore: fields.passScore, durationMinutes: fields.durationMinutes };

    if (current) {
      if (same(content, { name: current.name, industry: current.industry, description: current.description, rule: current.rule, fullScore: current.fullScore, passScore: current.passScore, durationMinutes: current.durationMinutes }))
        return { template: toTemplate(current) };
      const res = await ctx.db.collection(C.examTemplates).where({ _id: current._id, rev: current.rev }).update({ data: { ...content, rev: current.rev + 1, updatedAt: now } });
      if (res.stats.updated !== 1) throw new AppError('CONFLICT', '该模板已被他人修改，请刷新后重试');
      await ctx.audit({ action: 'examTemplate.update', targetType: 'examTemplate', targetId: current._id });
      return { template: toTemplate({ ...current, ...content, rev: current.rev + 1, updatedAt: now }) };
    }

    const owned = ownerOf(ctx);
    const _id = `tpl${hashKey(`${ownerKey(owned.owner)}\n${fields.name.replace(/\s+/g, '')}`)}`;
    const doc: TemplateDoc = { _id, ...content, ...owned, archived: false, rev: 1, createdBy: p.accountId, createdAt: now, updatedAt: now };
    const existing = async () => {
      const t = await getById<TemplateDoc>(C.examTemplates, _id);
      if (!t || !canManage(p, t)) return null;
      if (same(content, { name: t.name, industry: t.industry, description: t.description, rule: t.rule, fullScore: t.fullScore, passScore: t.passScore, durationMinutes: t.durationMinutes })) return { template: toTemplate(t) };
      throw new AppError('CONFLICT', '已有同名的考试模板，请修改名称或编辑原模板', { templateId: t._id });
    };
    const before = await existing();
    if (before) return before;
    try {
      await ctx.db.collection(C.examTemplates).add({ data: doc as unknown as Record<string, unknown> });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const won = await existing();
      if (won) return won;
      throw e;
    }
    await ctx.audit({ action: 'examTemplate.create', targetType: 'examTemplate', targetId: _id, details: { name: doc.name, industry: doc.industry } });
    return { template: toTemplate(doc) };
  },
});
