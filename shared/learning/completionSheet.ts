import * as XLSX from 'xlsx';
import type { CompletionRow, CompletionStatus } from '../contracts/courses';
import { POST_CATEGORIES, labelOf } from '../taxonomy';
import { neutraliseFormula } from '../credentialsSheet';
import { shanghaiDay } from '../calendar';

export const COMPLETION_STATUS_ZH: Record<CompletionStatus, string> = { done: '已完成', inProgress: '学习中', notStarted: '未开始' };
export const COMPLETION_HEADER = ['姓名', '身份证号', '部门', '岗位分类', '状态', '进度', '已学时长（分钟）', '完成时间'] as const;

/**
 * 课程中心 export: one course's completion per employee as an .xlsx workbook. Every cell a string
 * (names typed by people cannot become formulas); the console loads this module lazily.
 */
export function completionSheetBytes(courseTitle: string, rows: readonly CompletionRow[]): Uint8Array {
  const aoa = [
    [...COMPLETION_HEADER],
    ...rows.map((r) => [
      neutraliseFormula(r.name),
      neutraliseFormula(r.idMasked),
      neutraliseFormula(r.departmentName ?? '未分配'),
      labelOf(POST_CATEGORIES, r.postCategory),
      COMPLETION_STATUS_ZH[r.status],
      `${Math.round(Math.max(0, Math.min(1, r.progress)) * 100)}%`,
      String(Math.floor(r.creditedSeconds / 60)),
      r.completedAt ? shanghaiDay(r.completedAt) : '',
    ]),
  ];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!cols'] = [{ wch: 10 }, { wch: 22 }, { wch: 14 }, { wch: 14 }, { wch: 8 }, { wch: 8 }, { wch: 16 }, { wch: 12 }];
  const wb = XLSX.utils.book_new();
  // Sheet names: ≤ 31 characters, none of []:*?/\ .
  XLSX.utils.book_append_sheet(wb, ws, courseTitle.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || '完成情况');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}
