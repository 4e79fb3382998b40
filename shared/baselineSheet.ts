/**
 * 基础名单 files: the guarded reader (.xlsx or UTF-8 .csv), the templates and the export sheets.
 * SheetJS is large: only the console's baseline pages and the `imports` function import this.
 */
import * as XLSX from 'xlsx';
import { BASELINE_LIST_ZH, BASELINE_MAX_BYTES, BASELINE_MAX_ROWS, baselineColumns, validateBaselineTable, type BaselineList, type BaselineValidation } from './baselines';
import { neutraliseFormula } from './credentialsSheet';
import { readSheetTable, type SheetRead } from './staffImport';

/** Reads an untrusted .xlsx or UTF-8 .csv with the guarded reader. */
export function readBaselineSheet(data: Uint8Array | ArrayBuffer): SheetRead {
  return readSheetTable(data, { maxRows: BASELINE_MAX_ROWS, maxColumns: 20, maxBytes: BASELINE_MAX_BYTES, what: '名单数据', csv: true });
}

export function parseBaselineFile(data: Uint8Array | ArrayBuffer, list: BaselineList): BaselineValidation {
  const sheet = readBaselineSheet(data);
  if (!sheet.ok) return sheet;
  return validateBaselineTable(sheet.table, list);
}

/** The template: the list's sheet (header with * on required columns, one example row) and 填写说明. */
export function baselineTemplateBytes(list: BaselineList): Uint8Array {
  const columns = baselineColumns(list);
  const ws = XLSX.utils.aoa_to_sheet([columns.map((c) => (c.required ? `${c.label}*` : c.label)), columns.map((c) => c.example)]);
  // Codes stay text, or Excel turns 370481 into a number and a credit code into 9.1E+17.
  columns.forEach((c, i) => {
    if (c.key === 'creditCode' || c.key === 'region') ws[XLSX.utils.encode_cell({ r: 1, c: i })] = { t: 's', v: c.example, z: '@' };
  });
  ws['!cols'] = columns.map((c) => ({ wch: c.key === 'creditCode' ? 24 : c.key === 'name' ? 30 : 14 }));
  const guide = [['列名', '是否必填', '填写要求'], ...columns.map((c) => [c.label, c.required ? '必填' : '选填', c.hint])];
  guide.push([], ['说明', '', `第1行为表头，请勿修改；第2行为示例，导入前请删除或替换。每个文件最多${BASELINE_MAX_ROWS}行；名单按月份（统计期）导入，同一期重复导入同一企业会覆盖原数据，不会重复。`]);
  const guideWs = XLSX.utils.aoa_to_sheet(guide);
  guideWs['!cols'] = [{ wch: 18 }, { wch: 10 }, { wch: 90 }];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, BASELINE_LIST_ZH[list]);
  XLSX.utils.book_append_sheet(wb, guideWs, '填写说明');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

/** Writes header + rows as an .xlsx (tests and examples). */
export function baselineTableToXlsx(table: unknown[][], list: BaselineList = 'market'): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(table), BASELINE_LIST_ZH[list]);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

export const baselineHeader = (list: BaselineList): string[] => baselineColumns(list).map((c) => (c.required ? `${c.label}*` : c.label));

/**
 * An export sheet (名单比对, 基础名单): a merged title row, the header, then the rows. Text cells typed by people pass through neutraliseFormula; numbers stay numbers.
 */
export function exportSheetBytes(title: string, header: readonly string[], rows: readonly (readonly (string | number | null)[])[], widths?: number[]): Uint8Array {
  const aoa = [[neutraliseFormula(title)], [...header], ...rows.map((r) => r.map((v) => (typeof v === 'number' ? v : neutraliseFormula(v ?? ''))))];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: Math.max(0, header.length - 1) } }];
  if (widths) ws['!cols'] = widths.map((wch) => ({ wch }));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || '名单');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

