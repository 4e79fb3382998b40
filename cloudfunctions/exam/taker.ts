import { matchesPushRule, type PushTarget } from '../../shared/learning/pushRule';
import type { PersonDoc } from '../common/persons';
import type { Ctx } from '../common/action';
import { AppError } from '../common/errors';
import { callerPerson, targetOf } from '../learning/learner';
import type { ExamDoc } from './examDoc';

/** The caller as a taker: its person document and push target (null: no exam reaches it). */
export function taker(ctx: Ctx): { person: PersonDoc; target: PushTarget | null } {
  const person = callerPerson(ctx);
  return { person, target: targetOf(person) };
}

/** Published and reaching the caller; anything else (missing, draft, cancelled, another audience) answers alike: no oracle. */
export function examOpenTo(e: ExamDoc | null, target: PushTarget | null): e is ExamDoc {
  return !!e && !!target && e.status === 'published' && matchesPushRule(e.pushRule, target);
}

export function assertExamOpen(e: ExamDoc | null, target: PushTarget | null): ExamDoc {
  if (!examOpenTo(e, target)) throw new AppError('EXAM_NOT_AVAILABLE');
  return e;
}
