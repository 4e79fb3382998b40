import type { DashboardResult, OvFigures } from '../contracts/oversight';
import { COURSE_CATEGORY_ZH } from '../learning/labels';
import { INDUSTRIES, labelOf } from '../taxonomy';

/**
 * The dashboard's charts as export tables (title, header, rows): the console writes each with
 * baselineSheet.exportSheetBytes (title row merged, text cells neutralised, numbers kept numbers).
 * Pure, so the rows the console exports are the rows tested here.
 */
export interface ExportTable {
  title: string;
  header: string[];
  rows: (string | number | null)[][];
  widths: number[];
}

export const TIER_ZH = { enterprise: '企业组织', county: '县区组织', city: '市级组织', province: '全省统考' } as const;
export const percent = (r: number | null | undefined): string => (r == null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);
export const hours = (seconds: number): number => Math.round((seconds / 3600) * 10) / 10;

const FIG_HEADER = ['注册企业', '注册人员', '本周活跃学员', '本周学习时长（小时）', '累计完成课程', '考试参考人数', '考试合格率'];
const figRow = (t: OvFigures, w: OvFigures) => [t.enterprises, t.persons, w.learners, hours(w.onlineSeconds), t.completions, t.examTakers, percent(t.passRate)];

export function childrenTable(d: DashboardResult): ExportTable {
  return {
    title: `${d.scope.name} 下级地区及企业（${d.week}）`,
    header: ['名称', '类型', ...FIG_HEADER, '活跃率', '市场主体名单企业数', '参保人数'],
    rows: d.children.map((c) => [c.name, c.kind === 'region' ? '地区' : '企业', ...figRow(c.totals, c.week), percent(c.activeRate), c.baseline?.enterprises ?? null, c.baseline?.insured ?? null]),
    widths: [28, 8, 10, 10, 12, 16, 12, 12, 10, 8, 16, 10],
  };
}

export function trendTable(d: DashboardResult): ExportTable {
  return {
    title: `${d.scope.name} 近${d.trend.length}周趋势`,
    header: ['周', '活跃学员', '学习时长（小时）', '完成课程', '新增人员', '离职人员', '考试参考人数', '考试合格人数'],
    rows: d.trend.map((w) => [w.week, w.learners, hours(w.onlineSeconds), w.completions, w.joined, w.leavers, w.examTakers, w.examPassed]),
    widths: [12, 10, 16, 10, 10, 10, 14, 14],
  };
}

export function industryTable(d: DashboardResult): ExportTable {
  return {
    title: `${d.scope.name} 分行业统计（${d.week}）`,
    header: ['行业', ...FIG_HEADER],
    rows: d.industries.map((i) => [labelOf(INDUSTRIES, i.industry), ...figRow(i.totals, i.week)]),
    widths: [16, 10, 10, 12, 16, 12, 12, 10],
  };
}

export function courseTable(d: DashboardResult): ExportTable {
  return {
    title: `${d.scope.name} 课程学习情况`,
    header: ['课程', '类别', '发布单位', '学习人数', '完成人数', '完成率（占注册人员）'],
    rows: d.courses.map((c) => [c.title, c.category ? COURSE_CATEGORY_ZH[c.category] : '—', c.publisher ?? '—', c.learners, c.completions, percent(c.completionRate)]),
    widths: [30, 10, 14, 10, 10, 20],
  };
}

export function examTable(d: DashboardResult): ExportTable {
  return {
    title: `${d.scope.name} 考试情况`,
    header: ['考试层级', '参考人数', '合格人数', '不合格人数', '合格率'],
    rows: d.exams.map((e) => [TIER_ZH[e.tier], e.takers, e.passed, e.failed, percent(e.passRate)]),
    widths: [12, 10, 10, 12, 10],
  };
}
