import { execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as XLSX from 'xlsx';
import { rebuildXlsx, zeroBomb } from '../scripts/testing/zipFixtures';
import { makeIdNumber } from './idNumber';
import {
  buildStaffTemplate,
  IMPORT_MAX_ENTRY_BYTES,
  IMPORT_MAX_ROWS,
  IMPORT_MAX_SHARED_STRINGS_BYTES,
  parseDateCell,
  parseStaffFile,
  readStaffSheet,
  staffTemplateBytes,
  tableToXlsx,
  TEMPLATE_HEADER,
  validateStaffTable,
} from './staffImport';

const ID1 = makeIdNumber('370481', '19900101', '123');
const ID2 = makeIdNumber('370481', '19851231', '456');
const ID3 = makeIdNumber('370402', '20000229', '789');
const badChecksum = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

const row = (over: Partial<Record<string, unknown>> = {}) => {
  const base: Record<string, unknown> = {
    name: '张三',
    id: ID1,
    phone: '13800000000',
    dept: '',
    post: '其他从业人员',
    emp: '正式员工',
    certType: '',
    certNo: '',
    issued: '',
    expires: '',
    ...over,
  };
  return [base.name, base.id, base.phone, base.dept, base.post, base.emp, base.certType, base.certNo, base.issued, base.expires];
};
const table = (...rows: unknown[][]) => [[...TEMPLATE_HEADER], ...rows];
const ok = (r: ReturnType<typeof validateStaffTable>) => {
  if (!r.ok) throw new Error(`expected ok: ${r.reason}`);
  return r;
};

describe('validateStaffTable', () => {
  it('accepts a valid row and maps labels to codes', () => {
    const r = ok(validateStaffTable(table(row({ certType: '特种作业操作证', certNo: 'T1', issued: '2024/3/1', expires: '2030年3月1日' }))));
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      {
        row: 2,
        name: '张三',
        idNumber: ID1,
        phone: '13800000000',
        departmentName: null,
        departmentId: null,
        postCategory: 'otherWorker',
        employmentType: 'regular',
        certificates: [{ type: 'specialOperation', number: 'T1', issuedOn: '2024-03-01', expiresOn: '2030-03-01' }],
      },
    ]);
  });

  it('normalises full-width characters, spaces and a lower-case x', () => {
    const idX = [...Array(1000).keys()].map((n) => makeIdNumber('370481', '19900101', String(n).padStart(3, '0'))).find((i) => i.endsWith('X'))!;
    const fullWidth = idX.slice(0, 17).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) + 'ｘ';
    const r = ok(validateStaffTable(table(row({ id: ` ${fullWidth}\u3000`, phone: '１３８００００００００', name: '　李四 ' }))));
    expect(r.problems).toEqual([]);
    expect(r.rows[0]).toMatchObject({ idNumber: idX, phone: '13800000000', name: '李四' });
    const lower = ok(validateStaffTable(table(row({ id: idX.toLowerCase() }))));
    expect(lower.rows[0].idNumber).toBe(idX);
  });

  it('reports every problem kind with row number, column and a specific reason', () => {
    const r = ok(
      validateStaffTable(
        table(
          row({ name: '' }), // 2: missing name
          row({ id: badChecksum(ID2) }), // 3: checksum
          row({ id: '370481199002301234' }), // 4: impossible birth date
          row({ id: '12345' }), // 5: format
          row({ id: ID3, phone: '12345' }), // 6: phone
          row({ id: makeIdNumber('370481', '19700101', '001'), post: '厂长' }), // 7: unknown post category
          row({ id: makeIdNumber('370481', '19700101', '002'), emp: '' }), // 8: missing employment type
          row({ id: makeIdNumber('370481', '19700101', '003'), certType: '驾照', certNo: '' }), // 9: cert type + number
          row({ id: makeIdNumber('370481', '19700101', '004'), certType: '特种作业操作证', certNo: 'X', issued: '2024-02-30' }), // 10: date
          row({ id: makeIdNumber('370481', '19700101', '005'), dept: '不存在的部门' }), // 11: department
          row({ id: makeIdNumber('370481', '19700101', '006'), certType: '特种作业操作证', certNo: 'X', issued: '2024-01-01', expires: '2023-01-01' }), // 12
        ),
        { departments: new Map([['生产部', 'd1']]) },
      ),
    );
    const got = r.problems.map((p) => [p.row, p.column, p.reason]);
    expect(got).toEqual(
      expect.arrayContaining([
        [2, '姓名', '姓名为必填项'],
        [3, '身份证号码', '身份证号码校验位不正确，请核对'],
        [4, '身份证号码', '身份证号码中的出生日期不是真实日期'],
        [5, '身份证号码', '身份证号码应为18位，最后一位可以是数字或X'],
        [6, '手机号码', '手机号码应为11位数字，以1开头'],
        [8, '用工形式', '用工形式为必填项'],
        [9, '证书编号', '填写了持证类型时，证书编号为必填项'],
        [10, '发证日期', '发证日期不是有效日期，格式应为 YYYY-MM-DD'],
        [12, '有效期至', '有效期至应晚于发证日期'],
      ]),
    );
    expect(r.problems.find((p) => p.row === 7)).toMatchObject({ column: '岗位分类' });
    expect(r.problems.find((p) => p.row === 7)!.reason).toContain('可选：主要负责人');
    expect(r.problems.find((p) => p.row === 9 && p.column === '持证类型')!.reason).toContain('“驾照”不是有效的持证类型');
    expect(r.problems.find((p) => p.row === 11)).toMatchObject({ column: '部门' });
    expect(r.problems.find((p) => p.row === 11)!.reason).toContain('不存在的部门');
    expect(r.rows).toEqual([]);
    expect(r.total).toBe(11);
  });

  it('skips the department check when no department list is given, and maps names to ids when it is', () => {
    expect(ok(validateStaffTable(table(row({ dept: '任意' })))).problems).toEqual([]);
    const r = ok(validateStaffTable(table(row({ dept: '生产部' })), { departments: new Map([['生产部', 'd1']]) }));
    expect(r.rows[0]).toMatchObject({ departmentName: '生产部', departmentId: 'd1' });
  });

  it('reports both rows of a duplicate ID number (also across spellings)', () => {
    const r = ok(validateStaffTable(table(row(), row({ id: ID2 }), row({ id: ID1.toLowerCase(), name: '王五' }))));
    expect(r.problems).toEqual([
      { row: 2, column: '身份证号码', reason: '与第4行的身份证号码重复' },
      { row: 4, column: '身份证号码', reason: '与第2行的身份证号码重复' },
    ]);
    expect(r.rows.map((x) => x.row)).toEqual([3]);
  });

  it('skips blank rows but keeps Excel row numbers', () => {
    const r = ok(validateStaffTable(table(row(), [], [null, '', '  '], row({ id: badChecksum(ID2) }))));
    expect(r.total).toBe(2);
    expect(r.problems).toEqual([{ row: 5, column: '身份证号码', reason: '身份证号码校验位不正确，请核对' }]);
  });

  it('flags an ID number stored as a number (precision lost)', () => {
    const r = ok(validateStaffTable(table(row({ id: 370481199001011230 }))));
    expect(r.problems[0]).toMatchObject({ row: 2, column: '身份证号码' });
    expect(r.problems[0].reason).toContain('文本格式');
  });

  it('accepts header labels without the required marker and with extra columns, and needs every required column', () => {
    const header = ['备注', '姓名', '身份证号码', '岗位分类', '用工形式', '__proto__', 'constructor'];
    const r = ok(validateStaffTable([header, ['x', '张三', ID1, '班组长', '劳务派遣', '{"a":1}', 'y']]));
    expect(r.rows[0]).toMatchObject({ postCategory: 'teamLeader', employmentType: 'dispatched' });
    const missing = validateStaffTable([['姓名', '手机号码'], ['张三', '13800000000']]);
    expect(missing).toEqual({ ok: false, code: 'IMPORT_INVALID', reason: expect.stringContaining('身份证号码、岗位分类、用工形式') });
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });

  it('enforces the row limit and refuses an empty file', () => {
    const many = Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => row({ id: makeIdNumber('370481', '19900101', String(i % 1000).padStart(3, '0')) }));
    expect(validateStaffTable(table(...many))).toMatchObject({ ok: false, code: 'IMPORT_TOO_LARGE' });
    expect(validateStaffTable(table())).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });
  });
});

describe('readStaffSheet / parseStaffFile', () => {
  it('round-trips a generated file and reports problems by Excel row', () => {
    const file = tableToXlsx(table(row(), row({ id: badChecksum(ID2), post: '老板' })));
    const r = parseStaffFile(file);
    if (!r.ok) throw new Error(r.reason);
    expect(r.rows).toHaveLength(1);
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [3, '身份证号码'],
      [3, '岗位分类'],
    ]);
  });

  it('rejects files that are not xlsx, too large, or old .xls', () => {
    expect(readStaffSheet(new TextEncoder().encode('姓名,身份证号码\n张三,1'))).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });
    expect(readStaffSheet(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toMatchObject({ ok: false, code: 'IMPORT_INVALID', reason: expect.stringContaining('.xls') });
    expect(readStaffSheet(new Uint8Array(2 * 1024 * 1024 + 1))).toMatchObject({ ok: false, code: 'IMPORT_TOO_LARGE' });
    const brokenZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    expect(readStaffSheet(brokenZip)).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });
  });

  it('reads only the first sheet and at most 20 columns; hostile names do not pollute prototypes', () => {
    const wb = XLSX.utils.book_new();
    const wide = [[...TEMPLATE_HEADER, ...Array.from({ length: 30 }, (_, i) => `c${i}`)], [...row(), ...Array.from({ length: 30 }, () => 'x')]];
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(wide), 'constructor');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['ignored']]), '__proto__');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }));
    const s = readStaffSheet(bytes);
    if (!s.ok) throw new Error(s.reason);
    expect(Math.max(...s.table.map((r) => r.length))).toBe(20);
    expect(({} as Record<string, unknown>).ignored).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('0');
    const parsed = parseStaffFile(bytes);
    expect(parsed.ok && parsed.rows.length).toBe(1);

    const proto = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(proto, XLSX.utils.aoa_to_sheet(table(row())), '__proto__');
    const r = readStaffSheet(new Uint8Array(XLSX.write(proto, { type: 'array', bookType: 'xlsx' })));
    // Either read safely or refused; never a crash or a polluted prototype.
    expect(typeof r.ok).toBe('boolean');
    expect(Object.prototype).not.toHaveProperty('!ref');
  });

  it('ignores formulas (values only)', () => {
    const ws = XLSX.utils.aoa_to_sheet(table(row()));
    ws.A2 = { t: 's', v: '张三', f: 'HYPERLINK("http://evil","x")' };
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    const s = readStaffSheet(new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' })));
    expect(s.ok && s.table[1][0]).toBe('张三');
  });
});

describe('abuse limits: files are checked before they are inflated', () => {
  const withSst = () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(table(row())), '员工信息');
    return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', bookSST: true }));
  };
  const SHEET = 'xl/worksheets/sheet1.xml';
  const xml = (body: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${body}</worksheet>`);
  /** ~`mb` MiB of sheet XML: one tiny cell a row. */
  const manyRows = (mb: number) => {
    const rows: string[] = [];
    for (let r = 1, size = 0; size < mb * 1024 * 1024; r++) {
      const x = `<row r="${r}"><c r="A${r}" t="s"><v>0</v></c></row>`;
      rows.push(x);
      size += x.length;
    }
    return xml(`<sheetData>${rows.join('')}</sheetData>`);
  };

  it('refuses a 1 MB file that says it inflates to 1 GB, at once', async () => {
    const file = rebuildXlsx(withSst(), { [SHEET]: { deflated: await zeroBomb(1024), usz: 1024 * 1024 * 1024 } });
    expect(file.length).toBeLessThan(1.1 * 1024 * 1024);
    // Refused by the declared sizes, before any inflating (how fast: `npm run bench`, never a timed assertion).
    expect(parseStaffFile(file)).toMatchObject({ ok: false, code: 'IMPORT_TOO_LARGE' });
  });

  it('refuses a file whose headers lie about a 1 GB entry, stopping at the declared size', async () => {
    const file = rebuildXlsx(withSst(), { [SHEET]: { deflated: await zeroBomb(1024), usz: 50_000 } });
    expect(parseStaffFile(file)).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });
  });

  it('refuses shared strings past their own limit', () => {
    const sst = Buffer.from(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>a</t></si>'.repeat(IMPORT_MAX_SHARED_STRINGS_BYTES / 16)}</sst>`);
    expect(parseStaffFile(rebuildXlsx(withSst(), { 'xl/sharedStrings.xml': sst }))).toMatchObject({ ok: false, code: 'IMPORT_TOO_LARGE' });
  });

  it('stops reading rows past the limit, and tells a sheet that goes on past them (not a silent cut)', () => {
    const many = rebuildXlsx(withSst(), { [SHEET]: manyRows(0.5) });
    const read = readStaffSheet(many); // ~11,000 rows, no <dimension>: only the first 5,002 are read
    expect(read.ok && read.table.length).toBe(IMPORT_MAX_ROWS + 2);
    // Two rows, a gap, then one more far below the limit: refused rather than imported without it.
    const cells = (r: number) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>张三</t></is></c></row>`;
    const gap = rebuildXlsx(withSst(), { [SHEET]: xml(`<dimension ref="A1:A9000"/><sheetData>${cells(1)}${cells(2)}${cells(9000)}</sheetData>`) });
    expect(readStaffSheet(gap)).toMatchObject({ ok: false, code: 'IMPORT_TOO_LARGE', reason: expect.stringContaining('8999') });
  });

  it('parses the worst file within the limits in under 200 MB (fresh process; its time is in `npm run bench`)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'anxue-import-'));
    const worst = join(dir, 'worst.xlsx');
    const sst = Buffer.from(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>a</t></si>'.repeat(Math.floor((IMPORT_MAX_SHARED_STRINGS_BYTES - 1024) / 17))}</sst>`);
    const file = rebuildXlsx(withSst(), { [SHEET]: manyRows(IMPORT_MAX_ENTRY_BYTES / 1024 / 1024 - 0.1), 'xl/sharedStrings.xml': sst });
    expect(file.length).toBeLessThan(2 * 1024 * 1024);
    writeFileSync(worst, file);
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, '../scripts/testing/parsePeak.ts'), worst], { encoding: 'utf8' });
    const r = JSON.parse(out) as { ms: number; peakMB: number; ok: boolean; code?: string };
    console.log(`worst file within the limits: ${file.length} bytes, ${r.ms} ms, +${r.peakMB} MB peak`);
    expect(r.ok).toBe(false); // no 姓名 column: what matters is that it was read within bounds
    expect(r.peakMB).toBeLessThan(200);
  }, 30_000);

  it('rejects control and bidi characters in names, departments and certificate numbers', () => {
    const r = ok(
      validateStaffTable(
        table(
          row({ name: '张\t三' }),
          row({ id: ID2, name: '李\u202e四' }),
          row({ id: ID3, dept: '车间\u0000', certType: '特种作业操作证', certNo: 'T1\u2066' }),
        ),
      ),
    );
    expect(r.rows).toHaveLength(0);
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [2, '姓名'],
      [3, '姓名'],
      [4, '部门'],
      [4, '证书编号'],
    ]);
  });
});

describe('template', () => {
  it('has the header, an example row that validates, a guide and a hidden list sheet', () => {
    const wb = buildStaffTemplate();
    expect(wb.SheetNames).toEqual(['员工信息', '填写说明', 'lists']);
    expect(wb.Workbook?.Sheets?.[2].Hidden).toBe(1);
    const bytes = staffTemplateBytes();
    const r = parseStaffFile(bytes);
    if (!r.ok) throw new Error(r.reason);
    expect(r.problems).toEqual([]);
    expect(r.total).toBe(1);
    const back = XLSX.read(bytes, { type: 'array' });
    expect(XLSX.utils.sheet_to_json(back.Sheets['员工信息'], { header: 1 })[0]).toEqual([...TEMPLATE_HEADER]);
    expect(TEMPLATE_HEADER.slice(0, 2)).toEqual(['姓名*', '身份证号码*']);
  });

  it('writes dropdown data validations for 岗位分类 / 用工形式 / 持证类型', () => {
    const zip = XLSX.CFB.read(staffTemplateBytes(), { type: 'array' });
    const i = zip.FullPaths.findIndex((p: string) => p.endsWith('xl/worksheets/sheet1.xml'));
    const xml = new TextDecoder().decode(zip.FileIndex[i].content as Uint8Array);
    expect(xml).toContain('<dataValidations count="3">');
    expect(xml).toContain('sqref="E2:E5001"><formula1>lists!$A$2:$A$9</formula1>');
    expect(xml).toContain('sqref="F2:F5001"><formula1>lists!$B$2:$B$6</formula1>');
    expect(xml).toContain('sqref="G2:G5001"><formula1>lists!$C$2:$C$4</formula1>');
    expect(xml.indexOf('<dataValidations')).toBeGreaterThan(xml.indexOf('</sheetData>'));
  });
});

describe('helpers', () => {
  it('parses Excel serial dates and typed dates', () => {
    expect(parseDateCell(45352)).toBe('2024-03-01');
    expect(parseDateCell('20240301')).toBe('2024-03-01');
    expect(parseDateCell('2024.3.1')).toBe('2024-03-01');
    expect(parseDateCell('2023-02-29')).toBeNull();
    expect(parseDateCell('明天')).toBeNull();
  });
});
