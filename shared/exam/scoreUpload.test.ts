import { makeIdNumber } from '../idNumber';
import { SCORE_UPLOAD_COLUMNS, mapScoreRows, scoreDateCell, uploadedResultId } from './scoreUpload';

const header = SCORE_UPLOAD_COLUMNS.map((c) => (c.required ? `${c.label}*` : c.label));
const id1 = makeIdNumber('370481', '19900101', '123');
const id2 = makeIdNumber('370481', '19851231', '456');
const opts = { fullScore: 100, passScore: 80, today: '2026-12-02' };

describe('score upload rows', () => {
  it('maps good rows (pass by the pass mark) and reports bad ones by row and column', () => {
    const r = mapScoreRows(
      [
        header,
        [id1, '张三', '86', '2026-11-20', '年度考试'],
        [id2, '李四', 79.5, 46346, '年度考试'],
        [id1.slice(0, 17) + (id1[17] === '0' ? '1' : '0'), '王五', '90', '2026-11-20', '年度考试'],
        [id2, '李四', '101', '2026/11/20', '年度考试'],
        [id2, '李四', '60', '2026-12-03', '年度考试'],
        [id1, '张三', '70', '2026年11月20日', '年度考试'],
        ['', '', '', '', ''],
        [id2, '', '', '2026-11-20', ''],
      ],
      opts,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.total).toBe(7);
    expect(r.rows).toEqual([
      { row: 2, idNumber: id1, name: '张三', score: 86, passed: true, date: '2026-11-20', examTitle: '年度考试' },
      { row: 3, idNumber: id2, name: '李四', score: 79.5, passed: false, date: '2026-11-20', examTitle: '年度考试' },
    ]);
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [4, '身份证号码'],
      [5, '成绩'],
      [6, '考试日期'],
      [7, '身份证号码'],
      [9, '成绩'],
      [9, '考试名称'],
    ]);
    expect(r.problems[3].reason).toContain('与第2行重复');
    expect(r.problems[0].name).toBe('王五');
  });
  it('refuses a sheet without the required columns', () => {
    expect(mapScoreRows([['姓名', '成绩']], opts)).toMatchObject({ ok: false, code: 'SCORE_UPLOAD_INVALID' });
  });
  it('dates: serials, typed spellings, impossible dates', () => {
    expect(scoreDateCell(46346)).toBe('2026-11-20');
    expect(scoreDateCell('20261120')).toBe('2026-11-20');
    expect(scoreDateCell('2026-02-30')).toBeNull();
  });
  it('one uploaded result per person, exam and date', () => {
    expect(uploadedResultId('p1', '年度 考试', '2026-11-20')).toBe(uploadedResultId('p1', '年度考试', '2026-11-20'));
    expect(uploadedResultId('p1', '年度考试', '2026-11-21')).not.toBe(uploadedResultId('p1', '年度考试', '2026-11-20'));
  });
});
