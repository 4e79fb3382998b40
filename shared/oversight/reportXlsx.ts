import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { neutraliseFormula } from '../credentialsSheet';

/**
 * Formatted report workbooks (周通报, 月报, 附件3, 附件4): merged title rows, merged multi-row
 * headers, styled header cells, percentages as numbers with a % format, a frozen header, footer
 * lines. SheetJS community edition writes neither styles nor panes, so the workbook it writes is
 * post-processed here (its styles.xml replaced, `s` indexes and a frozen pane added to each sheet).
 * Text cells pass through neutraliseFormula; numbers stay numbers.
 */

export type ColumnKind = 'text' | 'int' | 'decimal' | 'percent';
export type Cell = string | number | null;

export interface ReportSheet {
  /** Sheet tab name (≤ 31 characters; forbidden characters replaced). */
  name: string;
  /** Merged rows above the header (e.g. 附件3, the table title, the region and period). */
  titles: string[];
  /** One or more header rows; `null` cells are covered by a merge. */
  header: Cell[][];
  /** Merges inside the header, rows relative to the first header row. */
  headerMerges?: { s: { r: number; c: number }; e: { r: number; c: number } }[];
  columns: { width: number; kind: ColumnKind }[];
  rows: Cell[][];
  /** Lines below the table (填报单位（盖章）： …). */
  footer?: string[];
}

// Style indexes of the stylesheet below.
const S_TITLE = 1;
const S_SUBTITLE = 2;
const S_HEADER = 3;
const S_TEXT = 4;
const S_INT = 5;
const S_DECIMAL = 6;
const S_PERCENT = 7;
const S_FOOTER = 8;
const BODY_STYLE: Record<ColumnKind, number> = { text: S_TEXT, int: S_INT, decimal: S_DECIMAL, percent: S_PERCENT };

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="0.0"/></numFmts><fonts count="4"><font><sz val="11"/><name val="宋体"/><family val="2"/></font><font><b/><sz val="16"/><name val="宋体"/><family val="2"/></font><font><b/><sz val="11"/><name val="宋体"/><family val="2"/></font><font><sz val="11"/><color rgb="FF595959"/><name val="宋体"/><family val="2"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="9"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf><xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf><xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf><xf numFmtId="1" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="right" vertical="center"/></xf><xf numFmtId="165" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="right" vertical="center"/></xf><xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="right" vertical="center"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0"/></styleSheet>`;

const safeSheetName = (n: string) => n.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
const text = (v: Cell): Cell => (typeof v === 'number' ? v : v == null ? '' : neutraliseFormula(v));

/** Where each part of a sheet lands (rows, 0-based) — the tests and the styler share it. */
export function sheetLayout(s: ReportSheet): { titleRows: number; headerStart: number; bodyStart: number; footerStart: number; lastCol: number } {
  const titleRows = s.titles.length;
  const headerStart = titleRows;
  const bodyStart = headerStart + s.header.length;
  const footerStart = bodyStart + s.rows.length + (s.footer?.length ? 1 : 0);
  return { titleRows, headerStart, bodyStart, footerStart, lastCol: Math.max(0, s.columns.length - 1) };
}

/** The sheet as SheetJS builds it (values, merges, widths), before styling. */
export function buildWorksheet(s: ReportSheet): XLSX.WorkSheet {
  const L = sheetLayout(s);
  const aoa: Cell[][] = [
    ...s.titles.map((t) => [text(t)]),
    ...s.header.map((r) => r.map((v) => (v == null ? null : text(v)))),
    ...s.rows.map((r) => r.map((v, c) => (s.columns[c]?.kind === 'text' || typeof v !== 'number' ? text(v) : v))),
    ...(s.footer?.length ? [[], ...s.footer.map((f) => [text(f)])] : []),
  ];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!merges'] = [
    ...s.titles.map((_, r) => ({ s: { r, c: 0 }, e: { r, c: L.lastCol } })),
    ...(s.headerMerges ?? []).map((m) => ({ s: { r: m.s.r + L.headerStart, c: m.s.c }, e: { r: m.e.r + L.headerStart, c: m.e.c } })),
    ...(s.footer ?? []).map((_, i) => ({ s: { r: L.footerStart + i, c: 0 }, e: { r: L.footerStart + i, c: L.lastCol } })),
  ];
  ws['!cols'] = s.columns.map((c) => ({ wch: c.width }));
  // Header cells covered by a merge still get a border and fill: give them an empty value.
  for (let r = L.headerStart; r < L.bodyStart; r++)
    for (let c = 0; c <= L.lastCol; c++) {
      const a = XLSX.utils.encode_cell({ r, c });
      if (!ws[a]) ws[a] = { t: 's', v: '' };
    }
  for (let r = L.bodyStart; r < L.bodyStart + s.rows.length; r++)
    for (let c = 0; c <= L.lastCol; c++) {
      const a = XLSX.utils.encode_cell({ r, c });
      if (!ws[a]) ws[a] = { t: 's', v: '' };
    }
  const ref = XLSX.utils.decode_range(ws['!ref'] ?? 'A1');
  ref.e.c = Math.max(ref.e.c, L.lastCol);
  ws['!ref'] = XLSX.utils.encode_range(ref);
  return ws;
}

function styleOf(s: ReportSheet, r: number, c: number): number {
  const L = sheetLayout(s);
  if (r < L.titleRows) return r === 0 ? S_TITLE : S_SUBTITLE;
  if (r < L.bodyStart) return S_HEADER;
  if (r < L.bodyStart + s.rows.length) return BODY_STYLE[s.columns[c]?.kind ?? 'text'];
  return S_FOOTER;
}

/** Add `s="…"` to every cell of a sheet's XML and freeze the rows down to the header's last. */
function styleSheetXml(xml: string, s: ReportSheet): string {
  const L = sheetLayout(s);
  let out = xml.replace(/<c r="([A-Z]+)(\d+)"/g, (m, col: string, row: string) => {
    const { r, c } = XLSX.utils.decode_cell(`${col}${row}`);
    return `<c r="${col}${row}" s="${styleOf(s, r, c)}"`;
  });
  const top = XLSX.utils.encode_cell({ r: L.bodyStart, c: 0 });
  const pane = `<sheetView workbookViewId="0"><pane ySplit="${L.bodyStart}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView>`;
  out = out.replace(/<sheetViews>[\s\S]*?<\/sheetViews>/, `<sheetViews>${pane}</sheetViews>`);
  if (!out.includes('<sheetViews>')) out = out.replace('<sheetData', `<sheetViews>${pane}</sheetViews><sheetData`);
  // Taller title row.
  out = out.replace('<row r="1"', '<row r="1" ht="28" customHeight="1"');
  return out;
}

/** The workbook of some report sheets, formatted, as .xlsx bytes. */
export function reportWorkbookBytes(sheets: ReportSheet[]): Uint8Array {
  const wb = XLSX.utils.book_new();
  const used = new Set<string>();
  for (const s of sheets) {
    let name = safeSheetName(s.name);
    for (let i = 2; used.has(name); i++) name = safeSheetName(`${s.name.slice(0, 28)}${i}`);
    used.add(name);
    XLSX.utils.book_append_sheet(wb, buildWorksheet(s), name);
  }
  const raw = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
  const files = unzipSync(raw);
  files['xl/styles.xml'] = strToU8(STYLES);
  sheets.forEach((s, i) => {
    const path = `xl/worksheets/sheet${i + 1}.xml`;
    if (files[path]) files[path] = strToU8(styleSheetXml(strFromU8(files[path]), s));
  });
  return zipSync(files, { level: 6 });
}
