/**
 * The console's exam workbooks: 考试结果 export and the 成绩上传 template. Every exported cell is a
 * string with formula-looking text neutralised (names and enterprise names are typed by people).
 * Loaded lazily by the console (SheetJS stays out of the pages' first chunk).
 */
import * as XLSX from 'xlsx';
import type { ResultRow } from '../contracts/exam';
import { neutraliseFormula } from '../credentialsSheet';
import { shanghai } from '../calendar';
import { POST_CATEGORIES, labelOf } from '../taxonomy';
import { PERSON_OUTCOME_ZH } from './attemptState';
import { SCORE_UPLOAD_COLUMNS } from './scoreUpload';

export const RESULTS_HEADER = ['姓名', '身份证号', '企业', '部门', '岗位分类', '考试结果', '成绩', '考试次数', '交卷时间', '来源', '作弊原因'] as const;

const sheetName = (title: string, fallback: string) => title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || fallback;
const text = (v: string | null | undefined) => neutraliseFormula(v ?? '');

export function resultsSheetRows(rows: readonly ResultRow[]): string[][] {
  return [
    [...RESULTS_HEADER],
    ...rows.map((r) => [
      text(r.name),
      text(r.idMasked),
      text(r.enterpriseName),
      text(r.departmentName ?? ''),
      labelOf(POST_CATEGORIES, r.postCategory),
      PERSON_OUTCOME_ZH[r.outcome],
      r.score === null ? '' : String(r.score),
      String(r.attempts),
      r.lastSubmittedAt ? shanghai(r.lastSubmittedAt).format('YYYY-MM-DD HH:mm') : '',
      r.source === 'uploaded' ? '线下上传' : '线上考试',
      text(r.cheating?.reason ?? ''),
    ]),
  ];
}

/** 考试结果 of one exam (the rows of the current filter) as an .xlsx workbook. */
export function resultsSheetBytes(examTitle: string, rows: readonly ResultRow[]): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet(resultsSheetRows(rows));
  ws['!cols'] = [{ wch: 10 }, { wch: 22 }, { wch: 28 }, { wch: 14 }, { wch: 14 }, { wch: 8 }, { wch: 8 }, { wch: 8 }, { wch: 18 }, { wch: 10 }, { wch: 30 }];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheetName(examTitle, '考试结果'));
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

/** The 成绩上传 template: header row, an example row (ID numbers as text, or Excel rounds them), a guide sheet. */
export function scoreTemplateBytes(): Uint8Array {
  const header = SCORE_UPLOAD_COLUMNS.map((c) => c.label);
  const ws = XLSX.utils.aoa_to_sheet([header, SCORE_UPLOAD_COLUMNS.map((c) => c.example)]);
  const idCol = SCORE_UPLOAD_COLUMNS.findIndex((c) => c.key === 'idNumber');
  for (let r = 0; r < 200; r++) {
    const ref = XLSX.utils.encode_cell({ r: r + 1, c: idCol });
    ws[ref] = { t: 's', v: String(ws[ref]?.v ?? ''), z: '@' };
  }
  ws['!cols'] = SCORE_UPLOAD_COLUMNS.map((c) => ({ wch: c.key === 'idNumber' ? 24 : c.key === 'exam' ? 32 : 12 }));
  const guide = [['列名', '是否必填', '填写要求'], ...SCORE_UPLOAD_COLUMNS.map((c) => [c.label, c.required ? '必填' : '选填', c.hint])];
  guide.push([], ['说明', '', '第1行为表头，请勿修改；第2行为示例，上传前请删除或替换。仅本企业在职员工的成绩会写入；同一人、同一考试名称、同一日期只记一次。']);
  const guideWs = XLSX.utils.aoa_to_sheet(guide);
  guideWs['!cols'] = [{ wch: 12 }, { wch: 10 }, { wch: 70 }];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '考试成绩');
  XLSX.utils.book_append_sheet(wb, guideWs, '填写说明');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}
