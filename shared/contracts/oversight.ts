import { z } from 'zod';
import type { CourseCategory } from '../learning/labels';
import type { OvLevel, OvTier } from '../oversight/rollup';
import { INDUSTRY_CODES, type IndustryCode } from '../taxonomy';
import { DEFAULT_MIN_STAFF, RANKING_METRICS, type RankingMetric, type ScoreParts } from '../oversight/ranking';
import { contract } from './define';
import type { Annex3Row, Annex4Row, PeriodReport } from '../oversight/report';
import { keyword, page, pageSize, type Paged } from './common';
import type { ArchiveBody } from './learning';
import type { CreditCodeStatus } from './org';
import type { Certificate, EmploymentRow, PersonStatus } from './people';
import type { PostCategoryCode, ScaleCode, SupervisionTypeCode, KeyAreaCode } from '../taxonomy';

/** The figures of one rollup node in one period (docs/oversight-design.md §1). */
export interface OvFigures {
  enterprises: number;
  persons: number;
  joined: number;
  leavers: number;
  learners: number;
  completions: number;
  onlineSeconds: number;
  points: number;
  examTakers: number;
  examPassed: number;
  examFailed: number;
  /** examPassed ÷ examTakers (0–1, 4 decimals; 0 without takers). */
  passRate: number;
}

export interface DashboardChild {
  kind: 'region' | 'enterprise';
  /** Region code, or the enterprise's id. */
  id: string;
  name: string;
  level: OvLevel;
  /** Whether a drill-down below it exists (regions: always; enterprises: none). */
  drillable: boolean;
  totals: OvFigures;
  week: OvFigures;
  /** 基础名单 of the latest imported month, when imported (regions only). */
  baseline: { enterprises: number; insured: number } | null;
  /** 活跃率: active learners this week ÷ registered persons. */
  activeRate: number;
}

export interface DashboardResult {
  scope: { kind: 'region' | 'enterprise'; id: string; name: string; level: OvLevel; parentId: string | null; industries: IndustryCode[] | null };
  week: string;
  month: string;
  totals: OvFigures;
  thisWeek: OvFigures;
  thisMonth: OvFigures;
  /** 基础名单 (市场主体名单 / 社保缴纳名单) of the latest imported month, or null (未导入). */
  baseline: { period: string; enterprises: number; insured: number } | null;
  /** Registered ÷ baseline (enterprises, persons); null without a baseline. */
  registrationRate: { enterprises: number | null; persons: number | null };
  /** The last 12 ISO weeks, oldest first. */
  trend: ({ week: string } & OvFigures)[];
  children: DashboardChild[];
  /** True when there were more enterprises under the node than listed (the largest are listed). */
  childrenTruncated: boolean;
  industries: { industry: string; totals: OvFigures; week: OvFigures }[];
  /** Courses with learners here (rollup `rc` / `ec`) and the published ones reaching all of the node. */
  courses: { courseId: string; title: string; category: CourseCategory | null; publisher: string | null; learners: number; completions: number; completionRate: number }[];
  courseShare: { byCategory: { category: CourseCategory; count: number }[]; byPublisher: { publisher: string; count: number }[] };
  exams: { tier: OvTier; takers: number; passed: number; failed: number; passRate: number }[];
}

export interface RankingRow {
  /** Competition rank (ties share one) among all ranked rows. */
  rank: number;
  kind: 'region' | 'enterprise';
  /** Region code or enterprise id. */
  id: string;
  name: string;
  regionCode: string;
  /** Registered active staff (all-time). */
  persons: number;
  /** The ranked metric's value. */
  value: number;
  completionRate: number;
  avgPoints: number;
  passRate: number;
  /** Enterprise rows: the learning score and its parts (grading input, shared/oversight/ranking.ts). */
  score: ScoreParts | null;
}

export interface RankingsResult {
  scope: { id: string; name: string; level: OvLevel };
  level: 'enterprise' | 'region';
  by: RankingMetric;
  /** 'all', or the ISO week key ranked. */
  period: string;
  minStaff: number;
  total: number;
  page: number;
  pageSize: number;
  rows: RankingRow[];
  /** An enterprise admin's own enterprise: its rank among the county's ranked enterprises (null when below minStaff). */
  own: { enterpriseId: string; name: string; rank: number | null; total: number; value: number; persons: number } | null;
}

/** A row of 企业档案 search. */
export interface EnterpriseArchiveRow {
  _id: string;
  name: string;
  creditCode: string;
  creditCodeStatus: CreditCodeStatus;
  regionCode: string;
  regionName: string;
  industry: IndustryCode;
  staffCount: number;
  createdAt: string;
}
/** A row of 人员档案 search: the ID number masked only. */
export interface PersonArchiveRow {
  _id: string;
  name: string;
  idMasked: string;
  gender: 'male' | 'female';
  status: PersonStatus;
  enterpriseId: string | null;
  enterpriseName: string | null;
  postCategory: PostCategoryCode;
  regionName: string | null;
}

export interface EnterpriseArchive {
  enterprise: EnterpriseArchiveRow & {
    address: string;
    contactName: string;
    contactPhone: string;
    scale: ScaleCode;
    supervisionType: SupervisionTypeCode;
    keyAreas: KeyAreaCode[];
  };
  /** Registered staff (rollup) against the latest imported 社保缴纳名单 headcount (null: not in the list / not imported). */
  staff: { registered: number; insured: number | null; insuredPeriod: string | null; joined: number; leavers: number };
  /** Cumulative learning and exam figures (rollup `ov:e:<id>:all`); completionRate = completions ÷ course starts here. */
  learning: { learners: number; onlineHours: number; completions: number; courseStarts: number; completionRate: number; points: number; examTakers: number; examPassed: number; passRate: number };
  thisMonth: { learners: number; onlineHours: number; completions: number };
  /** The latest 50 offline trainings (not voided). */
  offlineTrainings: { _id: string; date: string; topic: string; hours: number; attendees: number }[];
  /** 内部培训师 among the staff, and what the ratio rule asks (shared/oversight/trainers.ts). */
  trainers: { items: { personId: string; name: string; idMasked: string; postCategory: PostCategoryCode }[]; count: number; required: number; meets: boolean; rule: string };
  /** Who changed the enterprise (audit log, newest first, 50). */
  history: { at: string; action: string; actorId: string | null; details: Record<string, unknown> | null }[];
}

export interface PersonArchive extends ArchiveBody {
  person: PersonArchiveRow & { birthDate: string; departmentName: string | null; employmentType: string; certificatesHeld: Certificate[] };
  /** Employers over time, newest first. */
  employments: EmploymentRow[];
}


/** 合规清单 rows (docs/oversight-design.md §10). */
export interface TrainerComplianceRow {
  enterpriseId: string;
  name: string;
  regionName: string;
  industry: IndustryCode;
  scale: ScaleCode;
  staff: number;
  trainers: number;
  required: number;
  meets: boolean;
  rule: string;
}
export interface ExpiringCertificateRow {
  personId: string;
  name: string;
  idMasked: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  postCategory: PostCategoryCode;
  certificateNumber: string;
  expiresOn: string;
  /** Days from today (Asia/Shanghai) to the expiry; negative when already expired. */
  daysLeft: number;
}
export interface HoursShortRow {
  personId: string;
  name: string;
  idMasked: string;
  enterpriseName: string | null;
  postCategory: PostCategoryCode;
  year: number;
  required: number;
  onlineHours: number;
  offlineHours: number;
  gap: number;
}
export type ComplianceResult =
  | ({ list: 'trainers' } & Paged<TrainerComplianceRow>)
  | ({ list: 'expiring'; cutoff: string } & Paged<ExpiringCertificateRow>)
  | { list: 'hours'; year: number; items: HoursShortRow[]; scanned: number; nextCursor: string | null };


/** 待办 of a regulator (docs/oversight-design.md §10): counts and the latest few of each kind. */
export interface TodosResult {
  newEnterprises: { total: number; items: { enterpriseId: string; name: string; regionName: string; createdAt: string }[] };
  pendingCreditCodes: { total: number; items: { enterpriseId: string; name: string; creditCode: string; regionName: string }[] };
  pendingAppeals: { total: number; items: { appealId: string; examTitle: string; personName: string; createdAt: string }[] };
}
export interface AuditRow {
  at: string;
  action: string;
  fn: string | null;
  actorKind: string | null;
  actorId: string | null;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown> | null;
}

const regionCode = z.string().regex(/^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/, '行政区划代码应为2、4、6或9位数字');

export const oversightContracts = {
  /**
   * The oversight dashboard of a region (regulators: their own region or one below it; sysadmin:
   * any) or of one enterprise (its admin: only its own; regulators: one in their region). Read from
   * the rollups only: O(children), whatever the number of persons. `week`: an ISO week key
   * (default: the current Shanghai week).
   */
  dashboard: contract<DashboardResult>()(
    z.object({
      regionCode: regionCode.optional(),
      enterpriseId: z.string().min(1).max(64).optional(),
      week: z
        .string()
        .regex(/^\d{4}-W\d{2}$/, '周的格式应为 2026-W49')
        .optional(),
      industry: z.enum(INDUSTRY_CODES).optional(),
    }),
  ),
  /**
   * 周通报 of a region (default: the caller's; regulators their subtree, sysadmin any) for an ISO week
   * of the last 12: rates by child region and by industry, the change from the week before, the
   * bottom-ranked regions and enterprises. Rollup documents and 基础名单 rollups only.
   */
  weeklyReport: contract<PeriodReport>()(z.object({ regionCode: regionCode.optional(), week: z.string().regex(/^\d{4}-W\d{2}$/, '周的格式应为 2026-W49') })),
  /** 月报: as the weekly report, by month (YYYY-MM, the last 12). */
  monthlyReport: contract<PeriodReport>()(z.object({ regionCode: regionCode.optional(), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份的格式应为 2026-12') })),
  /** 附件3 专项行动执行情况汇总表 of a region: rows by industry (非煤矿山 … 其他, 合计); `month` limits to one month (default: cumulative). */
  annex3: contract<{ scope: { regionCode: string; name: string }; period: string; rows: Annex3Row[] }>()(
    z.object({ regionCode: regionCode.optional(), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份的格式应为 2026-12').optional() }),
  ),
  /**
   * 附件4 作弊、不及格和缺考人员名单 of one formal exam in the caller's scope (and region): paged over
   * the exam's attempts in scope (作弊, then 不合格) and, after the exam closed, the targeted persons
   * without an attempt (缺考).
   */
  annex4: contract<Paged<Annex4Row> & { exam: { examId: string; title: string; closed: boolean }; summary: { cheating: number; failed: number; absent: number } }>()(
    z.object({ examId: z.string().min(1).max(64), regionCode: regionCode.optional(), page, pageSize: pageSize(200, 50) }),
  ),
  /**
   * Rankings (docs/oversight-design.md §9): the enterprises of a region's subtree (registered staff ≥
   * `minStaff`) or its child regions, ordered by a metric of the all-time or one week's rollups, paged.
   * An enterprise admin gets only its own enterprise's rank among its county's enterprises (`own`).
   */
  rankings: contract<RankingsResult>()(
    z.object({
      regionCode: regionCode.optional(),
      level: z.enum(['enterprise', 'region']).optional().default('enterprise'),
      by: z.enum(RANKING_METRICS).optional().default('completionRate'),
      period: z.enum(['all', 'week']).optional().default('all'),
      week: z
        .string()
        .regex(/^\d{4}-W\d{2}$/, '周的格式应为 2026-W49')
        .optional(),
      minStaff: z.coerce.number().int().min(0, '最少人数不能为负').max(100000).optional().default(DEFAULT_MIN_STAFF),
      page,
      pageSize: pageSize(100, 20),
    }),
  ),
  /**
   * 企业档案 / 人员档案 search in the caller's scope (regulators: their subtree and industries;
   * enterprise admins: their own enterprise and staff), paged. Persons by name, or by a full ID
   * number (looked up by its keyed hash; shown masked).
   */
  searchArchives: contract<Paged<EnterpriseArchiveRow> | Paged<PersonArchiveRow>>()(
    z.object({
      kind: z.enum(['enterprise', 'person']),
      keyword,
      regionCode: regionCode.optional(),
      industry: z.enum(INDUSTRY_CODES).optional(),
      page,
      pageSize: pageSize(100, 20),
    }),
  ),
  /** 企业档案 of one enterprise in scope (a foreign id answers NOT_IN_SCOPE like a missing one). */
  enterpriseArchive: contract<EnterpriseArchive>()(z.object({ enterpriseId: z.string().min(1).max(64) })),
  /** 人员档案 (一人一档 across employers) of a person currently employed in scope. */
  personArchive: contract<PersonArchive>()(z.object({ personId: z.string().min(1).max(64) })),
  /**
   * 合规清单 in the caller's scope: `trainers` — enterprises the 内训师 ratio applies to (high-risk or
   * 规模以上) with their trainers against it, paged; `expiring` — 特种作业人员 whose 特种作业操作证
   * expires within `days` (default 90; already expired included), paged; `hours` — persons below their
   * post's annual training hours this year, scanned `pageSize` persons at a time from `cursor`.
   */
  complianceList: contract<ComplianceResult>()(
    z.object({
      list: z.enum(['trainers', 'expiring', 'hours']),
      regionCode: regionCode.optional(),
      industry: z.enum(INDUSTRY_CODES).optional(),
      days: z.coerce.number().int().min(1).max(365).optional().default(90),
      cursor: z.string().max(64).optional(),
      page,
      pageSize: pageSize(200, 20),
    }),
  ),
  /** 待办 for regulators (their scope): enterprises registered in the last 7 days, 待核实 credit codes, pending appeals. */
  todos: contract<TodosResult>()(z.object({})),
  /**
   * 审计日志 of one enterprise or one person in the caller's scope, newest first, paged: what was done
   * to it (edits, reveals of an ID number, imports) and, for an enterprise, the ID numbers of its staff
   * revealed. A foreign or missing target answers NOT_IN_SCOPE alike.
   */
  auditLogs: contract<Paged<AuditRow>>()(
    z
      .object({ enterpriseId: z.string().min(1).max(64).optional(), personId: z.string().min(1).max(64).optional(), page, pageSize: pageSize(100, 20) })
      .refine((x) => !!x.enterpriseId !== !!x.personId, '请指定企业或人员之一'),
  ),
};
