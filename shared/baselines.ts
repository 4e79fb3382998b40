/**
 * 基础名单 (baselines) for 周调度周通报: the 市场主体名单 (credit code, name, region, industry) and the
 * 社保缴纳名单 (credit code, insured headcount), imported per month by regulators. Pure rules: the
 * templates, the row validator (used by the console for instant feedback and by the `imports`
 * function before anything is written), deterministic ids and the reconciliation rule. No SheetJS
 * here (the org function imports the ids): files and sheets are in baselineSheet.ts.
 */
import type { ImportProblem } from './contracts/imports';
import { checkCreditCode, CREDIT_CODE_PROBLEM_ZH, makeCreditCode } from './creditCode';
import { INDUSTRIES, type IndustryCode } from './taxonomy';
import { hasUnsafeChars, normalizeCell, UNSAFE_TEXT_ZH } from './text';

export type BaselineList = 'market' | 'insured';
export const BASELINE_LISTS: readonly { code: BaselineList; label: string }[] = [
  { code: 'market', label: '市场主体名单' },
  { code: 'insured', label: '社保缴纳名单' },
];
export const BASELINE_LIST_ZH: Record<BaselineList, string> = { market: '市场主体名单', insured: '社保缴纳名单' };

/** A file holds at most this many rows; a county's list that is longer goes in several files. */
export const BASELINE_MAX_ROWS = 10000;
export const BASELINE_MAX_BYTES = 5 * 1024 * 1024;
/** Rows a commit call writes (no password hashing here: larger than the staff import's 100). */
export const BASELINE_CHUNK_ROWS = 500;
export const BASELINE_MAX_INSURED = 1_000_000;

/**
 * 名单比对 "registered staff far below the insured headcount": registered active staff < 50 % of
 * the 社保缴纳名单's headcount for the period. Enterprises with fewer than
 * UNDERSTAFFED_MIN_INSURED insured persons are not listed (one missing person in a firm of three is
 * not a finding).
 */
export const UNDERSTAFFED_RATIO = 0.5;
export const UNDERSTAFFED_MIN_INSURED = 5;
export const isUnderstaffed = (staff: number, insured: number, ratio = UNDERSTAFFED_RATIO): boolean =>
  insured >= UNDERSTAFFED_MIN_INSURED && staff < insured * ratio;

/** `YYYY-MM`, months 01–12. */
export const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const isPeriod = (s: string): boolean => PERIOD_RE.test(s) && Number(s.slice(0, 4)) >= 2000 && Number(s.slice(0, 4)) <= 2100;

/** One baseline row per period, list and credit code: re-importing finds and overwrites it. */
export const baselineDocId = (period: string, list: BaselineList, creditCode: string): string => `bl:${period}:${list}:${creditCode}`;
/**
 * The rollup of a period's baselines for one region (every level: province, city, county, town):
 * `base:<period>:<regionCode>` (docs/oversight-baselines.md). A dashboard for region R reads the
 * docs of R's children: O(children).
 */
export const baselineRollupId = (period: string, regionCode: string): string => `base:${period}:${regionCode}`;

export interface BaselineTotals {
  /** Rows of the 市场主体名单 (enterprises that should be registered). */
  enterprises: number;
  /** Rows of the 社保缴纳名单. */
  insuredEnterprises: number;
  /** Sum of 参保人数 (persons that should be registered). */
  insured: number;
}
export interface BaselineRollup extends BaselineTotals {
  _id: string;
  kind: 'baseline';
  period: string;
  regionCode: string;
  parentCode: string;
  byIndustry: Partial<Record<IndustryCode, BaselineTotals>>;
  updatedAt?: Date;
}

type ColumnKey = 'creditCode' | 'name' | 'region' | 'industry' | 'insured';
export interface BaselineColumn {
  key: ColumnKey;
  label: string;
  required: boolean;
  example: string;
  hint: string;
}

export const EXAMPLE_CODE = makeCreditCode('370481', 'MA3C00001');
const COLUMNS: Record<BaselineList, readonly BaselineColumn[]> = {
  market: [
    { key: 'creditCode', label: '统一社会信用代码', required: true, example: EXAMPLE_CODE, hint: '18位，校验位须正确' },
    { key: 'name', label: '企业名称', required: true, example: '滕州市示例机械有限公司', hint: '2-100个字' },
    { key: 'region', label: '所属区划', required: true, example: '370481', hint: '县级或乡镇（街道）级区划代码（6位或9位），或名称（如“枣庄市滕州市”）；须在本账号管辖范围内' },
    { key: 'industry', label: '行业', required: true, example: '机械', hint: `可选：${INDUSTRIES.map((i) => i.label).join('、')}` },
  ],
  insured: [
    { key: 'creditCode', label: '统一社会信用代码', required: true, example: EXAMPLE_CODE, hint: '18位，校验位须正确；所属区划和行业取自本期市场主体名单（没有时取企业注册信息）' },
    { key: 'name', label: '企业名称', required: false, example: '滕州市示例机械有限公司', hint: '可不填，仅供核对' },
    { key: 'insured', label: '参保人数', required: true, example: '120', hint: `0-${BASELINE_MAX_INSURED}的整数` },
  ],
};
export const baselineColumns = (list: BaselineList): readonly BaselineColumn[] => COLUMNS[list];
export const baselineTemplateName = (list: BaselineList): string => `${BASELINE_LIST_ZH[list]}模板.xlsx`;

/** A valid row (region still as written: the server resolves and scopes it). */
export interface BaselineRow {
  row: number;
  creditCode: string;
  name: string;
  /** market only: the 所属区划 cell as written. */
  region?: string;
  industry?: IndustryCode;
  /** insured only. */
  insured?: number;
}

export type BaselineValidation =
  | { ok: true; total: number; rows: BaselineRow[]; problems: ImportProblem[] }
  | { ok: false; code: 'IMPORT_INVALID' | 'IMPORT_TOO_LARGE'; reason: string };

const headerKey = (h: unknown): string => normalizeCell(h).replace(/[*＊\s]/g, '');
const isBlankRow = (r: readonly unknown[] | undefined) => !r || r.every((c) => normalizeCell(c) === '');

export function industryOf(cell: string): IndustryCode | null {
  const hit = INDUSTRIES.find((i) => i.label === cell || i.code === cell);
  return hit ? hit.code : null;
}

/** 参保人数: an integer cell, or text digits (thousands separators allowed). */
export function parseHeadcount(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= BASELINE_MAX_INSURED ? v : null;
  const s = normalizeCell(v).replace(/[,，\s]/g, '');
  if (!/^\d{1,7}$/.test(s)) return null;
  const n = Number(s);
  return n <= BASELINE_MAX_INSURED ? n : null;
}

/**
 * Validates a sheet read as arrays (row 0 = header). Every problem names its Excel row and column
 * label; a row with any problem is left out of `rows`. Regions are only checked for presence here
 * (the server resolves them against the region tree and the caller's scope).
 */
export function validateBaselineTable(table: readonly (readonly unknown[])[], list: BaselineList): BaselineValidation {
  const columns = COLUMNS[list];
  const header = table[0] ?? [];
  const colIndex = new Map<ColumnKey, number>();
  const byLabel = new Map<string, ColumnKey>(columns.map((c) => [c.label, c.key]));
  header.forEach((h, i) => {
    const key = byLabel.get(headerKey(h));
    if (key && !colIndex.has(key)) colIndex.set(key, i);
  });
  const missing = columns.filter((c) => c.required && !colIndex.has(c.key)).map((c) => c.label);
  if (missing.length) return { ok: false, code: 'IMPORT_INVALID', reason: `缺少必填列：${missing.join('、')}（请使用下载的${BASELINE_LIST_ZH[list]}模板）` };

  let last = table.length - 1;
  while (last > 0 && isBlankRow(table[last])) last--;
  const dataRows = table.slice(1, last + 1);
  const total = dataRows.filter((r) => !isBlankRow(r)).length;
  if (total > BASELINE_MAX_ROWS) return { ok: false, code: 'IMPORT_TOO_LARGE', reason: `一次最多导入${BASELINE_MAX_ROWS}行，本文件有${total}行，请分成多个文件导入` };
  if (total === 0) return { ok: false, code: 'IMPORT_INVALID', reason: '文件中没有名单数据（第2行起填写）' };

  const labelOf = new Map<ColumnKey, string>(columns.map((c) => [c.key, c.label]));
  const problems: ImportProblem[] = [];
  const rows: BaselineRow[] = [];
  const badRows = new Set<number>();
  const firstRowOf = new Map<string, number>();
  dataRows.forEach((r, i) => {
    if (isBlankRow(r)) return;
    const row = i + 2;
    const raw = (k: ColumnKey): unknown => {
      const idx = colIndex.get(k);
      return idx === undefined ? undefined : r[idx];
    };
    const cell = (k: ColumnKey) => normalizeCell(raw(k));
    const name = cell('name').slice(0, 100);
    const problem = (k: ColumnKey, reason: string) => {
      problems.push({ row, ...(name ? { name } : {}), column: labelOf.get(k) ?? k, reason });
      badRows.add(row);
    };
    for (const c of columns) if (c.required && cell(c.key) === '') problem(c.key, `${c.label}为必填项`);

    let creditCode = '';
    if (cell('creditCode')) {
      const cc = checkCreditCode(cell('creditCode'));
      if (!cc.ok) problem('creditCode', CREDIT_CODE_PROBLEM_ZH[cc.problem]);
      else {
        creditCode = cc.value;
        const first = firstRowOf.get(creditCode);
        if (first !== undefined) {
          problem('creditCode', `与第${first}行的统一社会信用代码重复`);
          problems.push({ row: first, column: '统一社会信用代码', reason: `与第${row}行的统一社会信用代码重复` });
          badRows.add(first);
        } else firstRowOf.set(creditCode, row);
      }
    }
    const fullName = cell('name');
    if (fullName && (fullName.length < 2 || fullName.length > 100)) problem('name', '企业名称应为2-100个字');
    else if (fullName && hasUnsafeChars(fullName)) problem('name', `企业名称${UNSAFE_TEXT_ZH}`);

    const out: BaselineRow = { row, creditCode, name: fullName };
    if (list === 'market') {
      const region = cell('region');
      if (region && (region.length > 40 || hasUnsafeChars(region))) problem('region', '所属区划不是有效的区划代码或名称');
      out.region = region;
      const ind = cell('industry');
      if (ind) {
        const code = industryOf(ind);
        if (!code) problem('industry', `“${ind.slice(0, 20)}”不是有效的行业，可选：${INDUSTRIES.map((x) => x.label).join('、')}`);
        else out.industry = code;
      }
    } else if (cell('insured')) {
      const n = parseHeadcount(raw('insured'));
      if (n === null) problem('insured', `参保人数应为0-${BASELINE_MAX_INSURED}的整数`);
      else out.insured = n;
    }
    if (!badRows.has(row)) rows.push(out);
  });
  const colOrder = (label: string) => columns.findIndex((c) => c.label === label);
  problems.sort((a, b) => a.row - b.row || colOrder(a.column) - colOrder(b.column));
  return { ok: true, total, rows: rows.filter((r) => !badRows.has(r.row)), problems };
}

/** Sums totals into `into` (rollups of a parent from its children). */
export function addTotals(into: BaselineTotals, t: Partial<BaselineTotals>): BaselineTotals {
  into.enterprises += t.enterprises ?? 0;
  into.insuredEnterprises += t.insuredEnterprises ?? 0;
  into.insured += t.insured ?? 0;
  return into;
}
export const emptyTotals = (): BaselineTotals => ({ enterprises: 0, insuredEnterprises: 0, insured: 0 });
