import { regionContains } from '../../shared/regions';
import type { Ctx } from '../common/action';
import { accountOf, canManage } from '../common/publishing';
import { attemptNotFound, readAttempt, type AttemptDoc } from './attemptDoc';
import { loadExam, type ExamDoc } from './examDoc';

/**
 * Who sees one attempt (attemptDetail): the exam's managers, regulators whose region holds the
 * taker's county, and the taker's enterprise admin. Who marks it 作弊 (markCheating): regulators in
 * scope and the organising enterprise's admin. Anything else answers as a missing attempt.
 */
export function regulatorCovers(ctx: Ctx, a: Pick<AttemptDoc, 'countyCode' | 'industry'>): boolean {
  const p = accountOf(ctx.principal);
  if (p.role !== 'regulator' || !p.regionCode || !a.countyCode || !regionContains(p.regionCode, a.countyCode)) return false;
  return !p.industries?.length || (!!a.industry && p.industries.includes(a.industry));
}

export async function attemptForOversight(ctx: Ctx, attemptId: string, purpose: 'view' | 'mark'): Promise<{ attempt: AttemptDoc; exam: ExamDoc }> {
  const a = await readAttempt(ctx.db, attemptId);
  const exam = a ? await loadExam(a.examId) : null;
  if (!a || !exam) throw attemptNotFound();
  const p = accountOf(ctx.principal);
  const organiser = exam.publisher.role === 'enterpriseAdmin' && p.role === 'enterpriseAdmin' && exam.publisher.enterpriseId === p.enterpriseId;
  const ok =
    purpose === 'mark'
      ? regulatorCovers(ctx, a) || organiser
      : canManage(ctx.principal, exam) || regulatorCovers(ctx, a) || (p.role === 'enterpriseAdmin' && !!p.enterpriseId && a.enterpriseId === p.enterpriseId);
  if (!ok) throw attemptNotFound();
  return { attempt: a, exam };
}
