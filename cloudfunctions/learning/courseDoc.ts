import type { CourseDetail, CourseRow } from '../../shared/contracts/courses';
import { pushRuleIndex, type PushRule, type PushRuleIndex } from '../../shared/learning/pushRule';
import { C } from '../common/collections';
import { getById } from '../common/db';

/**
 * A course as stored in `courses` (docs/learning-design.md). The stored fields are those of
 * `CourseDetail` except the derived `rating`, plus the index keys of the push rule (`match`, queried
 * by `myTasks`) and the rollup counters moved when learners start, finish and rate (never a scan).
 * Dates are stored as Date and rendered as ISO strings.
 */
export interface CourseDoc extends Omit<CourseDetail, 'rating' | 'createdAt' | 'updatedAt' | 'publishedAt'> {
  match: PushRuleIndex;
  /** Persons who started it / finished it / rated it (sum of stars). */
  learners: number;
  completions: number;
  ratingSum: number;
  ratingCount: number;
  /** Bumped on every write; compare-and-set guard for read-modify-write. */
  rev: number;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  /** regionPath(publisher.regionCode): regulators list the courses of their subtree by equality on this array (index publisher_regions). */
  publisherRegions?: string[];
  /** The account that created this document (a new version may be made by another account of the publisher's side). */
  createdBy?: string;
  /** The course this version was copied from (newCourseVersion). */
  previousId?: string | null;
}

/** Random, prefixed course ids (a new version is a new course in the same lineage). */
export const COURSE_ID_PREFIX = 'crs';

export const courseMatchOf = (rule: PushRule): PushRuleIndex => pushRuleIndex(rule);

const iso = (d: Date | string | null | undefined): string | null => (d == null ? null : new Date(d).toISOString());

export function ratingOf(doc: Pick<CourseDoc, 'ratingSum' | 'ratingCount'>): CourseDetail['rating'] {
  const count = doc.ratingCount ?? 0;
  return { average: count ? Math.round(((doc.ratingSum ?? 0) / count) * 10) / 10 : null, count };
}

export function toCourseDetail(doc: CourseDoc): CourseDetail {
  return {
    _id: doc._id,
    lineageId: doc.lineageId,
    version: doc.version,
    title: doc.title,
    category: doc.category,
    description: doc.description,
    coverFileID: doc.coverFileID,
    creditedHours: doc.creditedHours,
    dueDate: doc.dueDate,
    validUntil: doc.validUntil,
    materials: doc.materials,
    identityCheck: doc.identityCheck,
    pushRule: doc.pushRule,
    status: doc.status,
    publisher: doc.publisher,
    rating: ratingOf(doc),
    createdAt: iso(doc.createdAt)!,
    updatedAt: iso(doc.updatedAt)!,
    publishedAt: iso(doc.publishedAt),
  };
}

export function toCourseRow(doc: CourseDoc): CourseRow {
  return {
    _id: doc._id,
    title: doc.title,
    category: doc.category,
    status: doc.status,
    version: doc.version,
    creditedHours: doc.creditedHours,
    dueDate: doc.dueDate,
    rating: ratingOf(doc),
    updatedAt: iso(doc.updatedAt)!,
    publishedAt: iso(doc.publishedAt),
    materialCount: doc.materials.length,
    learners: doc.learners ?? 0,
    completions: doc.completions ?? 0,
  };
}

/** One read; null when missing (callers answer missing and foreign alike). */
export const loadCourse = (courseId: string): Promise<CourseDoc | null> => getById<CourseDoc>(C.courses, courseId);
