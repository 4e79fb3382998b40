import type { ExamDetail, ExamRow, ExamStatus, ExamTier } from '../../shared/contracts/exam';
import type { ExamSchedule } from '../../shared/exam/attemptState';
import type { DrawingRule } from '../../shared/exam/drawing';
import { pushRuleIndex, type PushRule, type PushRuleIndex } from '../../shared/learning/pushRule';
import { regionLevelOf } from '../../shared/regions';
import type { CompanionDecl, Ctx } from '../common/action';
import { C, getById } from '../common/db';
import { AppError } from '../common/errors';
import { canManage } from '../common/publishing';

/**
 * The stored exam (collection `exams`, docs/exam-design.md): the contract's ExamDetail with Dates
 * for times, the push rule's index (`match`, as courses: myExams is one query, no per-person
 * fan-out), the publisher's region path (lists in scope) and `rev` for compare-and-set.
 */
type Retake = { mode: 'none' } | { mode: 'attempts'; maxAttempts: number } | { mode: 'secondWindow'; opensAt: Date; closesAt: Date; maxAttempts: number };

export interface ExamDoc extends Omit<ExamDetail, 'opensAt' | 'closesAt' | 'createdAt' | 'updatedAt' | 'publishedAt' | 'retake'> {
  opensAt: Date;
  closesAt: Date;
  retake: Retake;
  match: PushRuleIndex;
  publisherRegions: string[];
  /** The pool snapshot frozen at publish (`examPools` `pool:<examId>:<poolRev>`). */
  poolRev: number;
  /** The last close of any window (the primary or the 补考 one): myExams lists exams until 30 days after it. */
  lastClosesAt: Date;
  cancelReason?: string | null;
  /** Set by the timer once the close pass stored `targeted` / `absent` in the rollups (epoch ms). */
  rollupClosedAt?: number | null;
  rev: number;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

const iso = (d: Date | string | number | null | undefined): string | null => (d == null ? null : new Date(d).toISOString());
const ms = (d: Date | string | number): number => new Date(d).getTime();

export function toExamDetail(e: ExamDoc): ExamDetail {
  return {
    _id: e._id,
    title: e.title,
    kind: e.kind,
    tier: e.tier,
    courseId: e.courseId ?? null,
    rule: e.rule,
    fullScore: e.fullScore,
    passScore: e.passScore,
    durationMinutes: e.durationMinutes,
    opensAt: iso(e.opensAt)!,
    closesAt: iso(e.closesAt)!,
    retake: e.retake.mode === 'secondWindow' ? { mode: 'secondWindow', opensAt: iso(e.retake.opensAt)!, closesAt: iso(e.retake.closesAt)!, maxAttempts: e.retake.maxAttempts } : e.retake,
    identityCheck: e.identityCheck,
    allowReview: e.allowReview,
    multiplePartialRatio: e.multiplePartialRatio ?? null,
    appealDays: e.appealDays,
    pushRule: e.pushRule,
    status: e.status,
    ...(e.spot ? { spot: e.spot } : {}),
    voidedQuestionIds: e.voidedQuestionIds ?? [],
    publisher: e.publisher,
    createdAt: iso(e.createdAt)!,
    updatedAt: iso(e.updatedAt)!,
    publishedAt: iso(e.publishedAt),
  };
}

export function toExamRow(e: ExamDoc, counts: { started: number; graded: number; passed: number }): ExamRow {
  const d = toExamDetail(e);
  return {
    _id: d._id,
    title: d.title,
    kind: d.kind,
    tier: d.tier,
    status: d.status,
    fullScore: d.fullScore,
    passScore: d.passScore,
    durationMinutes: d.durationMinutes,
    opensAt: d.opensAt,
    closesAt: d.closesAt,
    publishedAt: d.publishedAt,
    ...counts,
  };
}

/** The schedule the attempt state machine decides on (epoch ms). */
export function scheduleOf(e: Pick<ExamDoc, 'kind' | 'durationMinutes' | 'opensAt' | 'closesAt' | 'retake'>): ExamSchedule {
  const r = e.retake;
  return {
    kind: e.kind,
    durationMinutes: e.durationMinutes,
    opensAt: ms(e.opensAt),
    closesAt: ms(e.closesAt),
    retake: r.mode === 'secondWindow' ? { mode: 'secondWindow', opensAt: ms(r.opensAt), closesAt: ms(r.closesAt), maxAttempts: r.maxAttempts } : r,
  };
}

/** The last moment anybody may still attempt the exam (the retake window's close, if any). */
export const lastCloseOf = (e: Pick<ExamDoc, 'closesAt' | 'retake'>): Date => (e.retake.mode === 'secondWindow' && e.retake.closesAt > e.closesAt ? e.retake.closesAt : e.closesAt);

/** Tier follows the publisher: enterprise admin → 企业组织, county / city regulator, province (and sysadmin) → 全省大统考. */
export function tierOf(publisher: { role: string; regionCode?: string }): ExamTier {
  if (publisher.role === 'enterpriseAdmin') return 'enterprise';
  const level = publisher.regionCode ? regionLevelOf(publisher.regionCode) : 'province';
  return level === 'county' || level === 'town' ? 'county' : level === 'city' ? 'city' : 'province';
}

export const matchOf = (rule: PushRule): PushRuleIndex => pushRuleIndex(rule);

export const examNotFound = () => new AppError('NOT_FOUND', '考试不存在或无权访问');

export const loadExam = (examId: string) => getById<ExamDoc>(C.exams, examId);

/** The router reads the exam named by the input's `examId` with the caller's person (one round trip; who may take it is checked by the action). */
export const EXAM_COMPANION: CompanionDecl = { collection: C.exams, byInput: 'examId' };

/** The exam, if the caller manages it (publisher side, as courses); a foreign exam answers exactly as a missing one. */
export async function loadManagedExam(ctx: Ctx, examId: string): Promise<ExamDoc> {
  const e = await loadExam(examId);
  if (!e || !canManage(ctx.principal, e)) throw examNotFound();
  return e;
}

export const isLive = (s: ExamStatus) => s === 'published';

export const retakeOf = (r: { mode: 'none' } | { mode: 'attempts'; maxAttempts: number } | { mode: 'secondWindow'; opensAt: string; closesAt: string; maxAttempts: number }): Retake =>
  r.mode === 'secondWindow' ? { mode: 'secondWindow', opensAt: new Date(r.opensAt), closesAt: new Date(r.closesAt), maxAttempts: r.maxAttempts } : r;

export type { DrawingRule };
