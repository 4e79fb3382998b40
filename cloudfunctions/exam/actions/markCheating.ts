import { examAdminContracts } from '../../../shared/contracts/exam';
import { decideSubmit, markCheating } from '../../../shared/exam/attemptState';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { AppError } from '../../common/errors';
import { gradeAndStore, readAttempt, whole, toAttemptRow, type AttemptDoc } from '../attemptDoc';
import { attemptForOversight } from '../oversight';

/**
 * 作弊 (audited): a regulator in scope or the organising enterprise's admin marks an attempt with a
 * reason (compare-and-set on `rev`). It counts as failed and shows as 作弊; an attempt in progress
 * ends now and is graded for the record. The same reason again changes nothing; another reason is
 * ATTEMPT_ALREADY_MARKED.
 */
export default defineAction(examAdminContracts.markCheating, {
  allow: ['regulator', 'enterpriseAdmin'],
  async run({ attemptId, reason }, ctx) {
    const { attempt } = await attemptForOversight(ctx, attemptId, 'mark');
    const now = ctx.now().getTime();
    const by = ctx.principal.kind === 'account' ? ctx.principal.accountId : '';
    let a: AttemptDoc = attempt;
    for (let round = 0; round < 3; round++) {
      const m = markCheating(a, { by, reason, at: now });
      if (!m.ok) throw new AppError(m.code);
      if (!m.changed) return { attempt: toAttemptRow(a) };
      const patch = { status: m.state.status, submittedAt: m.state.submittedAt, result: m.state.result, cheating: m.state.cheating, rev: m.state.rev, touchedAt: now };
      const r = await ctx.db.collection(C.attempts).where({ _id: a._id, rev: a.rev }).update({ data: whole(ctx.db, patch) });
      if (r.stats.updated === 1) {
        let marked: AttemptDoc = { ...a, ...patch };
        await ctx.audit({ action: 'exam.markCheating', targetType: 'attempt', targetId: a._id, details: { reason, examId: a.examId, personId: a.personId } });
        const d = decideSubmit(marked, now);
        if (d.action === 'grade') marked = (await gradeAndStore(ctx.db, marked, d, now)).attempt;
        return { attempt: toAttemptRow(marked) };
      }
      const fresh = await readAttempt(ctx.db, a._id);
      if (!fresh) throw new AppError('NOT_FOUND');
      a = fresh;
    }
    throw new AppError('CONFLICT');
  },
});
