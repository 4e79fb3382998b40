/**
 * 成绩上传: enterprises that held an exam offline upload the scores (xlsx: 身份证号码, 成绩, 考试日期,
 * 考试名称) into the persons' records, marked as uploaded. Pure row mapping, like the question
 * import: the caller parses the sheet into arrays and decides, per ID number, whether the person is
 * its own current staff.
 */
import type { ImportProblem } from '../contracts/imports';
import { checkIdNumber, ID_NUMBER_PROBLEM_ZH } from '../idNumber';
import { hashKey } from '../random';
import { hasUnsafeChars, normalizeCell } from '../text';
import { cents, fromCents } from './basics';

export const SCORE_UPLOAD_MAX_ROWS = 5000;
export const SCORE_TEMPLATE_FILE_NAME = '考试成绩上传模板.xlsx';

type ScoreColumnKey = 'idNumber' | 'name' | 'score' | 'date' | 'exam';
export const SCORE_UPLOAD_COLUMNS: readonly { key: ScoreColumnKey; label: string; required: boolean; example: string; hint: string }[] = [
  { key: 'idNumber', label: '身份证号码', required: true, example: '', hint: '本企业在职员工的18位身份证号码' },
  { key: 'name', label: '姓名', required: false, example: '张三', hint: '便于核对，可不填' },
  { key: 'score', label: '成绩', required: true, example: '86', hint: '0至满分，可有一位小数' },
  { key: 'date', label: '考试日期', required: true, example: '2026-11-20', hint: '格式 YYYY-MM-DD' },
  { key: 'exam', label: '考试名称', required: true, example: '2026年度全员安全生产培训考试', hint: '2-60个字' },
];

export interface ScoreUploadRow {
  row: number;
  idNumber: string;
  name: string;
  score: number;
  passed: boolean;
  date: string;
  examTitle: string;
}

export type ScoreTableResult = { ok: true; total: number; rows: ScoreUploadRow[]; problems: ImportProblem[] } | { ok: false; code: 'SCORE_UPLOAD_INVALID' | 'IMPORT_TOO_LARGE'; reason: string };

const pad2 = (n: number) => String(n).padStart(2, '0');
function realDate(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d || y < 1990 || y > 2200) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** A date cell: Excel serial number (1900 system), Date, or typed 2026-11-20 / 2026/11/20 / 2026年11月20日 / 20261120. */
export function scoreDateCell(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) {
    if (v < 61 || v > 150000) return null;
    const t = new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86_400_000);
    return realDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  }
  if (v instanceof Date && !Number.isNaN(v.getTime())) return realDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  const s = normalizeCell(v);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? realDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** The uploaded result's `_id`: one per person, exam name and date (a re-upload replaces nothing and adds nothing). */
export const uploadedResultId = (personId: string, examTitle: string, date: string): string => `upl:${personId}:${hashKey(`${examTitle.replace(/\s+/g, '')}|${date}`)}`;

const isBlankRow = (r: readonly unknown[] | undefined) => !r || r.every((c) => normalizeCell(c) === '');

/**
 * Maps a sheet (row 0 = header) to score rows. Problems name the Excel row and column header; the
 * same person, exam and date twice in a file is a problem on the later row. `today` (Shanghai day,
 * YYYY-MM-DD) refuses exam dates in the future.
 */
export function mapScoreRows(table: readonly (readonly unknown[])[], opts: { fullScore: number; passScore: number; today: string }): ScoreTableResult {
  const header = (table[0] ?? []).map((h) => normalizeCell(h).replace(/[*\s]/g, ''));
  const col = new Map<ScoreColumnKey, number>();
  for (const c of SCORE_UPLOAD_COLUMNS) {
    const i = header.indexOf(c.label);
    if (i >= 0) col.set(c.key, i);
  }
  const missing = SCORE_UPLOAD_COLUMNS.filter((c) => c.required && !col.has(c.key)).map((c) => c.label);
  if (missing.length) return { ok: false, code: 'SCORE_UPLOAD_INVALID', reason: `缺少必填列：${missing.join('、')}（请使用下载的模板）` };
  let last = table.length - 1;
  while (last > 0 && isBlankRow(table[last])) last--;
  const data = table.slice(1, last + 1);
  const total = data.filter((r) => !isBlankRow(r)).length;
  if (total > SCORE_UPLOAD_MAX_ROWS) return { ok: false, code: 'IMPORT_TOO_LARGE', reason: `一次最多上传${SCORE_UPLOAD_MAX_ROWS}行，本文件有${total}行，请分批上传` };
  if (total === 0) return { ok: false, code: 'SCORE_UPLOAD_INVALID', reason: '文件中没有成绩数据（第2行起填写）' };

  const labelOf = new Map(SCORE_UPLOAD_COLUMNS.map((c) => [c.key, c.label]));
  const problems: ImportProblem[] = [];
  const rows: ScoreUploadRow[] = [];
  const firstRow = new Map<string, number>();
  data.forEach((r, i) => {
    if (isBlankRow(r)) return;
    const row = i + 2;
    const raw = (k: ScoreColumnKey) => (col.has(k) ? r[col.get(k)!] : undefined);
    const cell = (k: ScoreColumnKey) => normalizeCell(raw(k));
    const name = cell('name').slice(0, 30);
    let bad = false;
    const report = (k: ScoreColumnKey, reason: string) => {
      problems.push({ row, column: labelOf.get(k)!, reason, ...(name ? { name } : {}) });
      bad = true;
    };
    for (const c of SCORE_UPLOAD_COLUMNS) if (c.required && cell(c.key) === '') report(c.key, `${c.label}为必填项`);

    let idNumber = '';
    if (cell('idNumber')) {
      const id = checkIdNumber(cell('idNumber'), new Date(`${opts.today}T23:59:59+08:00`));
      if (id.ok) idNumber = id.value;
      else report('idNumber', ID_NUMBER_PROBLEM_ZH[id.problem]);
    }
    let score = NaN;
    if (cell('score')) {
      score = Number(cell('score'));
      if (!/^\d+(\.\d)?$/.test(cell('score')) || !Number.isFinite(score)) report('score', '成绩应为数字，最多一位小数');
      else if (score > opts.fullScore) report('score', `成绩不能超过满分${opts.fullScore}分`);
    }
    let date: string | null = null;
    if (cell('date')) {
      date = scoreDateCell(raw('date'));
      if (!date) report('date', '考试日期格式应为YYYY-MM-DD');
      else if (date > opts.today) report('date', '考试日期不能晚于今天');
    }
    const examTitle = cell('exam');
    if (examTitle && (examTitle.length < 2 || examTitle.length > 60 || hasUnsafeChars(examTitle))) report('exam', '考试名称应为2-60个字，且不能含不可见字符');
    if (bad || !date) return;
    const key = `${idNumber}|${examTitle.replace(/\s+/g, '')}|${date}`;
    const first = firstRow.get(key);
    if (first !== undefined) {
      report('idNumber', `与第${first}行重复（同一人、同一考试、同一日期）`);
      return;
    }
    firstRow.set(key, row);
    const s = fromCents(cents(score));
    rows.push({ row, idNumber, name, score: s, passed: cents(s) >= cents(opts.passScore), date, examTitle });
  });
  return { ok: true, total, rows, problems };
}
