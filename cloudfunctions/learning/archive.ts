import { shanghaiDay, shanghaiYear } from '../../shared/calendar';
import type { ArchiveBody } from '../../shared/contracts/learning';
import type { CourseCategory } from '../../shared/contracts/courses';
import { hoursGap, hoursKindForYear, hoursRequirement } from '../../shared/learning/trainingHours';
import { bestAttempt } from '../../shared/exam/attemptState';
import type { AttemptDoc } from '../exam/attemptDoc';
import { C } from '../common/db';
import { toCertificateView, type CertificateDoc } from './certificates';
import { readLearner } from './learner';
import type { Database } from '../common/db';
import type { PersonDoc } from '../common/persons';

interface ProgressDoc {
  courseId: string;
  title?: string;
  category?: CourseCategory;
  creditedHours?: number;
  enterpriseId: string | null;
  enterpriseName?: string | null;
  creditedSeconds: number;
  status: string;
  completedAt: Date | null;
}
interface UploadedScoreDoc {
  examTitle: string;
  date: string;
  score: number;
  fullScore: number;
  passed: boolean;
  enterpriseId: string;
  enterpriseName?: string | null;
}
type ExamAttemptRow = Pick<AttemptDoc, 'examId' | 'examTitle' | 'spot' | 'enterpriseId' | 'attemptNo' | 'window' | 'status' | 'startedAt' | 'deadline' | 'submittedAt' | 'gradedAt' | 'result' | 'cheating' | 'rev'>;
interface OfflineDoc {
  _id: string;
  enterpriseId: string;
  enterpriseName?: string;
  date: string;
  topic: string;
  hours: number;
  attendeeIds: string[];
  voided?: boolean;
}

/** Per exam: the best unmarked graded attempt (a 作弊 mark makes the exam's result the marked, failed attempt). Attempts come newest first. */
function onlineExamResults(attempts: readonly ExamAttemptRow[]) {
  const byExam = new Map<string, ExamAttemptRow[]>();
  for (const a of attempts) byExam.set(a.examId, [...(byExam.get(a.examId) ?? []), a]);
  const out = [];
  for (const [examId, list] of byExam) {
    const shown = (list.find((a) => a.cheating) ?? bestAttempt(list) ?? list[0]) as ExamAttemptRow;
    if (!shown.result) continue;
    out.push({
      examId,
      examTitle: shown.examTitle,
      spot: !!shown.spot,
      date: new Date(shown.submittedAt ?? shown.gradedAt ?? shown.deadline).toISOString(),
      score: shown.result.score,
      fullScore: shown.result.fullScore,
      passed: shown.result.passed && !shown.cheating,
      cheating: !!shown.cheating,
      attempts: list.length,
      enterpriseId: shown.enterpriseId,
    });
  }
  return out.sort((a, b) => b.date.localeCompare(a.date));
}

/**
 * 一人一档: every course, hour and certificate of the person, across all employers (records follow
 * the person, never the enterprise). Online seconds per year come from the daily study-time ledger
 * entries (today's from the live counter), offline hours from the trainings the person attended.
 * Shared by the worker's own archive (learning.myArchive) and the console's (oversight.personArchive).
 */
export async function personArchiveOf(db: Database, person: PersonDoc, at: Date): Promise<ArchiveBody> {
  const _ = db.command;
  const [progress, offline, certs, days, learner, uploaded, online] = await Promise.all([
    db.collection(C.progress).where({ personId: person._id }).limit(1000).get<ProgressDoc>(),
    db.collection(C.offlineTrainings).where({ attendeeIds: person._id }).limit(1000).get<OfflineDoc>(),
    db.collection(C.certificates).where({ personId: person._id }).orderBy('issuedAt', 'desc').limit(100).get<CertificateDoc>(),
    db.collection(C.pointsLedger).where({ personId: person._id, source: 'studyTime' }).field({ eventKey: true, seconds: true }).limit(1000).get<{ eventKey: string; seconds?: number }>(),
    readLearner(db, person._id),
    db.collection(C.uploadedScores).where({ personId: person._id }).orderBy('date', 'desc').limit(200).get<UploadedScoreDoc>(),
    // Results only: formal exams (practice and 模拟考试 never are), graded or expired.
    db
      .collection(C.attempts)
      .where({ personId: person._id, kind: 'formal', status: _.in(['graded', 'expired']) })
      .orderBy('submittedAt', 'desc')
      .field({ examId: true, examTitle: true, spot: true, enterpriseId: true, attemptNo: true, window: true, status: true, startedAt: true, deadline: true, submittedAt: true, gradedAt: true, result: true, cheating: true, rev: true })
      .limit(500)
      .get<ExamAttemptRow>(),
  ]);
  const exams = onlineExamResults(online.data);
  const trainings = offline.data.filter((o) => !o.voided);
  // Enterprise names the offline records do not carry: one `in` query.
  const missing = [
    ...new Set([...trainings.filter((o) => !o.enterpriseName).map((o) => o.enterpriseId), ...uploaded.data.filter((u) => !u.enterpriseName).map((u) => u.enterpriseId), ...exams.flatMap((e) => (e.enterpriseId ? [e.enterpriseId] : []))]),
  ];
  const names = new Map<string, string>();
  if (missing.length) {
    const res = await db.collection(C.enterprises).where({ _id: _.in(missing) }).field({ _id: true, name: true }).limit(missing.length).get<{ _id: string; name: string }>();
    for (const e of res.data) names.set(e._id, e.name);
  }
  const onlineByYear = new Map<number, number>();
  const today = shanghaiDay(at);
  for (const d of days.data) if (d.eventKey !== today) onlineByYear.set(Number(d.eventKey.slice(0, 4)), (onlineByYear.get(Number(d.eventKey.slice(0, 4))) ?? 0) + (d.seconds ?? 0));
  if (learner && learner.day === today) onlineByYear.set(shanghaiYear(at), (onlineByYear.get(shanghaiYear(at)) ?? 0) + learner.daySeconds);
  const offlineByYear = new Map<number, number>();
  for (const o of trainings) offlineByYear.set(Number(o.date.slice(0, 4)), (offlineByYear.get(Number(o.date.slice(0, 4))) ?? 0) + o.hours);
  const thisYear = shanghaiYear(at);
  const firstYear = Math.min(thisYear, ...onlineByYear.keys(), ...offlineByYear.keys());
  const joinYear = person.joinedAt ? shanghaiYear(person.joinedAt) : null;
  const years = [];
  for (let y = thisYear; y >= firstYear; y--) {
    const req = hoursRequirement(person.postCategory, person.industry ?? null, hoursKindForYear(joinYear, y));
    years.push({ year: y, ...hoursGap(req, { onlineSeconds: onlineByYear.get(y) ?? 0, offlineHours: offlineByYear.get(y) ?? 0 }) });
  }
  return {
    points: learner?.pointsTotal ?? 0,
    courses: progress.data
      .map((p) => ({
        courseId: p.courseId,
        title: p.title ?? '',
        category: p.category ?? 'elective',
        enterpriseName: p.enterpriseName ?? null,
        completedAt: p.completedAt ? new Date(p.completedAt).toISOString() : null,
        creditedSeconds: p.creditedSeconds ?? 0,
        creditedHours: p.status === 'done' ? (p.creditedHours ?? 0) : 0,
      }))
      .sort((a, b) => (b.completedAt ?? '9999').localeCompare(a.completedAt ?? '9999')),
    offlineTrainings: trainings
      .map((o) => ({ date: o.date, topic: o.topic, hours: o.hours, enterpriseName: o.enterpriseName ?? names.get(o.enterpriseId) ?? '' }))
      .sort((a, b) => b.date.localeCompare(a.date)),
    years,
    certificates: certs.data.map(toCertificateView),
    uploadedExams: uploaded.data.map((u) => ({
      examTitle: u.examTitle,
      date: u.date,
      score: u.score,
      fullScore: u.fullScore,
      passed: u.passed,
      enterpriseName: u.enterpriseName ?? names.get(u.enterpriseId) ?? null,
      source: 'uploaded' as const,
    })),
    onlineExams: exams.map(({ enterpriseId, ...e }) => ({ ...e, enterpriseName: enterpriseId ? (names.get(enterpriseId) ?? null) : null, source: 'online' as const })),
  };
}
