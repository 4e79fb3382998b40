/** Collection names, declared once (ARCHITECTURE §4). Nothing else spells them. */
export const C = {
  enterprises: 'enterprises',
  departments: 'departments',
  persons: 'persons',
  employments: 'employments',
  requests: 'requests',
  accounts: 'accounts',
  courses: 'courses',
  questions: 'questions',
  exams: 'exams',
  attempts: 'attempts',
  /** Immutable pool snapshots of published exams (`pool:<examId>:<poolRev>`): draw candidates only, no text, no key. */
  examPools: 'examPools',
  /** 申诉 (`appeal:<examId>:<questionId>:<personId>`, created once). */
  appeals: 'appeals',
  studySessions: 'studySessions',
  progress: 'progress',
  pointsLedger: 'pointsLedger',
  offlineTrainings: 'offlineTrainings',
  /** One per person and finished course (`completion:<personId>:<courseId>`, created once). */
  completions: 'completions',
  /** One per person and course (`rating:<personId>:<courseId>`). */
  ratings: 'ratings',
  /** 学时证明 (`cert:<personId>:<year>:<n>`; short codes unique through `locks`). */
  certificates: 'certificates',
  /** Queued messages (subscribe-message reminders), idempotent by deterministic `_id`. */
  outbox: 'outbox',
  baselines: 'baselines',
  stats: 'stats',
  auditLog: 'auditLog',
  regions: 'regions',
  files: 'files',
  /** Uniqueness that is not an entity's own `_id` (one pending request per person): deterministic lock ids. */
  locks: 'locks',
  /** 题库 (`qb` + hashKey(owner + requestId)): name, course, industries, owner, rollup counts (docs/exam-design.md). */
  questionBanks: 'questionBanks',
  /** 考试模板: a saved drawing rule with defaults (`tpl` + hashKey(owner unit + name)). */
  examTemplates: 'examTemplates',
  /** Offline exam results an enterprise uploaded (`uploadedResultId(personId, examTitle, date)`). */
  uploadedScores: 'uploadedScores',
  /** 错题本: one per person and question lineage (`wrong:<personId>:<lineageId>`), upserted by practiceCheck. */
  wrongBook: 'wrongBook',
} as const;

export type CollectionName = (typeof C)[keyof typeof C];
export const ALL_COLLECTIONS: CollectionName[] = Object.values(C);
