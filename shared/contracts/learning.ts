import { z } from 'zod';
import { contract } from './define';
import { coursesContracts, type CourseCategory, type CompletionStatus, type MaterialKind, type MaterialView } from './courses';
import type { PointsSource } from '../learning/points';
import type { HoursGap } from '../learning/trainingHours';

/**
 * Worker actions of function `learning` (the caller is the person bound to the OPENID). The first
 * four are the issue's scripting contract: keep their shapes. Optional output fields appear only
 * when they apply (e.g. `identityCheckDue` on a course with face checks), so a plain course answers
 * exactly the contracted fields.
 */
const id = z.string().min(1).max(64);

export interface TaskItem {
  courseId: string;
  title: string;
  category: CourseCategory;
  /** 0–1: credited / required seconds over all materials. */
  progress: number;
  status: CompletionStatus;
  dueAt: string | null;
}

export interface MyRank {
  /** 1-based rank by points in the current enterprise; null when the worker has none yet. */
  enterpriseWeek: number | null;
  enterpriseAll: number | null;
}

export interface StudyMaterial extends MaterialView {
  kind: MaterialKind;
  creditedSeconds: number;
  /**
   * Video and document: a short-lived download URL of `fileID` (getTempFileURL). The H5 build cannot
   * resolve a cloud fileID itself; the weapp falls back to the fileID when absent.
   */
  url?: string;
}

export interface CertificateView {
  _id: string;
  /** Short code printed and in the QR code (8 characters, no look-alikes). */
  code: string;
  name: string;
  idMasked: string;
  courses: { title: string; creditedHours: number; completedAt: string }[];
  onlineHours: number;
  from: string;
  to: string;
  issuer: string;
  issuedAt: string;
  status: 'valid' | 'revoked';
}

export interface LeaderboardRow {
  rank: number;
  personId: string;
  /** Masked for others (张*明). */
  name: string;
  enterpriseName?: string;
  seconds: number;
}

/** 一人一档: everything across employers (the worker's own archive and the console's 人员档案). */
export interface ArchiveBody {
  /** Learning points in total (the learner's counter). */
  points: number;
  courses: { courseId: string; title: string; category: CourseCategory; enterpriseName: string | null; completedAt: string | null; creditedSeconds: number; creditedHours: number }[];
  offlineTrainings: { date: string; topic: string; hours: number; enterpriseName: string }[];
  years: (HoursGap & { year: number })[];
  certificates: CertificateView[];
  /** Offline exam results the employer uploaded (成绩上传), newest first. */
  uploadedExams: { examTitle: string; date: string; score: number; fullScore: number; passed: boolean; enterpriseName: string | null; source: 'uploaded' }[];
  /**
   * Online formal exams (逢查必考 included) with a graded attempt, newest first: per exam the best
   * unmarked attempt's score (作弊: the marked one, failed), the number of attempts, the employer at the time.
   */
  onlineExams: { examId: string; examTitle: string; spot: boolean; date: string; score: number; fullScore: number; passed: boolean; cheating: boolean; attempts: number; enterpriseName: string | null; source: 'online' }[];
}

export const learningContracts = {
  myTasks: contract<{ items: TaskItem[]; points: number; rank: MyRank }>()(z.object({})),
  getCourse: contract<{
    course: {
      _id: string;
      title: string;
      materials: StudyMaterial[];
      category?: CourseCategory;
      description?: string;
      creditedHours?: number;
      dueAt?: string | null;
      identityCheck?: 'none' | 'start' | 'interval';
      done?: boolean;
      myRating?: number | null;
    };
  }>()(z.object({ courseId: id })),
  /** Opens the person's one active session (a second start, any device, replaces the first). */
  startStudy: contract<{ sessionId: string; creditedSeconds: number; requiredSeconds: number; checkpointEverySeconds: number; identityCheckDue?: true; resumeAt?: number }>()(
    z.object({ courseId: id, materialId: id }),
  ),
  /**
   * Every `checkpointEverySeconds`, on hide (`hidden: true`) and on show (`hidden: false`). Durations
   * the client claims are not part of the input (stripped). `position` is where to resume (seconds
   * of video / page), never credit. A replaced session answers STUDY_SESSION_REPLACED.
   */
  checkpoint: contract<{ creditedSeconds: number; requiredSeconds: number; done: boolean; identityCheckDue?: true }>()(
    z.object({ sessionId: id, hidden: z.boolean().optional(), position: z.number().min(0).max(100_000).optional() }),
  ),
  /** Starts an identity check of the active session: the verifier says how (simulated locally, WeChat facial verification in the cloud). */
  identityCheckStart: contract<{ checkId: string; verifier: 'simulated' | 'wechatFace'; params?: Record<string, string> }>()(z.object({ sessionId: id })),
  /** The client's verification ticket; the server asks the verifier. Failed or skipped voids the time since the last passed check. */
  identityCheckResult: contract<{ passed: boolean; creditedSeconds: number; requiredSeconds: number }>()(
    z.object({ sessionId: id, checkId: id, ticket: z.string().max(512).optional(), skipped: z.boolean().optional() }),
  ),
  /** After finishing the course; one rating per person and course (a second call edits it). */
  rateCourse: contract<{ stars: number; comment: string }>()(z.object({ courseId: id, stars: z.number().int().min(1).max(5), comment: z.string().trim().max(300).optional().default('') })),
  myPoints: contract<{ total: number; week: number; today: number; recent: { source: PointsSource; points: number; at: string; title?: string }[] }>()(z.object({})),
  /** ≤ 2 round trips: the person's counters, then one count query per rank. */
  myRank: contract<MyRank & { week: string }>()(z.object({})),
  /** 排行榜 of study hours, ISO week in Asia/Shanghai; top 100 and my own rank. */
  leaderboard: contract<{ week: string; scope: 'enterprise' | 'county' | 'city'; items: LeaderboardRow[]; me: LeaderboardRow | null }>()(
    z.object({ scope: z.enum(['enterprise', 'county', 'city']), week: z.string().regex(/^\d{4}-W\d{2}$/).optional() }),
  ),
  /** 学时证明 of completed online courses in a year (idempotent: one certificate per person and year until new hours arrive). */
  issueCertificate: contract<{ certificate: CertificateView }>()(z.object({ year: z.number().int().min(2000).max(2100) })),
  myCertificates: contract<{ items: CertificateView[] }>()(z.object({})),
  /** Public (console verification page, no login): masked identity only. */
  verifyCertificate: contract<{ status: 'valid' | 'revoked' | 'notFound'; certificate?: Omit<CertificateView, '_id' | 'status'> }>()(
    z.object({ code: z.string().trim().toUpperCase().regex(/^[0-9A-Z]{8}$/, '证明编号为8位字母或数字') }),
  ),
  /** 一人一档: everything across employers. */
  myArchive: contract<ArchiveBody>()(z.object({})),
};


/**
 * Every action of function `learning`. Not yet in `contracts` (index.ts): the authorization matrix
 * requires a function folder with one file per action for every entry there, so the engineer who
 * adds `cloudfunctions/learning/` adds `learning: learningFunctionContracts` in the same commit.
 */
export const learningFunctionContracts = { ...learningContracts, ...coursesContracts };
