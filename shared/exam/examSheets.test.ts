import * as XLSX from 'xlsx';
import type { ResultRow } from '../contracts/exam';
import { resultsSheetBytes, resultsSheetRows, RESULTS_HEADER, scoreTemplateBytes } from './examSheets';
import { mapScoreRows } from './scoreUpload';

const row = (over: Partial<ResultRow> = {}): ResultRow => ({
  personId: 'p1',
  name: '张三',
  idMasked: '3704**********123X',
  enterpriseId: 'e1',
  enterpriseName: '滕州市安达矿业有限公司',
  departmentName: '安全科',
  postCategory: 'principal',
  outcome: 'passed',
  score: 86.5,
  attempts: 1,
  lastSubmittedAt: '2026-12-02T06:30:00.000Z',
  source: 'online',
  cheating: null,
  bestAttemptId: 'att:x:p1:1',
  ...over,
});

describe('考试结果 export', () => {
  it('writes one string row per person under the header, times in Shanghai', () => {
    const rows = resultsSheetRows([row(), row({ personId: 'p2', outcome: 'absent', score: null, attempts: 0, lastSubmittedAt: null, departmentName: null })]);
    expect(rows[0]).toEqual([...RESULTS_HEADER]);
    expect(rows[1]).toEqual(['张三', '3704**********123X', '滕州市安达矿业有限公司', '安全科', expect.any(String), '合格', '86.5', '1', '2026-12-02 14:30', '线上考试', '']);
    expect(rows[2].slice(5, 9)).toEqual(['缺考', '', '0', '']);
    for (const r of rows) for (const c of r) expect(typeof c).toBe('string');
  });

  it('neutralises formula-looking text typed by people', () => {
    const rows = resultsSheetRows([row({ name: '=HYPERLINK("http://x")', enterpriseName: '+1', departmentName: '@SUM(A1)', outcome: 'cheating', cheating: { reason: '-夹带', by: 'a', at: '2026-12-02T00:00:00Z' } })]);
    expect(rows[1][0]).toBe(`'=HYPERLINK("http://x")`);
    expect(rows[1][2]).toBe(`'+1`);
    expect(rows[1][3]).toBe(`'@SUM(A1)`);
    expect(rows[1][5]).toBe('作弊');
    expect(rows[1][10]).toBe(`'-夹带`);
  });

  it('is a readable workbook whose sheet name is the title made safe', () => {
    const wb = XLSX.read(resultsSheetBytes('2026年[全员]考试/第1场:正式考试超长标题超长标题超长标题', [row()]), { type: 'array' });
    expect(wb.SheetNames[0]).not.toMatch(/[[\]:*?/\\]/);
    expect(wb.SheetNames[0].length).toBeLessThanOrEqual(31);
    const data = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]], { header: 1 });
    expect(data[1][0]).toBe('张三');
    // No cell became a formula.
    expect(Object.values(wb.Sheets[wb.SheetNames[0]]).some((c) => c && typeof c === 'object' && 'f' in c)).toBe(false);
  });
});

describe('成绩上传 template', () => {
  it('has the columns the upload reads; its example row only lacks the ID number', () => {
    const wb = XLSX.read(scoreTemplateBytes(), { type: 'array' });
    const table = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, defval: '' });
    const r = mapScoreRows(table, { fullScore: 100, passScore: 80, today: '2026-12-02' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.problems.map((p) => p.column)).toEqual(['身份证号码']);
    expect(wb.SheetNames).toEqual(['考试成绩', '填写说明']);
  });
});
