import type { RankingRow, RankingsResult } from '../contracts/oversight';
import type { ExportTable } from './dashboardSheets';
import { percent } from './dashboardSheets';
import { RANKING_METRIC_ZH, SCORE_FORMULA_ZH, type RankingMetric } from './ranking';

/** A metric's value as shown (rates as percentages, points with one decimal). */
export const metricText = (by: RankingMetric, v: number): string => (by === 'avgPoints' ? v.toFixed(1) : percent(v));

const periodZh = (period: string) => (period === 'all' ? '累计' : period);

/** The ranking as an export table (all pages' rows, in rank order). */
export function rankingTable(r: Pick<RankingsResult, 'scope' | 'level' | 'by' | 'period' | 'minStaff'>, rows: readonly RankingRow[]): ExportTable {
  const ent = r.level === 'enterprise';
  return {
    title: `${r.scope.name} ${ent ? '企业' : '下级地区'}排行榜（${RANKING_METRIC_ZH[r.by]}，${periodZh(r.period)}${ent ? `，在册不少于${r.minStaff}人` : ''}）`,
    header: ['名次', '名称', '在册人数', '课程完成率', '人均积分', '考试合格率', ...(ent ? ['学习得分'] : [])],
    rows: rows.map((x) => [x.rank, x.name, x.persons, percent(x.completionRate), x.avgPoints, percent(x.passRate), ...(ent ? [x.score?.score ?? null] : [])]),
    widths: [6, 32, 10, 12, 10, 12, ...(ent ? [10] : [])],
  };
}

/** 企业评分 (grading input): the learning score and its parts per enterprise, the formula in the title row. */
export function gradingTable(scopeName: string, rows: readonly RankingRow[]): ExportTable {
  const sorted = [...rows].filter((x) => x.score).sort((a, b) => (b.score?.score ?? 0) - (a.score?.score ?? 0) || a.id.localeCompare(b.id));
  return {
    title: `${scopeName} 企业学习得分（${SCORE_FORMULA_ZH}）`,
    header: ['企业名称', '统一社会信用代码', '在册人数', '注册覆盖率', '课程完成度', '考试合格率', '学习活跃度', '学习得分'],
    rows: sorted.map((x) => [x.name, x.id, x.persons, percent(x.score!.coverage), percent(x.score!.completion), percent(x.score!.pass), percent(x.score!.activity), x.score!.score]),
    widths: [32, 22, 10, 12, 12, 12, 12, 10],
  };
}
