import { exportSheetBytes } from '../baselineSheet';
import type { RankingRow } from '../contracts/oversight';
import { gradingTable, metricText, rankingTable } from './rankingSheets';

const row = (id: string, rank: number, score: number | null, name = `企业${id}`): RankingRow => ({
  rank, kind: 'enterprise', id, name, regionCode: '370481', persons: 20, value: 0.5, completionRate: 0.5, avgPoints: 12.5, passRate: 0.75,
  score: score == null ? null : { coverage: 1, completion: 0.5, pass: 0.75, activity: 0.6, score },
});

describe('ranking export tables', () => {
  it('a ranking: rank, name, figures, score for enterprises; title names metric, period and the staff rule', () => {
    const t = rankingTable({ scope: { id: '370481', name: '滕州市', level: 'county' }, level: 'enterprise', by: 'passRate', period: 'all', minStaff: 10 }, [row('A', 1, 70)]);
    expect(t.title).toBe('滕州市 企业排行榜（考试合格率，累计，在册不少于10人）');
    expect(t.rows).toEqual([[1, '企业A', 20, '50.0%', 12.5, '75.0%', 70]]);
    expect(t.header).toHaveLength(t.rows[0].length);
    const r = rankingTable({ scope: { id: '3704', name: '枣庄市', level: 'city' }, level: 'region', by: 'avgPoints', period: '2026-W49', minStaff: 10 }, [{ ...row('370481', 1, null, '滕州市'), kind: 'region' }]);
    expect(r.header).not.toContain('学习得分');
    expect(r.title).toBe('枣庄市 下级地区排行榜（人均积分，2026-W49）');
  });
  it('grading: by score desc, formula in the title; a formula-like name is neutralised in the sheet', () => {
    const t = gradingTable('滕州市', [row('B', 2, 40), row('A', 1, 80, '=HYPERLINK("x")')]);
    expect(t.rows.map((r) => r[1])).toEqual(['A', 'B']);
    expect(t.title).toContain('学习得分 = 30×注册覆盖率');
    const bytes = exportSheetBytes(t.title, t.header, t.rows, t.widths);
    expect(bytes.length).toBeGreaterThan(100);
    expect(metricText('avgPoints', 3)).toBe('3.0');
    expect(metricText('completionRate', 0.256)).toBe('25.6%');
  });
});
