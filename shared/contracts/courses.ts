import { z } from 'zod';
import { contract } from './define';
import { keyword, page, pageSize, safeLine, safeLines, type Paged } from './common';
import { pushRuleInput, type PushRule } from '../learning/pushRule';
import type { IndustryCode, PostCategoryCode } from '../taxonomy';
import type { HoursGap } from '../learning/trainingHours';

/**
 * Course management (function `learning`): regulators publish inside their region subtree (and
 * industries); enterprise admins publish to their own staff only; the sysadmin anywhere.
 * Publishing writes the course, never a record per person (see docs/learning-design.md).
 */
import { COURSE_CATEGORIES, type CourseCategory, type MaterialKind } from '../learning/labels';
export { COURSE_CATEGORIES, COURSE_CATEGORY_ZH, MATERIAL_KINDS, MATERIAL_KIND_ZH, type CourseCategory, type MaterialKind } from '../learning/labels';
export type CourseStatus = 'draft' | 'published' | 'unpublished';

const title = z.string().trim().min(2, '标题至少2个字').max(60, '标题不能超过60个字').refine(...safeLine);
const fileID = z.string().trim().min(1).max(512);
const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD');
/** Minimum study time of a material: 30 s … 4 h. */
const requiredSeconds = z.number().int().min(30, '学习时长至少30秒').max(4 * 3600, '单个资料学习时长不能超过4小时');
/** Kept across edits so progress survives; new materials get one from the server. */
const materialId = z.string().regex(/^m[0-9a-z]{1,16}$/).optional();

export const materialInput = z.discriminatedUnion('kind', [
  z.object({ _id: materialId, kind: z.literal('video'), title, fileID, durationSeconds: z.number().int().min(1).max(6 * 3600), requiredSeconds }),
  z.object({ _id: materialId, kind: z.literal('document'), title, fileID, pages: z.number().int().min(1).max(2000), requiredSeconds }),
  /** Rich text: the server sanitizes it (allow-listed tags and attributes, no scripts, links or styles). */
  z.object({ _id: materialId, kind: z.literal('article'), title, html: z.string().max(60_000, '正文过长'), requiredSeconds }),
]);
export type MaterialInput = z.input<typeof materialInput>;

export const identityCheckInput = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }),
  z.object({ mode: z.literal('start') }),
  z.object({ mode: z.literal('interval'), intervalMinutes: z.number().int().min(5).max(120) }),
]);

/** Course fields as edited; no defaults here, so a partial update never resets what it does not name. */
const courseShape = {
  title,
  category: z.enum(COURSE_CATEGORIES),
  description: z.string().trim().max(2000).refine(...safeLines),
  coverFileID: fileID.nullable(),
  /** 学时 granted on completion, in half hours. */
  creditedHours: z.number().min(0.5).max(100).multipleOf(0.5),
  /** Learners should finish by this day (Shanghai); null = no due date. */
  dueDate: dateOnly.nullable(),
  /** The course may be studied until this day; null = no end. */
  validUntil: dateOnly.nullable(),
  materials: z.array(materialInput).min(1, '至少添加一个学习资料').max(30),
  identityCheck: identityCheckInput,
  pushRule: pushRuleInput,
};

/** A new course: everything optional defaults to "nothing" (any audience, no face check). */
export const courseFields = z.object({
  ...courseShape,
  description: courseShape.description.optional().default(''),
  coverFileID: courseShape.coverFileID.optional().default(null),
  dueDate: courseShape.dueDate.optional().default(null),
  validUntil: courseShape.validUntil.optional().default(null),
  identityCheck: identityCheckInput.optional().default({ mode: 'none' }),
  pushRule: pushRuleInput.prefault({}),
});
/** A client-made request id (retries and replays of one submit record once). */
export const requestIdInput = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
export const courseUpdate = z.object(courseShape).partial().extend({ courseId: z.string().min(1).max(64), expectedUpdatedAt: z.string().max(40).optional() });
export type CourseFieldsInput = z.input<typeof courseFields>;

export interface MaterialView {
  _id: string;
  kind: MaterialKind;
  title: string;
  requiredSeconds: number;
  fileID?: string;
  durationSeconds?: number;
  pages?: number;
  /** Sanitized on save. */
  html?: string;
}

export interface CourseDetail {
  _id: string;
  /** Versions share a lineage; a new version is a new course (progress and completions stay with theirs). */
  lineageId: string;
  version: number;
  title: string;
  category: CourseCategory;
  description: string;
  coverFileID: string | null;
  creditedHours: number;
  dueDate: string | null;
  validUntil: string | null;
  materials: MaterialView[];
  identityCheck: z.output<typeof identityCheckInput>;
  pushRule: PushRule;
  status: CourseStatus;
  publisher: { role: 'sysadmin' | 'regulator' | 'enterpriseAdmin'; accountId: string; name: string; regionCode?: string; enterpriseId?: string };
  rating: { average: number | null; count: number };
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export type CourseRow = Pick<CourseDetail, '_id' | 'title' | 'category' | 'status' | 'version' | 'creditedHours' | 'dueDate' | 'rating' | 'updatedAt' | 'publishedAt'> & {
  materialCount: number;
  /** Rollup counters of the course (not a scan). */
  learners: number;
  completions: number;
};

export interface ReachBucket {
  code: string;
  name: string;
  persons: number;
  enterprises: number;
}

/** "reaches N persons in M enterprises", computed by count queries over active persons and enterprises. */
export interface ReachPreview {
  persons: number;
  enterprises: number;
  /** By child region of the rule's (or the publisher's) region. */
  byRegion: ReachBucket[];
  byIndustry: (ReachBucket & { code: IndustryCode })[];
}

export type CompletionStatus = 'notStarted' | 'inProgress' | 'done';

export interface CompletionRow {
  personId: string;
  name: string;
  idMasked: string;
  departmentId: string | null;
  departmentName: string | null;
  postCategory: PostCategoryCode;
  status: CompletionStatus;
  progress: number;
  creditedSeconds: number;
  completedAt: string | null;
}

export interface OfflineTrainingView {
  _id: string;
  enterpriseId: string;
  date: string;
  topic: string;
  trainer: string;
  hours: number;
  attendees: { personId: string; name: string }[];
  evidenceFileIDs: string[];
  createdAt: string;
  voided: boolean;
}

export interface HoursRow extends HoursGap {
  personId: string;
  name: string;
  departmentName: string | null;
  postCategory: PostCategoryCode;
}

const courseId = z.string().min(1).max(64);

export const coursesContracts = {
  /**
   * Regulator, enterprise admin, sysadmin: a draft (the push rule is narrowed to the publisher's scope).
   * `requestId` (client-made, one per editor session): a retried create answers the same draft.
   */
  createCourse: contract<{ course: CourseDetail }>()(courseFields.extend({ requestId: requestIdInput.optional() })),
  /** Draft only (a published course changes through newCourseVersion); `expectedUpdatedAt` guards against lost edits (CONFLICT). */
  updateCourse: contract<{ course: CourseDetail }>()(courseUpdate),
  /** The publisher's own courses (regulators: also those of lower levels in their subtree). */
  listCourses: contract<Paged<CourseRow>>()(
    z.object({ keyword, status: z.enum(['draft', 'published', 'unpublished', 'all']).optional().default('all'), category: z.enum(COURSE_CATEGORIES).optional(), page, pageSize: pageSize(100) }),
  ),
  getCourseDetail: contract<{ course: CourseDetail }>()(z.object({ courseId })),
  /** Count queries only; either a draft's rule or a rule being edited. */
  previewReach: contract<ReachPreview>()(z.object({ courseId: courseId.optional(), pushRule: pushRuleInput.optional() })),
  /** ≤ 2 writes whatever the reach. */
  publishCourse: contract<{ course: CourseDetail; reach: { persons: number; enterprises: number } }>()(z.object({ courseId })),
  unpublishCourse: contract<{ course: CourseDetail }>()(z.object({ courseId })),
  /** A draft copy with version + 1; publishing it unpublishes the previous version. */
  newCourseVersion: contract<{ course: CourseDetail }>()(z.object({ courseId })),
  /** Publishers: average and comments (names masked). */
  courseRatings: contract<{ average: number | null; count: number; distribution: [number, number, number, number, number]; items: { stars: number; comment: string; at: string; learner: string }[]; hasMore: boolean }>()(
    z.object({ courseId, page, pageSize: pageSize(50) }),
  ),

  /** Enterprise admin 课程中心: published courses reaching the enterprise, with completion counts. */
  courseCenter: contract<Paged<CourseRow & { reached: number; done: number; inProgress: number; notStarted: number }>>()(
    z.object({ keyword, category: z.enum(COURSE_CATEGORIES).optional(), page, pageSize: pageSize(50) }),
  ),
  /** Per employee (current staff the course reaches), filterable; `departments` totals per department. */
  courseCompletion: contract<Paged<CompletionRow> & { departments: { departmentId: string | null; name: string; done: number; inProgress: number; notStarted: number }[] }>()(
    z.object({ courseId, keyword, departmentId: z.string().max(64).optional(), status: z.enum(['notStarted', 'inProgress', 'done', 'all']).optional().default('all'), page, pageSize: pageSize(100) }),
  ),
  /** 提醒: queues a subscribe-message reminder per person not done; idempotent per course, person and Shanghai day. */
  remindLearners: contract<{ queued: number; alreadyToday: number }>()(z.object({ courseId, personIds: z.array(z.string().max(64)).max(500).optional() })),
  /**
   * Timer (every 10 minutes) and sysadmin: delivers queued reminders as WeChat subscribe messages
   * (template id and field mapping in configuration). Without a template id nothing is sent and the
   * outbox stays queued (`configured: false`). Each entry is claimed by compare-and-set, so parallel
   * runs send it once.
   */
  sendReminders: contract<{ configured: boolean; sent: number; failed: number; skipped: number; expired: number; more: boolean }>()(
    z.object({ limit: z.number().int().min(1).max(200).optional().default(100) }),
  ),

  /** 线下培训: attendees from the enterprise's current staff; hours count as offline hours. */
  createOfflineTraining: contract<{ training: OfflineTrainingView }>()(
    z.object({
      date: dateOnly,
      topic: title,
      trainer: z.string().trim().min(2).max(30).refine(...safeLine),
      hours: z.number().min(0.5).max(24).multipleOf(0.5),
      attendeeIds: z.array(z.string().min(1).max(64)).min(1, '请选择参训人员').max(1000),
      evidenceFileIDs: z.array(fileID).max(20).optional().default([]),
      /** Client-made id so a retried submit records once. */
      requestId: requestIdInput,
    }),
  ),
  listOfflineTrainings: contract<Paged<OfflineTrainingView>>()(z.object({ year: z.number().int().min(2000).max(2100).optional(), page, pageSize: pageSize(100) })),
  /** A wrong record is voided with a reason (kept, audited), never deleted. */
  voidOfflineTraining: contract<{ training: OfflineTrainingView }>()(z.object({ trainingId: z.string().min(1).max(64), reason: z.string().trim().min(2).max(200).refine(...safeLine) })),
  /** Per person per year: online + offline hours against the post category's requirement, as a gap. */
  hoursReport: contract<Paged<HoursRow>>()(
    z.object({ year: z.number().int().min(2000).max(2100), departmentId: z.string().max(64).optional(), onlyGaps: z.boolean().optional().default(false), page, pageSize: pageSize(100) }),
  ),
};
