import * as XLSX from 'xlsx';
import { baselineDocId, baselineRollupId, isPeriod, isUnderstaffed, parseHeadcount, validateBaselineTable } from './baselines';
import { baselineHeader, baselineTableToXlsx, baselineTemplateBytes, exportSheetBytes, parseBaselineFile } from './baselineSheet';
import { makeCreditCode } from './creditCode';

const A = makeCreditCode('370481', 'MA3C00001');
const B = makeCreditCode('370481', 'MA3C00002');
const badCheck = A.slice(0, 17) + (A[17] === '1' ? '2' : '1');

describe('baselines: rules', () => {
  it('periods are months; ids are deterministic per period, list and code', () => {
    expect(isPeriod('2026-11')).toBe(true);
    expect(isPeriod('2026-13')).toBe(false);
    expect(isPeriod('26-11')).toBe(false);
    expect(baselineDocId('2026-11', 'market', A)).toBe(`bl:2026-11:market:${A}`);
    expect(baselineRollupId('2026-11', '370481')).toBe('base:2026-11:370481');
  });

  it('understaffed: below half the insured headcount, firms of 5 insured or more', () => {
    expect(isUnderstaffed(4, 10)).toBe(true);
    expect(isUnderstaffed(5, 10)).toBe(false);
    expect(isUnderstaffed(0, 4)).toBe(false);
    expect(isUnderstaffed(0, 5)).toBe(true);
  });

  it('headcounts: integers from cells or text with separators', () => {
    expect(parseHeadcount(12)).toBe(12);
    expect(parseHeadcount('1,200')).toBe(1200);
    expect(parseHeadcount('１２')).toBe(12);
    expect(parseHeadcount(1.5)).toBeNull();
    expect(parseHeadcount('-3')).toBeNull();
    expect(parseHeadcount('十')).toBeNull();
    expect(parseHeadcount(2_000_000)).toBeNull();
  });
});

describe('baselines: validating a sheet', () => {
  it('reports each problem with its Excel row and column', () => {
    const r = validateBaselineTable(
      [
        baselineHeader('market'),
        [A, '甲公司', '370481', '机械'],
        [badCheck, '乙公司', '370481', '机械'],
        [B, '丙公司', '', '养殖'],
        [],
        [B, '丁', '370481', '商贸'],
        ['', '戊公司', '370481', '商贸'],
      ],
      'market',
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.total).toBe(5);
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [3, '统一社会信用代码'],
      [4, '统一社会信用代码'],
      [4, '所属区划'],
      [4, '行业'],
      [6, '统一社会信用代码'],
      [6, '企业名称'],
      [7, '统一社会信用代码'],
    ]);
    expect(r.problems[1].reason).toContain('第6行');
    expect(r.rows.map((x) => x.row)).toEqual([2]);
    expect(r.rows[0]).toMatchObject({ creditCode: A, region: '370481', industry: 'machinery' });
  });

  it('refuses a sheet without the required columns, or without rows', () => {
    expect(validateBaselineTable([['企业名称', '参保人数']], 'insured')).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });
    expect(validateBaselineTable([baselineHeader('insured')], 'insured')).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });
  });

  it('reads its own template, xlsx files and UTF-8 csv', () => {
    for (const list of ['market', 'insured'] as const) {
      const r = parseBaselineFile(baselineTemplateBytes(list), list);
      expect(r).toMatchObject({ ok: true, total: 1, problems: [] });
    }
    expect(parseBaselineFile(baselineTableToXlsx([baselineHeader('insured'), [A, '', 30]], 'insured'), 'insured')).toMatchObject({ ok: true, rows: [{ creditCode: A, insured: 30 }] });
    const csv = new TextEncoder().encode(`\uFEFF统一社会信用代码*,企业名称,参保人数*\n${A},甲公司,0012\n`);
    expect(parseBaselineFile(csv, 'insured')).toMatchObject({ ok: true, rows: [{ creditCode: A, name: '甲公司', insured: 12 }] });
    expect(parseBaselineFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'market')).toMatchObject({ ok: false, code: 'IMPORT_INVALID' });
  });

  it('exports neutralise formulas in text cells and keep numbers', () => {
    const bytes = exportSheetBytes('未注册企业', ['名称', '人数'], [['=HYPERLINK("x")', 3], ['+1', null]]);
    const ws = XLSX.read(bytes, { type: 'array' }).Sheets['未注册企业'];
    expect(ws.A1.v).toBe('未注册企业');
    expect(ws.A3.v).toBe(`'=HYPERLINK("x")`);
    expect(ws.A3.f).toBeUndefined();
    expect(ws.B3.v).toBe(3);
    expect(ws.A4.v).toBe(`'+1`);
    expect(ws['!merges']).toEqual([{ s: { r: 0, c: 0 }, e: { r: 0, c: 1 } }]);
  });
});
