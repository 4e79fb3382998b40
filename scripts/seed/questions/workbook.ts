import * as XLSX from 'xlsx';
import { QUESTION_TEMPLATE_COLUMNS, QUESTION_TEMPLATE_SHEET, questionToRow, validateQuestion } from '../../../shared/exam/questions';
import type { SeedQuestion } from './builder';
import { DEMO_QUESTIONS } from './index';

/** Header as the downloadable template has it (required columns marked *). */
export const QUESTION_SHEET_HEADER = QUESTION_TEMPLATE_COLUMNS.map((c) => (c.required ? `${c.label}*` : c.label));

/**
 * Questions as an .xlsx in the 题库导入 template format (sheet 试题, header row, one question per
 * row), exactly what a regulator uploads. Pure function of the questions, so the same data makes the
 * same rows (the import keys lineages by the file's hash and row: a re-import adds nothing anyway).
 */
export function questionWorkbook(questions: readonly SeedQuestion[] = DEMO_QUESTIONS): Buffer {
  const rows = [
    QUESTION_SHEET_HEADER,
    ...questions.map((q) => {
      const checked = validateQuestion(q);
      if (!checked.ok) throw new Error(`invalid seed question "${q.stem}": ${checked.problems.map((p) => p.message).join('; ')}`);
      return questionToRow(checked.content);
    }),
  ];
  const ws = XLSX.utils.aoa_to_sheet(rows);
  ws['!cols'] = QUESTION_TEMPLATE_COLUMNS.map((c) => ({ wch: c.key === 'stem' || c.key === 'analysis' ? 60 : c.key.startsWith('option') ? 24 : 12 }));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, QUESTION_TEMPLATE_SHEET);
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}
