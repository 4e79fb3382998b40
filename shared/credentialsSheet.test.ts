import * as XLSX from 'xlsx';
import { credentialsSheetBytes, neutraliseFormula } from './credentialsSheet';

describe('credentials sheet', () => {
  it('neutralises cells a spreadsheet would evaluate', () => {
    for (const v of ['=1+1', '+86', '-2', '@SUM(A1)', '\t=x']) expect(neutraliseFormula(v)).toBe(`'${v}`);
    expect(neutraliseFormula('张三')).toBe('张三');
    expect(neutraliseFormula('Ax12=3')).toBe('Ax12=3');
  });

  it('writes row, name, masked ID and password as plain strings', () => {
    const bytes = credentialsSheetBytes([
      { row: 2, name: '=HYPERLINK("x")', idMasked: '1101**********0011', oneTimePassword: 'k7Pq2mZx' },
      { row: 3, name: '李四', idMasked: '1101**********002X', oneTimePassword: '-abc' },
    ]);
    const wb = XLSX.read(bytes, { type: 'array' });
    const ws = wb.Sheets[wb.SheetNames[0]];
    const rows = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 });
    expect(rows).toEqual([
      ['行号', '姓名', '身份证号', '初始密码'],
      ['2', `'=HYPERLINK("x")`, '1101**********0011', 'k7Pq2mZx'],
      ['3', '李四', '1101**********002X', `'-abc`],
    ]);
    expect(ws.B2.f).toBeUndefined();
  });
});
