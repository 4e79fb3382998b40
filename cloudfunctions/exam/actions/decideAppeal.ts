import { examAdminContracts } from '../../../shared/contracts/exam';
import { decideAppeal, rescoreAttempt, voidQuestion } from '../../../shared/exam/itemAnalysis';
import { defineAction } from '../../common/action';
import { C, getById } from '../../common/db';
import { AppError } from '../../common/errors';
import { canManage } from '../../common/publishing';
import { toAppealRow, type AppealDoc } from '../appealDoc';
import { grantPass, keysOf, whole, type AttemptDoc } from '../attemptDoc';
import { loadExam, type ExamDoc } from '../examDoc';
import { questionTexts } from '../pool';

const BATCH = 200;

/**
 * Accepting voids the question for the whole exam (on `rev`) and rescores every attempt that drew
 * it (`exam_questions` index), each on its own `rev`: same inputs, same result, so a rerun after a
 * timeout changes nothing twice. Attempts in progress get the question voided for their grading.
 * Newly passed formal attempts get their points once. APPEAL_NOT_PENDING for the loser of a race.
 */
export default defineAction(examAdminContracts.decideAppeal, {
  allow: ['sysadmin', 'regulator', 'enterpriseAdmin'],
  async run({ appealId, decision, reply }, ctx) {
    const appeal = await getById<AppealDoc>(C.appeals, appealId);
    const exam = appeal ? await loadExam(appeal.examId) : null;
    if (!appeal || !exam || !canManage(ctx.principal, exam)) throw new AppError('NOT_FOUND', '申诉不存在或无权处理');
    const now = ctx.now().getTime();
    const by = ctx.principal.kind === 'account' ? ctx.principal.accountId : '';
    const d = decideAppeal(appeal, decision, reply, by, now);
    if (!d.ok) throw new AppError(d.code);
    const r = await ctx.db.collection(C.appeals).where({ _id: appealId, status: 'pending' }).update({ data: { status: d.appeal.status, reply, decidedBy: by, decidedAt: now } });
    if (r.stats.updated !== 1) throw new AppError('APPEAL_NOT_PENDING');
    await ctx.audit({ action: 'exam.decideAppeal', targetType: 'appeal', targetId: appealId, details: { decision, examId: exam._id, questionId: appeal.questionId } });
    let rescored = 0;
    let nowPassed = 0;
    if (decision === 'accept') {
      await voidOnExam(exam, appeal.questionId);
      ({ rescored, nowPassed } = await rescore(exam._id, appeal.questionId));
    }
    const stem = (await questionTexts(ctx.db, [appeal.questionId])).get(appeal.questionId)?.stem ?? '';
    return { appeal: toAppealRow({ ...appeal, ...d.appeal }, stem, true), rescored, nowPassed };

    async function voidOnExam(e: ExamDoc, questionId: string) {
      let cur: ExamDoc | null = e;
      for (let round = 0; cur && round < 5; round++) {
        if ((cur.voidedQuestionIds ?? []).includes(questionId)) return;
        const u = await ctx.db.collection(C.exams).where({ _id: cur._id, rev: cur.rev }).update({ data: { voidedQuestionIds: voidQuestion(cur.voidedQuestionIds ?? [], questionId), rev: cur.rev + 1 } });
        if (u.stats.updated === 1) return;
        cur = await loadExam(cur._id);
      }
      throw new AppError('CONFLICT');
    }

    async function rescore(examId: string, questionId: string) {
      let changed = 0;
      let passed = 0;
      for (let round = 0; round < 500; round++) {
        const _ = ctx.db.command;
        // Attempts that drew the question and do not have it voided yet (each update below adds it: the loop ends).
        const batch = await ctx.db.collection(C.attempts).where({ examId, questionIds: questionId, voided: _.nin([questionId]) }).limit(BATCH).get<AttemptDoc>();
        for (const a of batch.data) {
          const voided = voidQuestion(a.voided ?? [], questionId);
          const finished = (a.status === 'graded' || a.status === 'expired') && a.result;
          if (!finished) {
            await ctx.db.collection(C.attempts).where({ _id: a._id, rev: a.rev }).update({ data: { voided, rev: a.rev + 1 } });
            continue;
          }
          const res = rescoreAttempt({ paper: a.paper, answers: a.answers ?? {}, result: a.result!, cheating: a.cheating }, keysOf(a), {
            passScore: a.passScore,
            multiple: a.multiplePartialRatio ? { mode: 'partial', ratio: a.multiplePartialRatio } : { mode: 'allOrNothing' },
            voided: new Set(voided),
          });
          const patch = { voided, result: { score: res.result.score, fullScore: res.result.fullScore, passed: res.result.passed }, graded: res.result.items, rev: a.rev + 1, touchedAt: now };
          const u = await ctx.db.collection(C.attempts).where({ _id: a._id, rev: a.rev }).update({ data: whole(ctx.db, patch) });
          if (u.stats.updated !== 1) continue;
          if (res.changed) changed++;
          if (res.nowPassed) {
            passed++;
            await grantPass(ctx.db, { ...a, ...patch }, now);
          }
        }
        if (batch.data.length < BATCH) break;
      }
      return { rescored: changed, nowPassed: passed };
    }
  },
});
