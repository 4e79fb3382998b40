import * as XLSX from 'xlsx';
import type { ImportCredential } from './contracts/imports';

/**
 * A cell a spreadsheet would evaluate (= + - @, also after a tab/CR) gets a leading apostrophe, so a
 * name typed into an import file cannot become a formula in the exported password list.
 */
export const neutraliseFormula = (v: string): string => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

export const CREDENTIALS_HEADER = ['行号', '姓名', '身份证号', '初始密码'] as const;

/** The one-time password list as an .xlsx workbook (every cell a string). */
export function credentialsSheetBytes(credentials: ImportCredential[]): Uint8Array {
  const rows = [
    [...CREDENTIALS_HEADER],
    ...credentials.map((c) => [String(c.row), neutraliseFormula(c.name), neutraliseFormula(c.idMasked), neutraliseFormula(c.oneTimePassword)]),
  ];
  const ws = XLSX.utils.aoa_to_sheet(rows);
  ws['!cols'] = [{ wch: 6 }, { wch: 12 }, { wch: 22 }, { wch: 14 }];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '新账号初始密码');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}
