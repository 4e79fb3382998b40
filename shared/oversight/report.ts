import { isoWeekKey, isoWeekRange } from '../calendar';
import { INDUSTRIES, labelOf, POST_CATEGORIES } from '../taxonomy';
import { examTotals, OV_COUNTERS, rate, shanghaiMonth, type OvCounters, type OvTier } from './rollup';
import type { Cell, ReportSheet } from './reportXlsx';

/**
 * 周通报 / 月报 and 附件3 / 附件4 (issue 11): pure arithmetic over rollup documents and the sheet
 * layouts (rows and columns as in the seed's tables). The actions read the documents; everything
 * computed from them is here, tested with hand-computed fixtures.
 */

export type ReportKind = 'week' | 'month';

/** How far back a report may look: its figures at the end of a past period are `all` minus the later periods. */
export const REPORT_LOOKBACK = 12;

/** The period keys from `key` to the current one, oldest first (ISO weeks or months). */
export function periodsSince(kind: ReportKind, key: string, now: Date | number): string[] {
  const out: string[] = [];
  const current = kind === 'week' ? isoWeekKey(now) : shanghaiMonth(now);
  let k = key;
  for (let i = 0; i <= REPORT_LOOKBACK + 1 && k <= current; i++) {
    out.push(k);
    k = nextPeriod(kind, k);
  }
  return out;
}

export function previousPeriod(kind: ReportKind, key: string): string {
  if (kind === 'month') {
    const [y, m] = key.split('-').map(Number);
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  }
  return isoWeekKey(isoWeekRange(key).start.getTime() - 3 * 86400_000);
}

export function nextPeriod(kind: ReportKind, key: string): string {
  if (kind === 'month') {
    const [y, m] = key.split('-').map(Number);
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  return isoWeekKey(isoWeekRange(key).start.getTime() + 10 * 86400_000);
}

export const periodId = (kind: ReportKind, key: string): string => (kind === 'week' ? `w${key}` : `m${key}`);

/**
 * Cumulative counters at the end of a period: the current `all` minus the changes of the periods
 * after it (every counter but `learners`, which is not additive over periods).
 */
export function asOfEnd(all: OvCounters | undefined, later: (OvCounters | undefined)[]): OvCounters {
  const out: Record<string, number> = {};
  for (const k of OV_COUNTERS) {
    if (k === 'learners') continue;
    let v = all?.[k] ?? 0;
    for (const l of later) v -= l?.[k] ?? 0;
    out[k] = v;
  }
  return out;
}

/** The figures of one row in one period. Rates are 0–1 (4 decimals); null without a baseline. */
export interface ReportFigures {
  enterprises: number;
  persons: number;
  baselineEnterprises: number | null;
  baselineInsured: number | null;
  /** registered enterprises ÷ 市场主体名单 */
  enterpriseRate: number | null;
  /** registered persons ÷ 社保缴纳名单 参保人数 */
  personRate: number | null;
  /** active learners in the period */
  learners: number;
  /** learners ÷ registered persons */
  studyRate: number;
  examTakers: number;
  examPassed: number;
  /** exam takers (cumulative) ÷ registered persons */
  examRate: number;
  /** passed ÷ takers (cumulative) */
  passRate: number;
}

export function reportFigures(cum: OvCounters, period: OvCounters | undefined, baseline: { enterprises: number; insured: number } | null): ReportFigures {
  const enterprises = Math.max(0, cum.enterprises ?? 0);
  const persons = Math.max(0, cum.persons ?? 0);
  const exam = examTotals(cum);
  const learners = period?.learners ?? 0;
  return {
    enterprises,
    persons,
    baselineEnterprises: baseline?.enterprises ?? null,
    baselineInsured: baseline?.insured ?? null,
    enterpriseRate: baseline && baseline.enterprises > 0 ? rate(enterprises, baseline.enterprises) : null,
    personRate: baseline && baseline.insured > 0 ? rate(persons, baseline.insured) : null,
    learners,
    studyRate: rate(learners, persons),
    examTakers: exam.takers,
    examPassed: exam.passed,
    examRate: rate(exam.takers, persons),
    passRate: rate(exam.passed, exam.takers),
  };
}

export const RATE_KEYS = ['enterpriseRate', 'personRate', 'studyRate', 'examRate', 'passRate'] as const;
export type RateKey = (typeof RATE_KEYS)[number];

export interface ReportRow {
  /** Region code, industry code or enterprise id. */
  key: string;
  name: string;
  cur: ReportFigures;
  prev: ReportFigures;
  /** cur − prev of each rate (null when either side has none). */
  change: Record<RateKey, number | null>;
}

export function reportRow(key: string, name: string, cur: ReportFigures, prev: ReportFigures): ReportRow {
  const change = Object.fromEntries(
    RATE_KEYS.map((k) => {
      const a = cur[k];
      const b = prev[k];
      return [k, a == null || b == null ? null : Math.round((a - b) * 10000) / 10000];
    }),
  ) as Record<RateKey, number | null>;
  return { key, name, cur, prev, change };
}

/**
 * A row's documents → its report row: `docs(period id)` answers the node's document of a period
 * (`all`, and each period from the one before the report's to the current one).
 */
export function rowFromDocs(
  kind: ReportKind,
  key: string,
  name: string,
  periods: string[],
  docs: (periodId: string) => OvCounters | undefined,
  baseline: { cur: { enterprises: number; insured: number } | null; prev: { enterprises: number; insured: number } | null },
): ReportRow {
  // periods[0] is the previous period, periods[1] the report's, the rest later ones.
  const laterThan = (i: number) => periods.slice(i + 1).map((p) => docs(periodId(kind, p)));
  const all = docs('all');
  const cur = reportFigures(asOfEnd(all, laterThan(1)), docs(periodId(kind, periods[1])), baseline.cur);
  const prev = reportFigures(asOfEnd(all, laterThan(0)), docs(periodId(kind, periods[0])), baseline.prev);
  return reportRow(key, name, cur, prev);
}

/** The lowest rows by a rate (ties: fewer persons last, then name), skipping rows below a size. */
export function bottomRanked(rows: ReportRow[], by: RateKey, n: number, minPersons = 0): ReportRow[] {
  return rows
    .filter((r) => r.cur[by] != null && r.cur.persons >= minPersons)
    .sort((a, b) => (a.cur[by] as number) - (b.cur[by] as number) || b.cur.persons - a.cur.persons || a.name.localeCompare(b.name, 'zh'))
    .slice(0, n);
}

/** Enterprises ranked at the bottom need at least this many registered persons (tiny firms would dominate). */
export const BOTTOM_MIN_PERSONS = 5;
export const BOTTOM_COUNT = 10;

// ------------------------------------------------------------------ sheets

const pct = (r: number | null): Cell => (r == null ? '—' : r);
const chg = (r: number | null): Cell => (r == null ? '—' : r);

const REPORT_HEADER_1: Cell[] = ['名称', '注册情况', null, null, null, null, null, '学习情况', null, '考试情况', null, null, null, '较上期变化（百分点）', null, null, null, null];
const REPORT_HEADER_2: Cell[] = [null, '注册企业', '市场主体名单', '企业注册率', '注册人员', '参保人数', '人员注册率', '活跃学员', '学习率', '参考人数', '合格人数', '参考率', '合格率', '企业注册率', '人员注册率', '学习率', '参考率', '合格率'];

/** The columns of a 周通报 / 月报 table (two header rows, merged group titles). */
function reportTable(name: string, titles: string[], first: string, rows: ReportRow[]): ReportSheet {
  const h1 = [...REPORT_HEADER_1];
  h1[0] = first;
  return {
    name,
    titles,
    header: [h1, [...REPORT_HEADER_2]],
    headerMerges: [
      { s: { r: 0, c: 0 }, e: { r: 1, c: 0 } },
      { s: { r: 0, c: 1 }, e: { r: 0, c: 6 } },
      { s: { r: 0, c: 7 }, e: { r: 0, c: 8 } },
      { s: { r: 0, c: 9 }, e: { r: 0, c: 12 } },
      { s: { r: 0, c: 13 }, e: { r: 0, c: 17 } },
    ],
    columns: [
      { width: 24, kind: 'text' },
      { width: 10, kind: 'int' },
      { width: 12, kind: 'int' },
      { width: 11, kind: 'percent' },
      { width: 10, kind: 'int' },
      { width: 10, kind: 'int' },
      { width: 11, kind: 'percent' },
      { width: 10, kind: 'int' },
      { width: 9, kind: 'percent' },
      { width: 10, kind: 'int' },
      { width: 10, kind: 'int' },
      { width: 9, kind: 'percent' },
      { width: 9, kind: 'percent' },
      { width: 11, kind: 'percent' },
      { width: 11, kind: 'percent' },
      { width: 9, kind: 'percent' },
      { width: 9, kind: 'percent' },
      { width: 9, kind: 'percent' },
    ],
    rows: rows.map((r) => [
      r.name,
      r.cur.enterprises,
      r.cur.baselineEnterprises ?? '未导入',
      pct(r.cur.enterpriseRate),
      r.cur.persons,
      r.cur.baselineInsured ?? '未导入',
      pct(r.cur.personRate),
      r.cur.learners,
      r.cur.studyRate,
      r.cur.examTakers,
      r.cur.examPassed,
      r.cur.examRate,
      r.cur.passRate,
      ...RATE_KEYS.map((k) => chg(r.change[k])),
    ]),
  };
}

export interface PeriodReport {
  kind: ReportKind;
  /** ISO week (2026-W49) or month (2026-12). */
  period: string;
  previous: string;
  scope: { regionCode: string; name: string; level: string };
  /** The month of the 基础名单 used (latest imported on or before the period), or null (未导入). */
  baselinePeriod: string | null;
  total: ReportRow;
  regions: ReportRow[];
  industries: ReportRow[];
  enterprises: ReportRow[];
  bottomRegions: ReportRow[];
  bottomEnterprises: ReportRow[];
  /** More enterprises in the region than were examined for the bottom list. */
  enterprisesTruncated: boolean;
}

export const reportLabel = (kind: ReportKind) => (kind === 'week' ? '周通报' : '月报');
export const periodLabel = (kind: ReportKind, key: string) => {
  if (kind === 'month') return `${key.slice(0, 4)}年${Number(key.slice(5))}月`;
  const { start, end } = isoWeekRange(key);
  const d = (t: Date) => new Date(t.getTime() + 8 * 3600_000).toISOString().slice(5, 10).replace('-', '月') + '日';
  return `${key.slice(0, 4)}年第${Number(key.slice(6))}周（${d(start)}—${d(new Date(end.getTime() - 1))}）`;
};

/** The sheets of a 周通报 / 月报 workbook: 总体及分地区, 分行业, 排名靠后. */
export function periodReportSheets(r: PeriodReport): ReportSheet[] {
  const label = reportLabel(r.kind);
  const sub = `${r.scope.name}　${periodLabel(r.kind, r.period)}　对比：${r.previous}　基础名单：${r.baselinePeriod ?? '未导入'}`;
  const title = `安全生产学习注册、学习、考试情况${label}`;
  const note = ['注：注册率 = 注册数 ÷ 基础名单（市场主体名单 / 社保缴纳名单）；学习率 = 本期活跃学员 ÷ 注册人员；参考率 = 累计参考人数 ÷ 注册人员；合格率 = 合格人数 ÷ 参考人数；变化为百分点。'];
  const sheets: ReportSheet[] = [
    { ...reportTable('分地区', [title, sub], '地区', [...r.regions, { ...r.total, name: `合计（${r.scope.name}）` }]), footer: note },
    { ...reportTable('分行业', [title, sub], '行业', r.industries), footer: note },
    { ...reportTable('排名靠后地区', [`${title}（排名靠后地区，按人员注册率${r.baselinePeriod ? '' : '缺基础名单时按学习率'}）`, sub], '地区', r.bottomRegions) },
    ...(r.regions.length === 0 && r.enterprises.length ? [{ ...reportTable('分企业', [`${title}（分企业，注册情况为当前）`, sub], '企业', r.enterprises) }] : []),
    { ...reportTable('排名靠后企业', [`${title}（排名靠后企业，按学习率，注册人员≥${BOTTOM_MIN_PERSONS}人）`, sub], '企业', r.bottomEnterprises) },
  ];
  return sheets;
}

// ------------------------------------------------------------------ 附件3

/** The seed's rows (附件3), with its spacing; each industry of the taxonomy falls in one. */
export const ANNEX3_ROWS = ['非煤矿山', '危化品', '烟花爆竹', '冶 金', '有 色', '建 材', '机 械', '轻 工', '纺 织', '烟 草', '商 贸', '其 他'] as const;
export const ANNEX3_TOTAL = '合 计';
/** 金属冶炼 goes with 冶金, 建筑施工 with 其他 (the seed's list has no row of its own for them). */
export const ANNEX3_ROW_OF: Record<string, (typeof ANNEX3_ROWS)[number]> = {
  nonCoalMine: '非煤矿山',
  hazardousChemicals: '危化品',
  fireworks: '烟花爆竹',
  metallurgy: '冶 金',
  metalSmelting: '冶 金',
  nonferrous: '有 色',
  buildingMaterials: '建 材',
  machinery: '机 械',
  lightIndustry: '轻 工',
  textile: '纺 织',
  tobacco: '烟 草',
  commerce: '商 贸',
  construction: '其 他',
  other: '其 他',
};
/** The seed's three exam columns; a city-organised exam (市应急局组织的补考) counts with 县（市、区）. */
export const ANNEX3_TIERS = [
  { label: '企业组织考试', tiers: ['enterprise'] as OvTier[] },
  { label: '县（市、区）组织考试', tiers: ['county', 'city'] as OvTier[] },
  { label: '全省大统考', tiers: ['province'] as OvTier[] },
] as const;

export interface Annex3Row {
  industry: string;
  enterprises: number;
  participants: number;
  tiers: { takers: number; passed: number; failed: number }[];
}

/** 附件3 rows (12 industries + 合计) from the region × industry documents of one period. */
export function annex3Rows(docs: { industry?: string; counters: OvCounters }[]): Annex3Row[] {
  const rows = new Map<string, Annex3Row>(ANNEX3_ROWS.map((l) => [l, { industry: l, enterprises: 0, participants: 0, tiers: ANNEX3_TIERS.map(() => ({ takers: 0, passed: 0, failed: 0 })) }]));
  for (const d of docs) {
    const row = rows.get(ANNEX3_ROW_OF[d.industry ?? ''] ?? '其 他')!;
    const c = d.counters;
    row.enterprises += c.enterprises ?? 0;
    row.participants += c.learners ?? 0;
    ANNEX3_TIERS.forEach((t, i) => {
      for (const tier of t.tiers) {
        row.tiers[i].takers += c[`examTakers_${tier}`] ?? 0;
        row.tiers[i].passed += c[`examPassed_${tier}`] ?? 0;
        row.tiers[i].failed += c[`examFailed_${tier}`] ?? 0;
      }
    });
  }
  const list = [...rows.values()];
  const total: Annex3Row = { industry: ANNEX3_TOTAL, enterprises: 0, participants: 0, tiers: ANNEX3_TIERS.map(() => ({ takers: 0, passed: 0, failed: 0 })) };
  for (const r of list) {
    total.enterprises += r.enterprises;
    total.participants += r.participants;
    r.tiers.forEach((t, i) => ((total.tiers[i].takers += t.takers), (total.tiers[i].passed += t.passed), (total.tiers[i].failed += t.failed)));
  }
  return [...list, total];
}

export const ANNEX3_HEADER: Cell[][] = [
  ['行业门类', '企业数量', '参加人数', '企业组织考试', null, null, '县（市、区）组织考试', null, null, '全省大统考', null, null],
  [null, null, null, '考试人数', '及格人数', '不及格人数', '考试人数', '及格人数', '不及格人数', '考试人数', '及格人数', '不及格人数'],
];
export const ANNEX_FOOTER = ['填报单位（盖章）：', '审核人：', '填报人：', '联系电话：'];

export function annex3Sheet(rows: Annex3Row[], scopeLine: string): ReportSheet {
  return {
    name: '附件3',
    titles: ['附件3', '专项行动执行情况汇总表', scopeLine],
    header: ANNEX3_HEADER,
    headerMerges: [
      { s: { r: 0, c: 0 }, e: { r: 1, c: 0 } },
      { s: { r: 0, c: 1 }, e: { r: 1, c: 1 } },
      { s: { r: 0, c: 2 }, e: { r: 1, c: 2 } },
      { s: { r: 0, c: 3 }, e: { r: 0, c: 5 } },
      { s: { r: 0, c: 6 }, e: { r: 0, c: 8 } },
      { s: { r: 0, c: 9 }, e: { r: 0, c: 11 } },
    ],
    columns: [{ width: 12, kind: 'text' }, ...Array.from({ length: 11 }, () => ({ width: 10, kind: 'int' as const }))],
    rows: rows.map((r) => [r.industry, r.enterprises, r.participants, ...r.tiers.flatMap((t) => [t.takers, t.passed, t.failed])]),
    footer: [...ANNEX_FOOTER, '备注：本表由各县（市、区）填报，市应急局汇总，报省应急厅。参加人数为参加学习的人员数；市级组织的考试计入县（市、区）组织考试。'],
  };
}

// ------------------------------------------------------------------ 附件4

export type Annex4Mark = 'absent' | 'cheating';
/** One attempt's score cell: a score, 缺考, 作弊, or blank (no such attempt). */
export type Annex4Score = number | '缺考' | '作弊' | null;

export interface Annex4Row {
  personId: string;
  name: string;
  county: string;
  enterprise: string;
  /** 人员类型（具体职务）: the post category with the post, as the seed's 主要负责人（具体职务 XX）. */
  personType: string;
  initial: Annex4Score;
  retake: Annex4Score;
  remark: string;
  outcome: 'failed' | 'absent' | 'cheating';
}

export const personTypeLabel = (postCategory: string | null | undefined, post: string | null | undefined): string => {
  const cat = postCategory ? labelOf(POST_CATEGORIES, postCategory) : '从业人员';
  return post && post.trim() ? `${cat}（${post.trim()}）` : cat;
};

interface AttemptLike {
  attemptNo: number;
  status: string;
  result?: { score: number; passed: boolean } | null;
  cheating?: unknown;
}

/**
 * 初考 / 补考 cells of a person from its attempts: attempt 1 is the 初考, the last later one the
 * 补考. A marked attempt reads 作弊; no attempt at all reads 缺考 (after close); a 补考 that was never
 * taken is 缺考 only if the person failed the 初考 and the exam allowed one (`retakeAllowed`).
 */
export function annex4Scores(attempts: AttemptLike[], retakeAllowed: boolean): { initial: Annex4Score; retake: Annex4Score; remark: string } {
  const cell = (a: AttemptLike | undefined): Annex4Score => (!a ? null : a.cheating ? '作弊' : a.result ? a.result.score : null);
  const sorted = [...attempts].sort((a, b) => a.attemptNo - b.attemptNo);
  if (!sorted.length) return { initial: '缺考', retake: retakeAllowed ? '缺考' : null, remark: '缺考' };
  const first = sorted[0];
  const later = sorted.length > 1 ? sorted[sorted.length - 1] : undefined;
  const initial = cell(first);
  const retake = later ? cell(later) : initial === '作弊' || !retakeAllowed ? null : '缺考';
  const remark = initial === '作弊' || retake === '作弊' ? '作弊' : retake === '缺考' ? '补考缺考' : '';
  return { initial, retake, remark };
}

export const ANNEX4_HEADER = ['姓名', '县（市、区）', '企业名称', '人员类型', '初考分数', '补考分数', '备注'] as const;

export function annex4Sheet(rows: Annex4Row[], title: string, scopeLine: string): ReportSheet {
  return {
    name: '附件4',
    titles: ['附件4', title, scopeLine],
    header: [[...ANNEX4_HEADER]],
    columns: [
      { width: 10, kind: 'text' },
      { width: 14, kind: 'text' },
      { width: 30, kind: 'text' },
      { width: 24, kind: 'text' },
      { width: 10, kind: 'decimal' },
      { width: 10, kind: 'decimal' },
      { width: 12, kind: 'text' },
    ],
    rows: rows.map((r) => [r.name, r.county, r.enterprise, r.personType, r.initial, r.retake, r.remark]),
    footer: [...ANNEX_FOOTER, '备注：缺考的在当次考试分数中备注“缺考”；作弊的在当次考试分数中备注“作弊”。'],
  };
}

export const ANNEX4_TITLE = '安全生产法律法规大考试不及格人员名单';

export const industryName = (code: string) => labelOf(INDUSTRIES, code);
