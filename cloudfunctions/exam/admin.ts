import { randomBytes } from 'crypto';
import { hashKey } from '../../shared/random';
import type { DrawCandidate, DrawingRule, DrawingValidation } from '../../shared/exam/drawing';
import { validateDrawingRule } from '../../shared/exam/drawing';
import type { Ctx } from '../common/action';
import { loadPool } from './banks';
import { assertValid, loadManagedTemplate } from './templates';

/**
 * Organiser-side helpers over part A's banks and templates: an exam draws from the banks its
 * publisher manages (a foreign or missing bank contributes nothing, alike) and may copy a template
 * it manages; the rule is validated against the banks' current active questions.
 */
export async function templateRule(ctx: Ctx, templateId: string): Promise<{ rule: DrawingRule }> {
  return { rule: (await loadManagedTemplate(ctx, templateId)).rule };
}

/** The rule checked against the pool (DRAWING_RULE_INVALID with the validation as details); the pool is what publishing freezes. */
export async function validatedRule(ctx: Ctx, rule: DrawingRule, fullScore: number): Promise<{ validation: DrawingValidation; pool: DrawCandidate[] }> {
  const pool = await loadPool(ctx, rule.sections.flatMap((s) => s.from.bankIds));
  const validation = validateDrawingRule(rule, fullScore, pool);
  assertValid(validation);
  return { validation, pool };
}

export const newExamId = (): string => `ex${randomBytes(10).toString('hex')}`;

/** A requested create's `_id`: from the account and its request id (a replay finds the stored draft). */
export const requestedExamId = (accountId: string, requestId: string): string => `ex${hashKey(`${accountId}\n${requestId}`)}`;
