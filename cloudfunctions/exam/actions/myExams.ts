import { examWorkerContracts, type MyExamItem } from '../../../shared/contracts/exam';
import { attemptsLeft, myExamStatus } from '../../../shared/exam/attemptState';
import { pushQueryKeys } from '../../../shared/learning/pushRule';
import { defineAction } from '../../common/action';
import { C } from '../../common/db';
import { SUMMARY_FIELDS, type AttemptDoc } from '../attemptDoc';
import { scheduleOf, type ExamDoc } from '../examDoc';
import { examOpenTo, taker } from '../taker';

const MAX_EXAMS = 500;
const LISTED_AFTER_CLOSE_MS = 30 * 24 * 3600_000;

/**
 * Exams pushed to the caller: one query over published exams by the rule's index keys (no
 * per-person fan-out), finished by the matcher; one query for the caller's attempts at them
 * (state fields only). An attempt past its deadline shows 评分中 until the timer or the next
 * start / submit grades it.
 */
export default defineAction(examWorkerContracts.myExams, {
  allow: ['worker'],
  async run(_input, ctx) {
    const { person, target } = taker(ctx);
    if (!target) return { items: [] };
    const now = ctx.now();
    const _ = ctx.db.command;
    const keys = pushQueryKeys(target);
    const exams = await ctx.db
      .collection(C.exams)
      .where({ status: 'published', 'match.region': _.in(keys.region), 'match.industry': _.in(keys.industry), 'match.post': _.in(keys.post), lastClosesAt: _.gt(new Date(now.getTime() - LISTED_AFTER_CLOSE_MS)) })
      .field({ _id: true, title: true, kind: true, durationMinutes: true, fullScore: true, passScore: true, opensAt: true, closesAt: true, retake: true, pushRule: true, status: true, spot: true })
      .limit(MAX_EXAMS)
      .get<ExamDoc>();
    const open = exams.data.filter((e) => examOpenTo(e, target));
    if (!open.length) return { items: [] };
    const attempts = await ctx.db
      .collection(C.attempts)
      .where({ personId: person._id, examId: _.in(open.map((e) => e._id)) })
      .field(SUMMARY_FIELDS)
      .limit(1000)
      .get<AttemptDoc>();
    const byExam = new Map<string, AttemptDoc[]>();
    for (const a of attempts.data) byExam.set(a.examId, [...(byExam.get(a.examId) ?? []), a]);
    const t = now.getTime();
    const items: MyExamItem[] = open.map((e) => {
      const s = scheduleOf(e);
      const mine = byExam.get(e._id) ?? [];
      return {
        examId: e._id,
        title: e.title,
        kind: e.kind,
        durationMinutes: e.durationMinutes,
        fullScore: e.fullScore,
        passScore: e.passScore,
        opensAt: new Date(e.opensAt).toISOString(),
        closesAt: new Date(e.closesAt).toISOString(),
        attemptsLeft: attemptsLeft(s, mine, t),
        status: myExamStatus(s, mine, t),
        spot: Boolean(e.spot),
      };
    });
    items.sort((a, b) => a.closesAt.localeCompare(b.closesAt) || a.title.localeCompare(b.title, 'zh'));
    return { items };
  },
});
