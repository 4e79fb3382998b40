import { C, type CollectionName } from './collections';

/**
 * Declared indexes: deployed to CloudBase by scripts/deploy and honoured by the local database
 * server, whose query planner uses the first field of an index for equality / `$in` lookups so
 * that province-scale collections are not scanned. Keep each list short (CloudBase caps indexes
 * per collection).
 */
export interface IndexDecl {
  collection: CollectionName;
  name: string;
  /** Field paths with direction, most selective first. */
  keys: { field: string; direction: 1 | -1 }[];
}

const idx = (collection: CollectionName, name: string, ...fields: string[]): IndexDecl => ({
  collection,
  name,
  keys: fields.map((f) => (f.startsWith('-') ? { field: f.slice(1), direction: -1 as const } : { field: f, direction: 1 as const })),
});

export const INDEXES: IndexDecl[] = [
  idx(C.enterprises, 'county_name', 'countyCode', 'name'),
  idx(C.enterprises, 'city', 'cityCode'),
  idx(C.enterprises, 'province', 'provinceCode'),
  idx(C.enterprises, 'town', 'townCode'),
  idx(C.enterprises, 'industry', 'industry'),
  idx(C.persons, 'county', 'countyCode'),
  idx(C.persons, 'openid', 'openid'),
  idx(C.persons, 'enterprise_status', 'enterpriseId', 'status'),
  idx(C.requests, 'enterprise_status', 'enterpriseId', 'status', '-createdAt'),
  idx(C.requests, 'person_status', 'personId', 'status'),
  idx(C.requests, 'person_decided', 'personId', '-decidedAt'),
  idx(C.departments, 'enterprise', 'enterpriseId', 'order'),
  idx(C.employments, 'person', 'personId', '-from'),
  idx(C.employments, 'enterprise', 'enterpriseId', '-from'),
  idx(C.employments, 'enterprise_left', 'enterpriseId', '-to'),
  idx(C.persons, 'enterprise_joined', 'enterpriseId', 'status', '-joinedAt'),
  idx(C.accounts, 'enterprise', 'enterpriseId'),
  idx(C.accounts, 'region', 'regionCode'),
  // Learning (docs/learning-design.md). myTasks: published courses by the rule's index keys (status first: a multikey field is not a reliable first key).
  idx(C.courses, 'status_region', 'status', 'match.region'),
  // Exams, taking side (docs/exam-design.md). myExams: published exams by the rule's index keys; start / myExams: the person's attempts.
  idx(C.exams, 'status_region', 'status', 'match.region'),
  idx(C.exams, 'publisher_regions', 'publisherRegions', '-updatedAt'),
  idx(C.exams, 'publisher_enterprise', 'publisher.enterpriseId', '-updatedAt'),
  idx(C.exams, 'spot_code', 'spot.code'),
  // 逢查必考 lists in a regulator's scope: the enterprise's region path (one equality per subtree), newest first.
  idx(C.exams, 'spot_regions', 'spotScope.regions', '-createdAt'),
  idx(C.attempts, 'person_exam', 'personId', 'examId'),
  idx(C.attempts, 'status_deadline', 'status', 'deadline'),
  idx(C.attempts, 'exam_status', 'examId', 'status'),
  idx(C.attempts, 'exam_enterprise', 'examId', 'enterpriseId', 'status'),
  idx(C.attempts, 'exam_questions', 'examId', 'questionIds'),
  // The exam timer's rollup pass: attempts touched since its cursor (touchedAt, _id).
  idx(C.attempts, 'touched', 'touchedAt', '_id'),
  // Its close pass: closed exams whose targeted / absent counts are not stored yet.
  idx(C.exams, 'rollup_close', 'rollupClosedAt', 'closesAt'),
  // 错题本: a person's uncleared entries of one practice exam, newest first (startWrongBook, wrongBook).
  idx(C.wrongBook, 'person_exam', 'personId', 'examId', 'cleared', '-lastWrongAt'),
  idx(C.appeals, 'exam_status', 'examId', 'status', 'createdAt'),
  idx(C.appeals, 'person', 'personId', '-createdAt'),
  // Learner documents (studySession:<personId>): ranks in the enterprise, weekly leaderboards.
  idx(C.studySessions, 'ent_points', 'enterpriseId', '-pointsTotal'),
  // The router's companion lookup (LEARNER_COMPANION): the caller's learner document by its person.
  idx(C.studySessions, 'person', 'personId'),
  idx(C.studySessions, 'lb_ent', 'week', 'enterpriseId', '-weekSeconds'),
  idx(C.studySessions, 'lb_county', 'week', 'countyCode', '-weekSeconds'),
  idx(C.studySessions, 'lb_city', 'week', 'cityCode', '-weekSeconds'),
  idx(C.progress, 'person', 'personId'),
  idx(C.progress, 'course_enterprise', 'courseId', 'enterpriseId', 'status'),
  idx(C.pointsLedger, 'person_at', 'personId', '-at'),
  idx(C.completions, 'person_year', 'personId', 'year', 'completedAt'),
  // Oversight rollups: a node's children / industries / courses in one period (docs/oversight-design.md §3).
  idx(C.stats, 'ov_parent', 'parent', 'period'),
  idx(C.certificates, 'code', 'code'),
  idx(C.certificates, 'person', 'personId', '-issuedAt'),
  idx(C.offlineTrainings, 'attendee', 'attendeeIds', 'date'),
  idx(C.regions, 'parent', 'parentCode'),
  idx(C.auditLog, 'actor_time', 'actorId', '-at'),
  // 企业档案 history and the audit-log viewer: entries about one target, newest first.
  idx(C.auditLog, 'target_time', 'targetId', '-at'),
  // Reach counts (previewReach, publishCourse): persons by the rule's region level and industry.
  idx(C.persons, 'city', 'cityCode'),
  idx(C.persons, 'province', 'provinceCode'),
  idx(C.persons, 'town', 'townCode'),
  idx(C.persons, 'industry_status', 'industry', 'status'),
  // Courses: the publisher's lists (regulators by the publisher's region path), versions of a lineage.
  idx(C.courses, 'publisher_regions', 'publisherRegions', '-updatedAt'),
  idx(C.courses, 'publisher_enterprise', 'publisher.enterpriseId', '-updatedAt'),
  idx(C.courses, 'lineage', 'lineageId', '-version'),
  idx(C.ratings, 'course_at', 'courseId', '-at'),
  idx(C.offlineTrainings, 'enterprise_date', 'enterpriseId', '-date'),
  idx(C.outbox, 'status_created', 'status', 'createdAt'),
  // Exams, part A (docs/exam-design.md): banks and templates by the owner's region path or enterprise,
  // questions by bank (listing, pools, counts) and by lineage (versions), uploaded offline scores.
  idx(C.questionBanks, 'owner_regions', 'ownerRegions', '-updatedAt'),
  idx(C.questionBanks, 'owner_enterprise', 'owner.enterpriseId', '-updatedAt'),
  idx(C.questionBanks, 'course', 'courseId'),
  idx(C.questions, 'bank_current', 'bankId', 'current', 'status', 'type'),
  idx(C.questions, 'lineage', 'lineageId', '-version'),
  idx(C.examTemplates, 'owner_regions', 'ownerRegions', 'industry', 'archived'),
  idx(C.examTemplates, 'owner_enterprise', 'owner.enterpriseId', 'archived'),
  idx(C.uploadedScores, 'enterprise_date', 'enterpriseId', '-date'),
  idx(C.uploadedScores, 'person', 'personId', '-date'),
  // 基础名单 (docs/oversight-baselines.md): rows by county / city and period (lists, rollup recompute),
  // by credit code (registration flag), by period (sysadmin, province lists); rollups by parent / region.
  idx(C.baselines, 'county_period', 'countyCode', 'period', 'list'),
  idx(C.baselines, 'city_period', 'cityCode', 'period', 'list'),
  idx(C.baselines, 'period_list', 'period', 'list', 'registered'),
  idx(C.baselines, 'credit', 'creditCode'),
  idx(C.stats, 'baseline_parent', 'parentCode', 'period'),
  idx(C.stats, 'baseline_region', 'regionCode', 'period'),
];
