import { z } from 'zod';
import { contract } from './define';
import { INDUSTRY_CODES, type IndustryCode } from '../taxonomy';

/** Bulk staff import: the file travels through cloud storage (callFunction bodies are ≤ 100 KB). */
export interface ImportProblem {
  /** 1-based row number as Excel shows it (the header is row 1). */
  row: number;
  /** The row's name cell, when it has one (so the admin sees whose row it is). */
  name?: string;
  /** Column header as in the template, e.g. 身份证号码. */
  column: string;
  reason: string;
}

export interface ImportPlan {
  total: number;
  /** Persons new to the platform. */
  create: number;
  /** Already staff here: fields updated. */
  update: number;
  /** Already staff here with the same data: nothing to do (re-running a file changes nothing). */
  unchanged: number;
  /**
   * Already registered on the platform but not staff of this enterprise (employed elsewhere, left,
   * or registered elsewhere): nothing is written for them — the worker must ask to join in the
   * mini-program, and this enterprise approves in 人员审核.
   */
  elsewhere: number;
  /** Those rows (row number and the name in the sheet), first 500. */
  elsewhereRows: { row: number; name: string }[];
  problems: ImportProblem[];
}

/** A new account created by an import: its one-time password is shown once, to print or export. */
export interface ImportCredential {
  row: number;
  name: string;
  idMasked: string;
  oneTimePassword: string;
}

export interface ImportCommitResult {
  processed: number;
  total: number;
  done: boolean;
  created: number;
  updated: number;
  /** Rows skipped in this chunk because the person is not staff here (see ImportPlan.elsewhere). */
  skipped: number;
  /** One-time passwords of the persons this chunk created (never again retrievable: a retried chunk finds them existing). */
  credentials: ImportCredential[];
}

const fileID = z.string().min(1, '请先上传文件').max(300);



/* ---------- 基础名单 (baselines) and 名单比对 (reconciliation), issue 11 ---------- */

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '统计期应为 YYYY-MM 格式的月份');
const baselineList = z.enum(['market', 'insured']);
const regionCode = z.string().regex(/^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/, '行政区划代码不正确');
const industry = z.enum(INDUSTRY_CODES);

export interface BaselinePlan {
  total: number;
  /** Rows new to this period's list. */
  create: number;
  /** Rows already in this period's list with other data (name, region, industry, headcount). */
  update: number;
  /** Rows already there with the same data: a re-run of the same file changes nothing. */
  unchanged: number;
  problems: ImportProblem[];
}

export interface BaselineCommitResult {
  processed: number;
  total: number;
  done: boolean;
  created: number;
  updated: number;
}

export interface BaselineItem {
  _id: string;
  period: string;
  list: 'market' | 'insured';
  creditCode: string;
  name: string;
  regionCode: string;
  regionName: string;
  industry: IndustryCode | null;
  insured: number | null;
  /** An enterprise with this credit code is registered on the platform (as of the import, refreshed on registration). */
  registered: boolean;
  updatedAt: string;
}

export interface BaselineTotalsView {
  enterprises: number;
  insuredEnterprises: number;
  insured: number;
}

export interface BaselineSummary {
  period: string;
  regionCode: string;
  totals: BaselineTotalsView;
  /** The children's rollups (bars by child region). */
  children: ({ regionCode: string; regionName: string } & BaselineTotalsView)[];
  byIndustry: ({ industry: IndustryCode } & BaselineTotalsView)[];
}

export type ReconcileKind = 'unregistered' | 'understaffed' | 'inactive';

export interface ReconcileItem {
  creditCode: string;
  name: string;
  regionCode: string;
  regionName: string;
  industry: IndustryCode | null;
  /** understaffed: the period's insured headcount. */
  insured?: number;
  /** understaffed / inactive: registered active staff now. */
  staff?: number;
  /** understaffed: staff ÷ insured. */
  ratio?: number;
}

export interface ReconcilePage {
  kind: ReconcileKind;
  items: ReconcileItem[];
  /** Pass back to continue; null at the end. Lists computed by checking are scanned in bounded steps. */
  cursor: string | null;
  /** Rows examined by this call (bounded: a call never scans the whole region). */
  scanned: number;
  /** unregistered only: how many rows the list has in all (an indexed count). */
  total?: number;
}

const scopeFilters = { regionCode: regionCode.optional(), industry: industry.optional() };

export const baselineContracts = {
  /** Parses the file, resolves regions against the caller's scope and says what a commit would do; writes nothing. */
  baselineDryRun: contract<BaselinePlan>()(z.object({ fileID, period, list: baselineList })),
  /** Commits rows [offset, offset+limit) of a file without problems; idempotent (deterministic ids); rollups recomputed. */
  baselineCommit: contract<BaselineCommitResult>()(
    z.object({ fileID, period, list: baselineList, offset: z.number().int().min(0).optional().default(0), limit: z.number().int().min(1).max(500).optional().default(500) }),
  ),
  /**
   * 清空: removes a period's list in the caller's region (or a region inside it, optionally one
   * industry) — to undo an import into the wrong period, or before re-importing a corrected list —
   * and recomputes the rollups. Audited.
   */
  baselineClear: contract<{ removed: number }>()(z.object({ period, list: baselineList, ...scopeFilters })),
  /** The periods that have baselines in the caller's region, newest first. */
  baselinePeriods: contract<{ periods: string[] }>()(z.object({})),
  /** The rollup of a period for a region (the caller's own by default) and its children. */
  baselineSummary: contract<BaselineSummary>()(z.object({ period, ...scopeFilters })),
  /** One page of a period's list in scope. */
  listBaselines: contract<{ items: BaselineItem[]; total: number; page: number; pageSize: number }>()(
    z.object({
      period,
      list: baselineList,
      ...scopeFilters,
      keyword: z.string().trim().max(50).optional(),
      registered: z.boolean().optional(),
      page: z.number().int().min(1).max(1000).optional().default(1),
      pageSize: z.number().int().min(1).max(100).optional().default(20),
    }),
  ),
  /**
   * 名单比对: `unregistered` (in the period's 市场主体名单, not registered), `understaffed`
   * (registered, active staff < 50 % of the period's 参保人数), `inactive` (registered with active
   * staff, none of whom studied in ISO week `week`). Cursor-paged.
   */
  baselineReconcile: contract<ReconcilePage>()(
    z.object({
      kind: z.enum(['unregistered', 'understaffed', 'inactive']),
      period,
      week: z.string().regex(/^\d{4}-W\d{2}$/, '周应为 YYYY-Www 格式').optional(),
      ...scopeFilters,
      cursor: z.string().max(200).optional(),
      pageSize: z.number().int().min(1).max(200).optional().default(50),
    }),
  ),
};

export const importsContracts = {
  /** Parses and validates every row; writes nothing. */
  staffImportDryRun: contract<ImportPlan>()(z.object({ fileID })),
  /**
   * Commits rows [offset, offset+limit) of a file whose dry run had no problems; idempotent, so a
   * client can retry a chunk or re-run the whole file. The client loops to show progress.
   */
  // ≤ 100 rows a call: every new account's one-time password is hashed with the full scrypt cost.
  staffImportCommit: contract<ImportCommitResult>()(
    z.object({ fileID, offset: z.number().int().min(0).optional().default(0), limit: z.number().int().min(1).max(100).optional().default(100) }),
  ),
  ...baselineContracts,
};
