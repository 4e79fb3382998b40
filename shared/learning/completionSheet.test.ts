import * as XLSX from 'xlsx';
import { completionSheetBytes, COMPLETION_HEADER } from './completionSheet';
import type { CompletionRow } from '../contracts/courses';

const row = (p: Partial<CompletionRow>): CompletionRow => ({
  personId: 'p1',
  name: '张三',
  idMasked: '3704**********123X',
  departmentId: null,
  departmentName: null,
  postCategory: 'safetyManager',
  status: 'inProgress',
  progress: 0.456,
  creditedSeconds: 1830,
  completedAt: null,
  ...p,
});

it('writes one row per employee with readable labels, formulas neutralised', () => {
  const bytes = completionSheetBytes('有限空间作业安全: 第[1]讲', [
    row({}),
    row({ personId: 'p2', name: '=HYPERLINK("x")', status: 'done', progress: 1, completedAt: '2026-11-02T17:00:00.000Z', departmentName: '生产部' }),
  ]);
  const wb = XLSX.read(bytes, { type: 'array' });
  expect(wb.SheetNames[0]).toBe('有限空间作业安全  第 1 讲');
  const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]], { header: 1 });
  expect(rows[0]).toEqual([...COMPLETION_HEADER]);
  expect(rows[1]).toEqual(['张三', '3704**********123X', '未分配', '安全管理人员', '学习中', '46%', '30', '']);
  expect(rows[2]).toEqual([`'=HYPERLINK("x")`, '3704**********123X', '生产部', '安全管理人员', '已完成', '100%', '30', '2026-11-03']);
});
