import type { ExamTemplate } from '../../shared/contracts/exam';
import { validateDrawingRule, type DrawingRule, type DrawingValidation } from '../../shared/exam/drawing';
import type { IndustryCode } from '../../shared/taxonomy';
import type { Ctx } from '../common/action';
import { C, getById } from '../common/db';
import { AppError } from '../common/errors';
import { iso, loadPool } from './banks';
import { canManage, type Owned } from './owner';

/** A stored 考试模板 (collection `examTemplates`). */
export interface TemplateDoc extends Owned {
  _id: string;
  name: string;
  industry: IndustryCode | null;
  description: string;
  rule: DrawingRule;
  fullScore: number;
  passScore: number;
  durationMinutes: number;
  archived: boolean;
  /** Compare-and-set counter of edits. */
  rev: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export function toTemplate(d: TemplateDoc): ExamTemplate {
  return {
    _id: d._id,
    name: d.name,
    industry: d.industry,
    description: d.description,
    rule: d.rule,
    fullScore: d.fullScore,
    passScore: d.passScore,
    durationMinutes: d.durationMinutes,
    owner: d.owner,
    archived: d.archived,
    updatedAt: iso(d.updatedAt),
  };
}

export const templateNotFound = () => new AppError('NOT_FOUND', '考试模板不存在或无权访问');

export async function loadManagedTemplate(ctx: Ctx, templateId: string): Promise<TemplateDoc> {
  const t = await getById<TemplateDoc>(C.examTemplates, templateId);
  if (!t || !canManage(ctx.principal, t)) throw templateNotFound();
  return t;
}

/** The rule against the current, active questions of its banks the caller manages (others count as empty). */
export async function validateRule(ctx: Ctx, rule: DrawingRule, fullScore: number): Promise<DrawingValidation> {
  const pool = await loadPool(ctx, rule.sections.flatMap((s) => s.from.bankIds));
  return validateDrawingRule(rule, fullScore, pool);
}

/** DRAWING_RULE_INVALID with the validation as details (the console shows it per section). */
export function assertValid(v: DrawingValidation): void {
  if (!v.ok) throw new AppError('DRAWING_RULE_INVALID', v.problems.map((p) => p.message).join('；'), { validation: v });
}
