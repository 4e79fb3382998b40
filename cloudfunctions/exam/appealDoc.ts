import type { AppealRow } from '../../shared/contracts/exam';
import type { Appeal } from '../../shared/exam/itemAnalysis';
import type { PushRuleIndex } from '../../shared/learning/pushRule';
import type { ExamDoc } from './examDoc';

export interface AppealDoc extends Appeal {
  examTitle: string;
  personName: string;
  idMasked: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  publisher: ExamDoc['publisher'];
  publisherRegions: string[];
  match: PushRuleIndex;
}

const iso = (t: number | null) => (t == null ? null : new Date(t).toISOString());

export function toAppealRow(a: AppealDoc, stem: string, admin: boolean): AppealRow {
  return {
    appealId: a._id,
    examId: a.examId,
    examTitle: a.examTitle,
    attemptId: a.attemptId,
    questionId: a.questionId,
    stem,
    reason: a.reason,
    status: a.status,
    reply: a.reply,
    createdAt: iso(a.createdAt)!,
    decidedAt: iso(a.decidedAt),
    ...(admin ? { person: { personId: a.personId, name: a.personName, idMasked: a.idMasked, enterpriseName: a.enterpriseName } } : {}),
  };
}
