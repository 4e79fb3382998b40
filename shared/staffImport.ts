/**
 * Bulk staff import (人员批量导入): the template, the safe parser and the row validator. Used twice —
 * in the console for instant feedback and in the `imports` function before anything is written —
 * so both sides report the same problems with the same row numbers. Only the console and the
 * `imports` function import this file (SheetJS is large; other bundles stay small).
 */
import * as XLSX from 'xlsx';
import type { ImportProblem } from './contracts/imports';
import type { Certificate } from './contracts/people';
import { checkIdNumber, ID_NUMBER_PROBLEM_ZH, makeIdNumber } from './idNumber';
import { hasUnsafeChars, normalizeCell, UNSAFE_TEXT_ZH } from './text';

export { normalizeCell };
import { checkZip } from './zipGuard';
import {
  CERTIFICATE_TYPES,
  EMPLOYMENT_TYPES,
  POST_CATEGORIES,
  type CertificateTypeCode,
  type EmploymentTypeCode,
  type PostCategoryCode,
} from './taxonomy';

export const IMPORT_MAX_ROWS = 5000;
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_COLUMNS = 20;
/**
 * What an .xlsx may hold once inflated (checked on the ZIP's declared sizes, then while inflating,
 * before SheetJS sees the file). A 5,000-row template file is about 2 MB of sheet XML; these limits
 * keep one parse under about 1 s and 100 MB.
 */
export const IMPORT_MAX_ZIP_ENTRIES = 200;
export const IMPORT_MAX_ENTRY_BYTES = 8 * 1024 * 1024;
export const IMPORT_MAX_INFLATED_BYTES = 16 * 1024 * 1024;
/** Shared strings cost far more to parse per byte than cells (one object per string). */
export const IMPORT_MAX_SHARED_STRINGS_BYTES = 4 * 1024 * 1024;
export const TEMPLATE_FILE_NAME = '员工导入模板.xlsx';
export const TEMPLATE_SHEET = '员工信息';

type ColumnKey =
  | 'name'
  | 'idNumber'
  | 'phone'
  | 'department'
  | 'postCategory'
  | 'employmentType'
  | 'certType'
  | 'certNumber'
  | 'certIssuedOn'
  | 'certExpiresOn';

export interface ImportColumn {
  key: ColumnKey;
  /** Header as shown (without the required marker); problems name columns by this label. */
  label: string;
  required: boolean;
  /** Allowed labels for list columns (the template's dropdowns). */
  options?: readonly string[];
  example: string;
  hint: string;
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'name', label: '姓名', required: true, example: '张三', hint: '2-30个字' },
  { key: 'idNumber', label: '身份证号码', required: true, example: makeIdNumber('370481', '19900101', '123'), hint: '18位居民身份证号码，请以文本格式填写' },
  { key: 'phone', label: '手机号码', required: false, example: '13800000000', hint: '11位手机号码，可不填' },
  { key: 'department', label: '部门', required: false, example: '', hint: '须与本企业已建部门名称一致，可不填' },
  { key: 'postCategory', label: '岗位分类', required: true, options: POST_CATEGORIES.map((p) => p.label), example: '其他从业人员', hint: '从下拉列表选择' },
  { key: 'employmentType', label: '用工形式', required: true, options: EMPLOYMENT_TYPES.map((p) => p.label), example: '正式员工', hint: '从下拉列表选择' },
  { key: 'certType', label: '持证类型', required: false, options: CERTIFICATE_TYPES.map((p) => p.label), example: '特种作业操作证', hint: '无证可不填' },
  { key: 'certNumber', label: '证书编号', required: false, example: 'T' + makeIdNumber('370481', '19900101', '123'), hint: '填写持证类型时必填' },
  { key: 'certIssuedOn', label: '发证日期', required: false, example: '2024-03-01', hint: '格式 YYYY-MM-DD' },
  { key: 'certExpiresOn', label: '有效期至', required: false, example: '2030-03-01', hint: '格式 YYYY-MM-DD' },
];

/** A valid row, ready to write (codes, not labels). */
export interface StaffImportRow {
  /** Excel row number (header = 1). */
  row: number;
  name: string;
  /** Normalised (upper-case X, half-width). */
  idNumber: string;
  phone?: string;
  /** Department name as written, or null. */
  departmentName: string | null;
  departmentId: string | null;
  postCategory: PostCategoryCode;
  employmentType: EmploymentTypeCode;
  certificates: Certificate[];
}

export interface StaffValidation {
  /** Data rows (non-empty rows below the header). */
  total: number;
  /** Rows without problems (a row with any problem is excluded). */
  rows: StaffImportRow[];
  problems: ImportProblem[];
}

export type StaffFileResult =
  | ({ ok: true } & StaffValidation)
  | { ok: false; code: 'IMPORT_INVALID' | 'IMPORT_TOO_LARGE'; reason: string };

export interface ValidateOptions {
  /**
   * The enterprise's departments (name → id). When given, an unknown 部门 is a problem; when
   * omitted (the console before the server dry run), department names are not checked.
   */
  departments?: ReadonlyMap<string, string>;
  today?: Date;
}

const headerKey = (h: unknown): string => normalizeCell(h).replace(/[*\s]/g, '');

const pad2 = (n: number) => String(n).padStart(2, '0');

function realDate(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d || y < 1900 || y > 2200) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Excel serial numbers and the date spellings people type → YYYY-MM-DD, or null. */
export function parseDateCell(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) {
    if (v < 1 || v > 150000) return null;
    const p = XLSX.SSF.parse_date_code(v);
    return p ? realDate(p.y, p.m, p.d) : null;
  }
  if (v instanceof Date && !Number.isNaN(v.getTime())) return realDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  const s = normalizeCell(v);
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? realDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

const allowed = (list: readonly { label: string }[]) => list.map((i) => i.label).join('、');

function codeOf<T extends string>(list: readonly { code: T; label: string }[], value: string): T | null {
  const hit = list.find((i) => i.label === value || i.code === value);
  return hit ? hit.code : null;
}

const isBlankRow = (r: readonly unknown[] | undefined) => !r || r.every((c) => normalizeCell(c) === '');

/**
 * Validates a sheet read as arrays (row 0 = header). Every problem is reported with its Excel row
 * number and column label; a row with any problem is left out of `rows`.
 */
export function validateStaffTable(table: readonly (readonly unknown[])[], opts: ValidateOptions = {}): StaffFileResult {
  const header = table[0] ?? [];
  const colIndex = new Map<ColumnKey, number>();
  const byLabel = new Map<string, ColumnKey>(IMPORT_COLUMNS.map((c) => [c.label, c.key]));
  header.slice(0, IMPORT_MAX_COLUMNS).forEach((h, i) => {
    const key = byLabel.get(headerKey(h));
    if (key && !colIndex.has(key)) colIndex.set(key, i);
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !colIndex.has(c.key)).map((c) => c.label);
  if (missing.length) return { ok: false, code: 'IMPORT_INVALID', reason: `缺少必填列：${missing.join('、')}（请使用下载的模板）` };

  let last = table.length - 1;
  while (last > 0 && isBlankRow(table[last])) last--;
  const dataRows = table.slice(1, last + 1);
  const total = dataRows.filter((r) => !isBlankRow(r)).length;
  if (total > IMPORT_MAX_ROWS) return { ok: false, code: 'IMPORT_TOO_LARGE', reason: `一次最多导入${IMPORT_MAX_ROWS}行，本文件有${total}行，请分批导入` };
  if (total === 0) return { ok: false, code: 'IMPORT_INVALID', reason: '文件中没有人员数据（第2行起填写）' };

  const problems: ImportProblem[] = [];
  const rows: StaffImportRow[] = [];
  const firstRowOfId = new Map<string, number>();
  const labelOfKey = new Map<ColumnKey, string>(IMPORT_COLUMNS.map((c) => [c.key, c.label]));
  const badRows = new Set<number>();

  dataRows.forEach((r, i) => {
    if (isBlankRow(r)) return;
    const row = i + 2;
    const raw = (k: ColumnKey): unknown => {
      const idx = colIndex.get(k);
      return idx === undefined ? undefined : r[idx];
    };
    const cell = (k: ColumnKey) => normalizeCell(raw(k));
    const problem = (k: ColumnKey, reason: string) => {
      problems.push({ row, column: labelOfKey.get(k) ?? k, reason });
      badRows.add(row);
    };
    for (const c of IMPORT_COLUMNS) if (c.required && cell(c.key) === '') problem(c.key, `${c.label}为必填项`);

    const name = cell('name');
    if (name && (name.length < 2 || name.length > 30)) problem('name', '姓名应为2-30个字');
    else if (name && !/^[\u4e00-\u9fa5·A-Za-z ]+$/.test(name)) problem('name', '姓名只能包含汉字、字母和间隔号');

    let idNumber = '';
    const rawId = raw('idNumber');
    if (typeof rawId === 'number') {
      problem('idNumber', '身份证号码被Excel存为数字，末几位可能已丢失，请将该列设为文本格式后重新填写');
    } else if (cell('idNumber')) {
      const r2 = checkIdNumber(cell('idNumber'), opts.today);
      if (!r2.ok) problem('idNumber', ID_NUMBER_PROBLEM_ZH[r2.problem]);
      else {
        idNumber = r2.value;
        const first = firstRowOfId.get(idNumber);
        if (first !== undefined) {
          problem('idNumber', `与第${first}行的身份证号码重复`);
          problems.push({ row: first, column: '身份证号码', reason: `与第${row}行的身份证号码重复` });
          badRows.add(first);
        } else firstRowOfId.set(idNumber, row);
      }
    }

    const phone = cell('phone').replace(/[\s-]/g, '');
    if (phone && !/^1\d{10}$/.test(phone)) problem('phone', '手机号码应为11位数字，以1开头');

    const departmentName = cell('department') || null;
    let departmentId: string | null = null;
    if (departmentName && hasUnsafeChars(departmentName)) problem('department', `部门${UNSAFE_TEXT_ZH}`);
    else if (departmentName && opts.departments) {
      const id = opts.departments.get(departmentName);
      if (id === undefined) problem('department', `本企业没有名为“${departmentName}”的部门，请先在部门管理中添加或改为已有部门`);
      else departmentId = id;
    }

    const postLabel = cell('postCategory');
    const postCategory = postLabel ? codeOf(POST_CATEGORIES, postLabel) : null;
    if (postLabel && !postCategory) problem('postCategory', `“${postLabel}”不是有效的岗位分类，可选：${allowed(POST_CATEGORIES)}`);
    const empLabel = cell('employmentType');
    const employmentType = empLabel ? codeOf(EMPLOYMENT_TYPES, empLabel) : null;
    if (empLabel && !employmentType) problem('employmentType', `“${empLabel}”不是有效的用工形式，可选：${allowed(EMPLOYMENT_TYPES)}`);

    const certificates: Certificate[] = [];
    const certLabel = cell('certType');
    const certNumber = cell('certNumber');
    const issuedRaw = raw('certIssuedOn');
    const expiresRaw = raw('certExpiresOn');
    const anyCert = certLabel || certNumber || cell('certIssuedOn') || cell('certExpiresOn');
    if (anyCert) {
      const type = certLabel ? codeOf(CERTIFICATE_TYPES, certLabel) : null;
      if (!certLabel) problem('certType', '填写了证书信息时，持证类型为必填项');
      else if (!type) problem('certType', `“${certLabel}”不是有效的持证类型，可选：${allowed(CERTIFICATE_TYPES)}`);
      if (!certNumber) problem('certNumber', '填写了持证类型时，证书编号为必填项');
      else if (certNumber.length > 40) problem('certNumber', '证书编号不能超过40个字符');
      else if (hasUnsafeChars(certNumber)) problem('certNumber', `证书编号${UNSAFE_TEXT_ZH}`);
      const issuedOn = cell('certIssuedOn') ? parseDateCell(issuedRaw) : null;
      const expiresOn = cell('certExpiresOn') ? parseDateCell(expiresRaw) : null;
      if (cell('certIssuedOn') && !issuedOn) problem('certIssuedOn', '发证日期不是有效日期，格式应为 YYYY-MM-DD');
      if (cell('certExpiresOn') && !expiresOn) problem('certExpiresOn', '有效期至不是有效日期，格式应为 YYYY-MM-DD');
      if (issuedOn && expiresOn && issuedOn >= expiresOn) problem('certExpiresOn', '有效期至应晚于发证日期');
      if (type && certNumber)
        certificates.push({ type, number: certNumber, ...(issuedOn ? { issuedOn } : {}), ...(expiresOn ? { expiresOn } : {}) });
    }

    if (!badRows.has(row) && idNumber && postCategory && employmentType) {
      rows.push({ row, name, idNumber, ...(phone ? { phone } : {}), departmentName, departmentId, postCategory, employmentType, certificates });
    }
  });
  const colOrder = (label: string) => IMPORT_COLUMNS.findIndex((c) => c.label === label);
  problems.sort((a, b) => a.row - b.row || colOrder(a.column) - colOrder(b.column));
  return { ok: true, total, rows: rows.filter((r) => !badRows.has(r.row)), problems };
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (b: Uint8Array, magic: number[]) => magic.every((x, i) => b[i] === x);

export type SheetRead = { ok: true; table: unknown[][] } | { ok: false; code: 'IMPORT_INVALID' | 'IMPORT_TOO_LARGE'; reason: string };

export interface SheetLimits {
  /** Data rows (past the header) the reader parses at most; one more tells "too many". */
  maxRows: number;
  maxColumns?: number;
  maxBytes?: number;
  /** What the rows are, for messages (人员, 试题, 成绩). */
  what?: string;
  /** Also accept UTF-8 CSV (every cell read as text: ID numbers keep their digits). */
  csv?: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads an untrusted spreadsheet: size and ZIP signature first, then the ZIP's declared and actual
 * inflated sizes (checkZip), then only the first sheet, values only (no formulas, HTML or styles),
 * parsing at most `maxRows` + 2 rows and `maxColumns` columns. With `csv`, a file that is not a ZIP
 * must be valid UTF-8 text without NUL bytes and is read as CSV with every cell as text.
 */
export function readSheetTable(data: Uint8Array | ArrayBuffer, limits: SheetLimits): SheetRead {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const maxBytes = limits.maxBytes ?? IMPORT_MAX_BYTES;
  const maxColumns = limits.maxColumns ?? IMPORT_MAX_COLUMNS;
  const what = limits.what ?? '数据';
  if (bytes.length > maxBytes) return { ok: false, code: 'IMPORT_TOO_LARGE', reason: `文件不能超过${maxBytes / 1024 / 1024}MB` };
  if (startsWith(bytes, CFB_MAGIC)) return { ok: false, code: 'IMPORT_INVALID', reason: '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后上传' };
  // Rows past the header, the limit and one more (to tell "too many") are skipped while reading.
  const sheetRows = limits.maxRows + 2;
  let wb: XLSX.WorkBook;
  if (bytes.length < 4 || !startsWith(bytes, ZIP_MAGIC)) {
    if (!limits.csv) return { ok: false, code: 'IMPORT_INVALID', reason: '文件不是 Excel (.xlsx) 格式，请使用下载的模板填写' };
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return { ok: false, code: 'IMPORT_INVALID', reason: '文件不是 Excel (.xlsx) 或 UTF-8 编码的 CSV 文件，请使用下载的模板填写' };
    }
    if (text.includes('\u0000') || text.trim() === '') return { ok: false, code: 'IMPORT_INVALID', reason: '文件不是 Excel (.xlsx) 或 UTF-8 编码的 CSV 文件，请使用下载的模板填写' };
    try {
      wb = XLSX.read(text.replace(/^\uFEFF/, ''), { type: 'string', raw: true, cellFormula: false, cellHTML: false, cellStyles: false, cellNF: false, cellText: false, sheetRows });
    } catch {
      return { ok: false, code: 'IMPORT_INVALID', reason: 'CSV 文件无法读取，请使用下载的模板填写' };
    }
  } else {
    const zip = checkZip(bytes, {
      maxEntries: IMPORT_MAX_ZIP_ENTRIES,
      maxEntryBytes: IMPORT_MAX_ENTRY_BYTES,
      maxTotalBytes: IMPORT_MAX_INFLATED_BYTES,
      maxBytesOf: (path) => (/sharedstrings[^/]*\.xml$/i.test(path) ? IMPORT_MAX_SHARED_STRINGS_BYTES : undefined),
    });
    if (!zip.ok) {
      return zip.tooLarge
        ? { ok: false, code: 'IMPORT_TOO_LARGE', reason: `文件内容过多（解压后超出限制），请只保留${what}，或分批导入` }
        : { ok: false, code: 'IMPORT_INVALID', reason: '文件已损坏或不是有效的 .xlsx 文件' };
    }
    try {
      wb = XLSX.read(bytes, { type: 'array', cellFormula: false, cellHTML: false, cellStyles: false, cellNF: false, cellText: false, bookVBA: false, sheets: 0, sheetRows });
    } catch {
      return { ok: false, code: 'IMPORT_INVALID', reason: '文件已损坏或不是有效的 .xlsx 文件' };
    }
  }
  const first = wb.SheetNames?.[0];
  // A sheet named like an Object.prototype member must not resolve to the prototype.
  const ws = typeof first === 'string' && Object.prototype.hasOwnProperty.call(wb.Sheets ?? {}, first) ? wb.Sheets[first] : undefined;
  if (!ws || typeof ws !== 'object' || typeof ws['!ref'] !== 'string') return { ok: false, code: 'IMPORT_INVALID', reason: '文件中没有可读取的工作表' };
  // The sheet goes on past the rows read (SheetJS keeps its full extent): more than the limit.
  const full = typeof ws['!fullref'] === 'string' ? XLSX.utils.decode_range(ws['!fullref']) : null;
  if (full && full.e.r >= sheetRows) {
    return { ok: false, code: 'IMPORT_TOO_LARGE', reason: `一次最多导入${limits.maxRows}行，本文件有${full.e.r}行（含空白但带格式的行），请删除多余的行或分批导入` };
  }
  const range = XLSX.utils.decode_range(ws['!ref']);
  range.s.r = 0;
  range.s.c = 0;
  range.e.c = Math.min(range.e.c, maxColumns - 1);
  range.e.r = Math.min(range.e.r, sheetRows - 1);
  const table = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true, range });
  return { ok: true, table: table.map((r) => (Array.isArray(r) ? Array.from(r) : [])) };
}

/** The staff template's sheet (xlsx only, IMPORT_MAX_ROWS rows, IMPORT_MAX_COLUMNS columns). */
export function readStaffSheet(data: Uint8Array | ArrayBuffer): SheetRead {
  return readSheetTable(data, { maxRows: IMPORT_MAX_ROWS, what: '人员数据' });
}

/** Reads and validates a file in one step (console: instant feedback; function: before writing). */
export function parseStaffFile(data: Uint8Array | ArrayBuffer, opts: ValidateOptions = {}): StaffFileResult {
  const sheet = readStaffSheet(data);
  if (!sheet.ok) return sheet;
  return validateStaffTable(sheet.table, opts);
}

/* ---------- template ---------- */

const LIST_SHEET = 'lists';
const GUIDE_SHEET = '填写说明';
const DROPDOWN_ROWS = IMPORT_MAX_ROWS + 1;

/** Column letters of the list columns in the main sheet and the hidden list sheet. */
function listColumns() {
  return IMPORT_COLUMNS.map((c, i) => ({ c, col: XLSX.utils.encode_col(i) })).filter((x) => x.c.options);
}

/**
 * The template workbook: 员工信息 (header with `*` on required columns, one example row, ID column
 * formatted as text), 填写说明 (every column's rule and allowed values) and a hidden `lists` sheet
 * that the dropdowns reference. SheetJS CE does not write data validations; `staffTemplateBytes`
 * adds them to the written file.
 */
export function buildStaffTemplate(): XLSX.WorkBook {
  const header = IMPORT_COLUMNS.map((c) => (c.required ? `${c.label}*` : c.label));
  const example = IMPORT_COLUMNS.map((c) => c.example);
  const ws = XLSX.utils.aoa_to_sheet([header, example]);
  // ID numbers and phone numbers must stay text, or Excel rounds them.
  for (const key of ['idNumber', 'phone', 'certNumber'] as ColumnKey[]) {
    const col = IMPORT_COLUMNS.findIndex((c) => c.key === key);
    const ref = XLSX.utils.encode_cell({ r: 1, c: col });
    ws[ref] = { t: 's', v: String(example[col]), z: '@' };
  }
  ws['!cols'] = IMPORT_COLUMNS.map((c) => ({ wch: c.key === 'idNumber' || c.key === 'certType' ? 24 : c.key === 'certNumber' ? 22 : 14 }));

  const lists = listColumns();
  const listRows: string[][] = [lists.map((x) => x.c.label)];
  const maxLen = Math.max(...lists.map((x) => x.c.options!.length));
  for (let i = 0; i < maxLen; i++) listRows.push(lists.map((x) => x.c.options![i] ?? ''));
  const listWs = XLSX.utils.aoa_to_sheet(listRows);

  const guide: string[][] = [['列名', '是否必填', '填写要求', '可选值']];
  for (const c of IMPORT_COLUMNS) guide.push([c.label, c.required ? '必填' : '选填', c.hint, c.options ? c.options.join('、') : '']);
  guide.push([], ['说明', '', `第1行为表头，请勿修改；第2行为示例，导入前请删除或替换。每次最多${IMPORT_MAX_ROWS}行，文件不超过2MB。`, '']);
  guide.push(['初始密码', '', '每位新导入人员获得一个随机的一次性密码，导入完成后只显示一次（可打印或导出），请告知本人；首次登录须修改。已在平台注册的人员不会被导入，须由本人在小程序中申请加入本企业。', '']);
  const guideWs = XLSX.utils.aoa_to_sheet(guide);
  guideWs['!cols'] = [{ wch: 12 }, { wch: 10 }, { wch: 60 }, { wch: 60 }];

  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, TEMPLATE_SHEET);
  XLSX.utils.book_append_sheet(wb, guideWs, GUIDE_SHEET);
  XLSX.utils.book_append_sheet(wb, listWs, LIST_SHEET);
  wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 0 }, { Hidden: 1 }] };
  return wb;
}

/** `<dataValidations>` for the list columns, referencing the hidden sheet. */
function dataValidationsXml(): string {
  const lists = listColumns();
  const items = lists.map((x, i) => {
    const listCol = XLSX.utils.encode_col(i);
    const end = x.c.options!.length + 1;
    return (
      `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="${x.c.label}" ` +
      `error="请从下拉列表中选择" sqref="${x.col}2:${x.col}${DROPDOWN_ROWS}"><formula1>${LIST_SHEET}!$${listCol}$2:$${listCol}$${end}</formula1></dataValidation>`
    );
  });
  return `<dataValidations count="${items.length}">${items.join('')}</dataValidations>`;
}

/**
 * The template as xlsx bytes with dropdowns: SheetJS CE (0.20.3) ignores `!dataValidation`, so the
 * written ZIP is opened with SheetJS's own CFB/ZIP module and the first sheet's XML gets a
 * `<dataValidations>` element at its schema position (before hyperlinks / margins / ignoredErrors).
 */
export function staffTemplateBytes(): Uint8Array {
  const written = XLSX.write(buildStaffTemplate(), { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
  const zip = XLSX.CFB.read(new Uint8Array(written), { type: 'array' });
  const idx = zip.FullPaths.findIndex((p: string) => p.endsWith('xl/worksheets/sheet1.xml'));
  const entry = idx >= 0 ? zip.FileIndex[idx] : undefined;
  if (!entry?.content) return new Uint8Array(written);
  const xml = new TextDecoder().decode(entry.content as Uint8Array);
  const at = xml.search(/<(hyperlinks|printOptions|pageMargins|pageSetup|headerFooter|rowBreaks|colBreaks|ignoredErrors|drawing|legacyDrawing|tableParts|extLst)[\s>/]|<\/worksheet>/);
  if (at < 0) return new Uint8Array(written);
  const patched = new TextEncoder().encode(xml.slice(0, at) + dataValidationsXml() + xml.slice(at));
  entry.content = patched as unknown as typeof entry.content;
  entry.size = patched.length;
  const out = XLSX.CFB.write(zip, { fileType: 'zip', type: 'array' }) as ArrayLike<number>;
  return out instanceof Uint8Array ? out : new Uint8Array(out);
}

/** Writes rows (header + data arrays) as an xlsx file — for tests and examples. */
export function tableToXlsx(table: unknown[][], sheetName = TEMPLATE_SHEET): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(table), sheetName);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

/** The header row of the template (labels with `*` on required columns). */
export const TEMPLATE_HEADER: readonly string[] = IMPORT_COLUMNS.map((c) => (c.required ? `${c.label}*` : c.label));
