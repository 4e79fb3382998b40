/**
 * The 题库 xlsx files the console writes: the import template (from QUESTION_IMPORT_COLUMNS) and a
 * bank's export (template rows from `exportQuestions`). Every cell is written as an explicit string
 * cell (`t: 's'`), so a stem such as "=1+1" or an option "-5℃" stays text and is never a formula in
 * Excel — and an export re-imports unchanged (no `'` prefix that would alter the content).
 * The console loads this module lazily (SheetJS stays out of the first load).
 */
import * as XLSX from 'xlsx';
import { QUESTION_TEMPLATE_COLUMNS, QUESTION_TEMPLATE_SHEET } from './questions';

export const QUESTION_GUIDE_SHEET = '填写说明';

/** The template's header row: labels, `*` on the required ones (the importer ignores the `*`). */
export const QUESTION_TEMPLATE_HEADER: readonly string[] = QUESTION_TEMPLATE_COLUMNS.map((c) => (c.required ? `${c.label}*` : c.label));

/** Example rows for the guide sheet (not the data sheet: examples there would be imported). */
const EXAMPLES: readonly (readonly string[])[] = [
  ['单选题', '进入施工现场必须（ ）。', '戴好安全帽', '穿拖鞋进入现场', '酒后作业', '无证操作', '', '', 'A', '从业人员应正确佩戴和使用劳动防护用品。', '易', '建筑施工', '', '劳动防护用品', '《安全生产法》第五十七条'],
  ['多选题', '有限空间作业应当遵循的原则有（ ）。', '先通风', '再检测', '后作业', '边作业边检测', '', '', 'ABC', '有限空间作业必须先通风、再检测、后作业。', '中', '', '', '有限空间', ''],
  ['判断题', '生产经营单位可以以货币形式替代发放劳动防护用品。', '', '', '', '', '', '', '错误', '劳动防护用品不得以货币或其他物品替代。', '易', '', '', '劳动防护用品', ''],
];

function stringSheet(rows: readonly (readonly string[])[], widths: readonly number[]): XLSX.WorkSheet {
  const ws: XLSX.WorkSheet = {};
  let maxCol = 0;
  rows.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v === '') return;
      ws[XLSX.utils.encode_cell({ r, c })] = { t: 's', v };
      maxCol = Math.max(maxCol, c);
    });
  });
  const cols = Math.max(maxCol + 1, rows[0]?.length ?? 1);
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, rows.length - 1), c: cols - 1 } });
  ws['!cols'] = widths.map((wch) => ({ wch }));
  return ws;
}

const WIDTHS = QUESTION_TEMPLATE_COLUMNS.map((c) => (c.key === 'stem' ? 40 : c.key === 'analysis' ? 36 : c.key.startsWith('option') ? 16 : c.key === 'lawRefs' ? 24 : 10));

const bytesOf = (wb: XLSX.WorkBook): Uint8Array => new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);

/** 题库导入模板.xlsx: sheet 试题 (header only, filled from row 2) and 填写说明 (each column's rule, examples). */
export function questionTemplateBytes(): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, stringSheet([QUESTION_TEMPLATE_HEADER], WIDTHS), QUESTION_TEMPLATE_SHEET);
  const guide = [
    ['列', '是否必填', '填写说明'],
    ...QUESTION_TEMPLATE_COLUMNS.map((c) => [c.label, c.required ? '必填' : '选填', c.hint]),
    [],
    ['示例（请在“试题”表中从第2行起填写，每行一道题）'],
    [...QUESTION_TEMPLATE_HEADER],
    ...EXAMPLES,
  ];
  XLSX.utils.book_append_sheet(wb, stringSheet(guide, [12, 10, 44, ...WIDTHS.slice(3)]), QUESTION_GUIDE_SHEET);
  return bytesOf(wb);
}

/** A bank's export: the template's columns, one row per current question (re-importable as is). */
export function questionExportBytes(header: readonly string[], rows: readonly (readonly string[])[]): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, stringSheet([header, ...rows], WIDTHS), QUESTION_TEMPLATE_SHEET);
  return bytesOf(wb);
}
