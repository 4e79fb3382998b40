import { strFromU8, unzipSync } from 'fflate';
import * as XLSX from 'xlsx';
import {
  ANNEX3_HEADER,
  annex3Rows,
  annex3Sheet,
  ANNEX4_HEADER,
  annex4Scores,
  annex4Sheet,
  ANNEX4_TITLE,
  asOfEnd,
  bottomRanked,
  periodReportSheets,
  periodsSince,
  previousPeriod,
  reportFigures,
  rowFromDocs,
  type PeriodReport,
} from './report';
import { reportWorkbookBytes } from './reportXlsx';

const read = (bytes: Uint8Array) => XLSX.read(bytes, { type: 'array' });
const aoa = (wb: XLSX.WorkBook, name: string) => XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name], { header: 1, defval: null, raw: true });

describe('periods', () => {
  it('previous / since: ISO weeks across a year, months across a year', () => {
    expect(previousPeriod('week', '2026-W01')).toBe('2025-W52');
    expect(previousPeriod('month', '2026-01')).toBe('2025-12');
    const now = new Date('2026-12-02T04:00:00Z'); // Wednesday of 2026-W49
    expect(periodsSince('week', '2026-W47', now)).toEqual(['2026-W47', '2026-W48', '2026-W49']);
    expect(periodsSince('month', '2026-11', now)).toEqual(['2026-11', '2026-12']);
  });
});

describe('report figures (hand-computed)', () => {
  // A county now: 10 enterprises, 200 persons, 150 exam takers of whom 120 passed (province tier).
  const all = { enterprises: 10, persons: 200, examTakers_province: 150, examPassed_province: 120, examFailed_province: 30, learners: 999 };
  // This week (W49, current): +2 enterprises, +20 persons, 80 learners, +50 takers / +45 passed.
  const w49 = { enterprises: 2, persons: 20, learners: 80, examTakers_province: 50, examPassed_province: 45, examFailed_province: 5 };
  // Last week (W48): 60 learners.
  const w48 = { enterprises: 1, persons: 10, learners: 60 };
  const docs: Record<string, object> = { all, 'w2026-W49': w49, 'w2026-W48': w48 };

  it('asOfEnd subtracts the later periods (learners excepted)', () => {
    expect(asOfEnd(all, [w49])).toMatchObject({ enterprises: 8, persons: 180, examTakers_province: 100, examPassed_province: 75 });
    expect(asOfEnd(all, [w49])).not.toHaveProperty('learners');
  });

  it('rates of the current week and the change from last week', () => {
    const row = rowFromDocs('week', '370481', '滕州市', ['2026-W48', '2026-W49'], (p) => docs[p] as never, { cur: { enterprises: 20, insured: 400 }, prev: { enterprises: 20, insured: 400 } });
    // This week: 10/20 = 50 %; 200/400 = 50 %; study 80/200 = 40 %; exam 150/200 = 75 %; pass 120/150 = 80 %.
    expect(row.cur).toMatchObject({ enterprises: 10, persons: 200, enterpriseRate: 0.5, personRate: 0.5, learners: 80, studyRate: 0.4, examRate: 0.75, passRate: 0.8 });
    // Last week: 8/20 = 40 %; 180/400 = 45 %; 60/180 = 33.33 %; 100/180 = 55.56 %; 75/100 = 75 %.
    expect(row.prev).toMatchObject({ enterprises: 8, persons: 180, enterpriseRate: 0.4, personRate: 0.45, studyRate: 0.3333, examRate: 0.5556, passRate: 0.75 });
    expect(row.change).toEqual({ enterpriseRate: 0.1, personRate: 0.05, studyRate: 0.0667, examRate: 0.1944, passRate: 0.05 });
  });

  it('a past week subtracts every later week', () => {
    const row = rowFromDocs('week', 'x', 'x', ['2026-W47', '2026-W48', '2026-W49'], (p) => docs[p] as never, { cur: null, prev: null });
    expect(row.cur).toMatchObject({ enterprises: 8, persons: 180, learners: 60, enterpriseRate: null, personRate: null });
    expect(row.prev).toMatchObject({ enterprises: 7, persons: 170, learners: 0 });
    expect(row.change.enterpriseRate).toBeNull();
  });

  it('bottom ranking skips small enterprises and rows without the rate', () => {
    const f = (persons: number, learners: number) => reportFigures({ persons }, { learners }, null);
    const rows = [
      { key: 'a', name: '甲', cur: f(100, 90), prev: f(100, 90), change: {} as never },
      { key: 'b', name: '乙', cur: f(3, 0), prev: f(3, 0), change: {} as never },
      { key: 'c', name: '丙', cur: f(50, 5), prev: f(50, 5), change: {} as never },
    ];
    expect(bottomRanked(rows, 'studyRate', 2, 5).map((r) => r.key)).toEqual(['c', 'a']);
    expect(bottomRanked(rows, 'personRate', 2)).toEqual([]);
  });
});

describe('附件3', () => {
  it('rows and header equal the seed; industries fold into its rows; 合计 sums them', () => {
    const rows = annex3Rows([
      { industry: 'nonCoalMine', counters: { enterprises: 3, learners: 40, examTakers_enterprise: 30, examPassed_enterprise: 28, examFailed_enterprise: 2, examTakers_province: 35, examPassed_province: 33, examFailed_province: 2 } },
      { industry: 'metalSmelting', counters: { enterprises: 1, learners: 5, examTakers_county: 5, examPassed_county: 4, examFailed_county: 1 } },
      { industry: 'metallurgy', counters: { enterprises: 2, learners: 10, examTakers_city: 6, examPassed_city: 6 } },
      { industry: 'construction', counters: { enterprises: 4, learners: 7 } },
    ]);
    expect(rows.map((r) => r.industry)).toEqual(['非煤矿山', '危化品', '烟花爆竹', '冶 金', '有 色', '建 材', '机 械', '轻 工', '纺 织', '烟 草', '商 贸', '其 他', '合 计']);
    expect(rows[0]).toEqual({ industry: '非煤矿山', enterprises: 3, participants: 40, tiers: [{ takers: 30, passed: 28, failed: 2 }, { takers: 0, passed: 0, failed: 0 }, { takers: 35, passed: 33, failed: 2 }] });
    // 冶金 = metallurgy + 金属冶炼; the city's exam counts in the 县（市、区） column.
    expect(rows[3]).toEqual({ industry: '冶 金', enterprises: 3, participants: 15, tiers: [{ takers: 0, passed: 0, failed: 0 }, { takers: 11, passed: 10, failed: 1 }, { takers: 0, passed: 0, failed: 0 }] });
    expect(rows[11]).toMatchObject({ industry: '其 他', enterprises: 4, participants: 7 });
    expect(rows[12]).toEqual({ industry: '合 计', enterprises: 10, participants: 62, tiers: [{ takers: 30, passed: 28, failed: 2 }, { takers: 11, passed: 10, failed: 1 }, { takers: 35, passed: 33, failed: 2 }] });

    const wb = read(reportWorkbookBytes([annex3Sheet(rows, '滕州市　累计')]));
    const t = aoa(wb, '附件3');
    expect(t[0][0]).toBe('附件3');
    expect(t[1][0]).toBe('专项行动执行情况汇总表');
    expect(t[3]).toEqual(['行业门类', '企业数量', '参加人数', '企业组织考试', '', '', '县（市、区）组织考试', '', '', '全省大统考', '', '']);
    expect(t[4]).toEqual(['', '', '', '考试人数', '及格人数', '不及格人数', '考试人数', '及格人数', '不及格人数', '考试人数', '及格人数', '不及格人数']);
    expect(ANNEX3_HEADER[1].slice(3)).toEqual(t[4].slice(3));
    expect(t[5]).toEqual(['非煤矿山', 3, 40, 30, 28, 2, 0, 0, 0, 35, 33, 2]);
    expect(t[17]).toEqual(['合 计', 10, 62, 30, 28, 2, 11, 10, 1, 35, 33, 2]);
    expect(t.slice(19).map((r) => r[0])).toEqual(['填报单位（盖章）：', '审核人：', '填报人：', '联系电话：', expect.stringContaining('备注：本表由各县（市、区）填报，市应急局汇总，报省应急厅。')]);
    const merges = wb.Sheets['附件3']['!merges']!.map((m) => XLSX.utils.encode_range(m));
    expect(merges).toEqual(expect.arrayContaining(['A1:L1', 'A2:L2', 'A4:A5', 'B4:B5', 'C4:C5', 'D4:F4', 'G4:I4', 'J4:L4']));
  });
});

describe('附件4', () => {
  const att = (attemptNo: number, score: number | null, cheating = false) => ({ attemptNo, status: 'graded', result: score == null ? null : { score, passed: score >= 80 }, cheating: cheating ? { reason: 'x' } : null });
  it('初考 / 补考 cells as the seed: scores, 缺考, 作弊', () => {
    expect(annex4Scores([att(1, 55), att(2, 70)], true)).toEqual({ initial: 55, retake: 70, remark: '' });
    expect(annex4Scores([], true)).toEqual({ initial: '缺考', retake: '缺考', remark: '缺考' });
    expect(annex4Scores([att(1, 55)], true)).toEqual({ initial: 55, retake: '缺考', remark: '补考缺考' });
    expect(annex4Scores([att(1, 55)], false)).toEqual({ initial: 55, retake: null, remark: '' });
    expect(annex4Scores([att(1, 30, true)], true)).toEqual({ initial: '作弊', retake: null, remark: '作弊' });
    expect(annex4Scores([att(1, 60), att(2, 10, true)], true)).toEqual({ initial: 60, retake: '作弊', remark: '作弊' });
  });

  it('the sheet: the seed columns, scores as numbers, 缺考 / 作弊 as text, names neutralised', () => {
    const sheet = annex4Sheet(
      [
        { personId: 'p1', name: '张三', county: '滕州市', enterprise: '=HYPERLINK("x")', personType: '主要负责人（总经理）', initial: 55, retake: 70, remark: '', outcome: 'failed' },
        { personId: 'p2', name: '李四', county: '滕州市', enterprise: '某公司', personType: '安全管理人员', initial: '缺考', retake: '缺考', remark: '缺考', outcome: 'absent' },
        { personId: 'p3', name: '王五', county: '滕州市', enterprise: '某公司', personType: '从业人员', initial: '作弊', retake: null, remark: '作弊', outcome: 'cheating' },
      ],
      ANNEX4_TITLE,
      '考试：x',
    );
    const wb = read(reportWorkbookBytes([sheet]));
    const t = aoa(wb, '附件4');
    expect(t[1][0]).toBe('安全生产法律法规大考试不及格人员名单');
    expect(t[3]).toEqual([...ANNEX4_HEADER]);
    expect(t[3]).toEqual(['姓名', '县（市、区）', '企业名称', '人员类型', '初考分数', '补考分数', '备注']);
    expect(t[4]).toEqual(['张三', '滕州市', `'=HYPERLINK("x")`, '主要负责人（总经理）', 55, 70, '']);
    expect(t[5]).toEqual(['李四', '滕州市', '某公司', '安全管理人员', '缺考', '缺考', '缺考']);
    expect(t[6].slice(4)).toEqual(['作弊', '', '作弊']);
    expect(Object.values(wb.Sheets['附件4']).some((c) => typeof c === 'object' && c && 'f' in c)).toBe(false);
  });
});

describe('周通报 workbook', () => {
  it('sheets, two header rows with merged groups, percentages as numbers in a % format, the header frozen and styled', () => {
    const f = reportFigures({ enterprises: 10, persons: 200, examTakers_province: 150, examPassed_province: 120 }, { learners: 80 }, { enterprises: 20, insured: 400 });
    const row = { key: '370481001', name: '=1+1', cur: f, prev: f, change: { enterpriseRate: 0.1, personRate: null, studyRate: 0, examRate: 0, passRate: 0 } };
    const r: PeriodReport = { kind: 'week', period: '2026-W49', previous: '2026-W48', scope: { regionCode: '370481', name: '滕州市', level: 'county' }, baselinePeriod: '2026-12', total: row, regions: [row], industries: [], enterprises: [], bottomRegions: [], bottomEnterprises: [], enterprisesTruncated: false };
    const bytes = reportWorkbookBytes(periodReportSheets(r));
    const wb = read(bytes);
    expect(wb.SheetNames).toEqual(['分地区', '分行业', '排名靠后地区', '排名靠后企业']);
    const t = aoa(wb, '分地区');
    expect(t[0][0]).toBe('安全生产学习注册、学习、考试情况周通报');
    expect(t[2].filter(Boolean)).toEqual(['地区', '注册情况', '学习情况', '考试情况', '较上期变化（百分点）']);
    expect(t[3].slice(1, 7)).toEqual(['注册企业', '市场主体名单', '企业注册率', '注册人员', '参保人数', '人员注册率']);
    expect(t[4]).toEqual(["'=1+1", 10, 20, 0.5, 200, 400, 0.5, 80, 0.4, 150, 120, 0.75, 0.8, 0.1, '—', 0, 0, 0]);
    expect(t[5][0]).toBe('合计（滕州市）');
    const files = unzipSync(bytes);
    const xml = strFromU8(files['xl/worksheets/sheet1.xml']);
    expect(xml).toContain('<pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/>');
    expect(xml).toMatch(/<c r="A3" s="3"/); // header style
    expect(xml).toMatch(/<c r="D5" s="7"/); // percent style
    const styles = strFromU8(files['xl/styles.xml']);
    expect(styles).toContain('formatCode="0.0%"');
    expect(styles).toContain('<b/>');
  });
});
