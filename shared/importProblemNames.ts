import type { ImportProblem } from './contracts/imports';

/**
 * Adds the row's 姓名 cell to problems that lack it (the in-browser check reports row and column
 * only), so the admin sees whose row it is. `table` is the sheet as read (header in row 1).
 */
export function withRowNames(problems: ImportProblem[], table: unknown[][]): ImportProblem[] {
  const header = (table[0] ?? []).map((h) => String(h ?? '').replace(/[*＊]/g, '').trim());
  const col = header.indexOf('姓名');
  if (col < 0) return problems;
  return problems.map((p) => {
    if (p.name) return p;
    const cell = table[p.row - 1]?.[col];
    const name = cell == null ? '' : String(cell).trim().slice(0, 30);
    return name ? { ...p, name } : p;
  });
}
