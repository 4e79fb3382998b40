import { examAdminContracts } from '../../../shared/contracts/exam';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { MANAGERS } from '../owner';
import { loadManagedTemplate, toTemplate } from '../templates';

/** 归档 / 恢复: an archived template is hidden from pickers; exams made from it keep their copied rule. */
export default defineAction(examAdminContracts.archiveExamTemplate, {
  allow: MANAGERS,
  async run({ templateId, archived }, ctx) {
    const t = await loadManagedTemplate(ctx, templateId);
    if (t.archived === archived) return { template: toTemplate(t) };
    const now = ctx.now();
    await ctx.db.collection(C.examTemplates).doc(templateId).update({ data: { archived, rev: ctx.db.command.inc(1), updatedAt: now } });
    await ctx.audit({ action: archived ? 'examTemplate.archive' : 'examTemplate.restore', targetType: 'examTemplate', targetId: templateId });
    return { template: toTemplate({ ...t, archived, rev: t.rev + 1, updatedAt: now }) };
  },
});
